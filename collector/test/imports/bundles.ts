import { createPublicKey } from 'node:crypto';
import {
  bundleText, generateKeyPair, offlineAgentId, sealEnvelope, signBytes,
  type EnrollmentEnvelope, type KeyPairPem, type OfflineEnrollRequest, type Snapshot,
} from '@zhengban/shared';
import { minimalSnapshot, T0, type TestApp } from '../helper.js';
import { createEnrollmentToken } from '../../src/service/token-service.js';

/** A PC enrolled offline, as `zhengban-agent enroll --offline` leaves it. */
export interface OfflinePc {
  agentId: string;
  hostname: string;
  keys: KeyPairPem;
  enrollment: string;
}

export function offlinePc(token: string, hostname: string, network = '内网A'): OfflinePc {
  const keys = generateKeyPair();
  const agentId = offlineAgentId(createPublicKey(keys.publicKeyPem).export({ type: 'spki', format: 'der' }));
  const request: OfflineEnrollRequest = { token, publicKey: keys.publicKeyPem, hostname, agentId, network, requestedAt: T0.toISOString() };
  const payload = JSON.stringify(request);
  const envelope: EnrollmentEnvelope = { kind: 'enrollment', agentId, payload, signature: signBytes(Buffer.from(payload), keys.privateKeyPem) };
  return { agentId, hostname, keys, enrollment: JSON.stringify(envelope) };
}

export function snapshotLine(pc: OfflinePc, seq: number, changes: Partial<Snapshot> = {}): string {
  const base = minimalSnapshot();
  const snapshot: Snapshot = { ...base, agentId: pc.agentId, seq, collectedAt: T0.toISOString(), machine: { ...base.machine, hostname: pc.hostname }, ...changes };
  return JSON.stringify(sealEnvelope(pc.agentId, JSON.stringify(snapshot), pc.keys.privateKeyPem));
}

export function bundleOf(lines: string[], network = '内网A'): string {
  return bundleText(lines, { createdAt: T0.toISOString(), createdBy: 'test', network });
}

/** An offline token made the way `enrollment create --offline` makes one. */
export async function offlineToken(t: TestApp, unit = '财政局', network = '内网A', ttlMs = 30 * 86_400_000): Promise<string> {
  const { hashToken, newToken } = await import('../../src/service/tokens.js');
  const token = newToken('enrollment');
  await createEnrollmentToken(t.store, {
    tokenHash: hashToken(token), unitName: unit, createdAt: T0.toISOString(), expiresAt: new Date(T0.getTime() + ttlMs).toISOString(), maxUses: null, network, actor: 'test',
  });
  return token;
}

export function upload(t: TestApp, body: string | Buffer, auth: string, query = '') {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/imports${query}`,
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/x-ndjson' },
    payload: body,
  });
}
