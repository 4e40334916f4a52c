import { readFile } from 'node:fs/promises';
import { createPublicKey } from 'node:crypto';
import {
  assertValid, OFFLINE_TOKEN_KIND, OfflineEnrollmentToken, offlineAgentId, parseJson, signBytes,
  type EnrollmentEnvelope, type OfflineEnrollRequest,
} from '@zhengban/shared';
import { saveConfigFile } from '../config/load.js';
import type { AgentConfig } from '../config/schema.js';
import type { AgentKey } from '../keys/key-file.js';
import type { Identity } from '../commands/identity.js';
import { writeEnrollmentFile } from './enrollment-file.js';
import { OfflineFileError, OfflineTokenExpiredError } from './errors.js';

/** Reads and checks the file `zhengban-collector enrollment create --offline` wrote. */
export async function readTokenFile(file: string, now: Date): Promise<OfflineEnrollmentToken> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new OfflineFileError(`cannot read token file ${file}: ${(err as Error).message}`, err);
  }
  let value: unknown;
  try {
    value = parseJson(text.replace(/^\uFEFF/, ''), `token file ${file}`);
  } catch (err) {
    throw new OfflineFileError((err as Error).message, err);
  }
  if ((value as { kind?: unknown } | null)?.kind !== OFFLINE_TOKEN_KIND) {
    throw new OfflineFileError(`${file} is not an offline enrollment token (made by: zhengban-collector enrollment create --offline)`);
  }
  let token: OfflineEnrollmentToken;
  try {
    token = assertValid(OfflineEnrollmentToken, value, `token file ${file}`);
  } catch (err) {
    throw new OfflineFileError((err as Error).message, err);
  }
  if (Date.parse(token.expiresAt) <= now.getTime()) throw new OfflineTokenExpiredError(file, token.expiresAt);
  return token;
}

/**
 * Enrollment with no route to the collector: the agent takes the id its key implies,
 * signs its enrollment request, and keeps it to go out in every bundle; the collector
 * registers the machine when it imports the first one.
 */
export async function enrollOffline(d: {
  config: AgentConfig;
  token: OfflineEnrollmentToken;
  key: AgentKey;
  identity: Identity;
  agentVersion: string;
  now: Date;
}): Promise<{ agentId: string; unit: string; network: string }> {
  const der = createPublicKey(d.key.publicKeyPem).export({ type: 'spki', format: 'der' });
  const agentId = offlineAgentId(der);
  const request: OfflineEnrollRequest = {
    token: d.token.token,
    publicKey: d.key.publicKeyPem,
    ...d.identity,
    agentVersion: d.agentVersion,
    agentId,
    network: d.token.network,
    requestedAt: d.now.toISOString(),
  };
  const payload = JSON.stringify(request);
  const envelope: EnrollmentEnvelope = { kind: 'enrollment', agentId, payload, signature: signBytes(Buffer.from(payload, 'utf8'), d.key.privateKey) };
  await writeEnrollmentFile(d.config, envelope);
  const { serverUrl: _online, caFile: _ca, ...rest } = d.config.file;
  await saveConfigFile(d.config.configFile, { ...rest, agentId, unit: d.token.unit, network: d.token.network });
  return { agentId, unit: d.token.unit, network: d.token.network };
}
