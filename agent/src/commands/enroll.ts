import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig, saveConfigFile } from '../config/load.js';
import { AlreadyEnrolledError, UsageError } from '../config/errors.js';
import type { ConfigLocation } from '../config/paths.js';
import { ensureKeyFile } from '../keys/key-file.js';
import { enrollOffline, readTokenFile } from '../offline/enroll-offline.js';
import { CollectorClient, normalizeServerUrl, readCaFile } from '../transport/collector-client.js';
import { KeyAlreadyEnrolledError, RejectedError } from '../transport/errors.js';
import { AGENT_VERSION } from '../version.js';
import { cheapIdentity, identityFromSnapshot, type Identity } from './identity.js';
import type { BuildSnapshot, Io } from './io.js';
import { USER_AGENT } from './report-command.js';

export interface EnrollOptions {
  io: Io;
  location: ConfigLocation;
  /** Online: the collector's URL and an enrollment token. */
  server?: string | undefined;
  token?: string | undefined;
  /** Offline: the token file `enrollment create --offline` wrote, instead of server and token. */
  offline?: string | undefined;
  ca?: string | undefined;
  force?: boolean | undefined;
  /** Replace the key: enrolling as a new machine with a collector that knows the old key. */
  newKey?: boolean | undefined;
  cwd?: string;
  buildSnapshot?: BuildSnapshot;
  platform?: NodeJS.Platform;
}

/**
 * Creates (or reuses) the key, registers its public half with the collector, and
 * records the answer in the config file. Checks everything local before the token
 * is spent: URL, enrollment state, CA file, key file.
 */
export async function enrollCommand(o: EnrollOptions): Promise<number> {
  if (o.offline !== undefined) {
    if (o.server !== undefined || o.token !== undefined || o.ca !== undefined) throw new UsageError('--offline takes the token file alone: leave out --server, --token and --ca');
    return enrollOfflineCommand(o, o.offline);
  }
  if (o.server === undefined || o.token === undefined) throw new UsageError('give --server URL and --token TOKEN, or --offline TOKEN_FILE');
  const serverUrl = normalizeServerUrl(o.server);
  const config = await loadConfig(o.location);
  if (config.agentId && !o.force) throw new AlreadyEnrolledError(config.agentId, config.serverUrl);
  const caFile = o.ca ? resolve(o.cwd ?? process.cwd(), o.ca) : config.caFile;
  const ca = caFile ? await readCaFile(caFile) : undefined;
  const key = await ensureKeyFile(config.keyFile, o.platform, o.newKey === true);
  if (key.created) o.io.err(`zhengban-agent: created key ${config.keyFile}`);

  const identity = await readIdentity(o.buildSnapshot, o.platform);
  const client = new CollectorClient({
    serverUrl, ca, userAgent: USER_AGENT,
    connectTimeoutMs: config.timeouts.connectMs, timeoutMs: config.timeouts.requestMs,
  });
  const answer = await client.enroll({ token: o.token, publicKey: key.publicKeyPem, ...identity, agentVersion: AGENT_VERSION }).catch((err: unknown) => {
    if (err instanceof RejectedError && err.collectorCode === 'E_KEY_ENROLLED') throw new KeyAlreadyEnrolledError(err, config.keyFile);
    throw err;
  });

  const { network: _offline, ...kept } = config.file;
  const file = { ...kept, serverUrl: client.serverUrl, agentId: answer.agentId, unit: answer.unit };
  // Absolute, so the config still works when a service starts it from another folder.
  if (o.ca && caFile) file.caFile = caFile;
  await saveConfigFile(config.configFile, file);
  // Enrolled online now: snapshots are sent, no longer carried out in bundles.
  await rm(config.enrollmentFile, { force: true });
  o.io.out(`enrolled as agent ${answer.agentId} in unit ${answer.unit} with ${client.serverUrl}`);
  o.io.out(`config written to ${config.configFile}`);
  return 0;
}

export async function enrollOfflineCommand(o: EnrollOptions, tokenFile: string): Promise<number> {
  const config = await loadConfig(o.location);
  if (config.agentId && !o.force) throw new AlreadyEnrolledError(config.agentId, config.serverUrl);
  const now = new Date();
  const token = await readTokenFile(resolve(o.cwd ?? process.cwd(), tokenFile), now);
  await mkdir(config.stateDir, { recursive: true, mode: 0o700 });
  const key = await ensureKeyFile(config.keyFile, o.platform, o.newKey === true);
  if (key.created) o.io.err(`zhengban-agent: created key ${config.keyFile}`);
  const identity = await readIdentity(o.buildSnapshot, o.platform);
  const done = await enrollOffline({ config, token, key, identity, agentVersion: AGENT_VERSION, now });
  o.io.out(`enrolled offline as agent ${done.agentId} in unit ${done.unit}${done.network ? ` (network ${done.network})` : ''}`);
  o.io.out('the collector registers this machine when it imports the first bundle: zhengban-agent export --out FILE');
  o.io.out(`config written to ${config.configFile}`);
  return 0;
}

async function readIdentity(build: BuildSnapshot | undefined, platform: NodeJS.Platform | undefined): Promise<Identity> {
  try {
    const builder = build ?? (await import('../snapshot/build.js')).buildSnapshot;
    return identityFromSnapshot(await builder({ agentId: null, seq: 0 }));
  } catch {
    return cheapIdentity(platform);
  }
}
