import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  assertValid, offlineAgentId, OfflineEnrollRequest, parseJson, SignatureError, verifyBytes, ZhengbanError,
  type EnrollmentEnvelope,
} from '@zhengban/shared';
import type { Store } from '../store/store.js';
import { agentFields, canonicalKey, registerAgent } from './enroll-service.js';
import { AgentMismatchError } from './errors.js';
import { publicKeyOf } from './key-cache.js';

/** An offline request whose agent id is not the one its key implies: made by hand, not by an agent. */
export class OfflineAgentIdError extends ZhengbanError {
  constructor(claimed: string, derived: string) {
    super('E_OFFLINE_AGENT_ID', `the enrollment request claims agent ${claimed}, but its key makes it ${derived}`, { status: 400 });
  }
}

export type OfflineEnrollOutcome =
  | { kind: 'enrolled'; agentId: string; hostname: string; unit: string; network: string }
  /** Every bundle of an offline agent carries its request; after the first it changes nothing. */
  | { kind: 'known'; agentId: string };

/**
 * Registers an agent from the signed enrollment request its first bundle carried: the
 * same checks as `POST /enroll` (the token's expiry and uses, a key enrolled once),
 * plus the signature over the request and the agent id its key implies.
 */
export async function enrollFromBundle(store: Store, envelope: EnrollmentEnvelope, now: Date): Promise<OfflineEnrollOutcome> {
  const request = assertValid(OfflineEnrollRequest, parseJson(envelope.payload, 'the enrollment request'), 'the enrollment request');
  if (request.agentId !== envelope.agentId) throw new AgentMismatchError(envelope.agentId, request.agentId);
  const signed = (key: KeyObject | string) => {
    if (!verifyBytes(Buffer.from(envelope.payload, 'utf8'), envelope.signature, key)) throw new SignatureError('the enrollment request\'s signature does not match its key');
  };
  // Every bundle of an offline PC carries its request: one already registered is checked
  // against the key stored for its id (parsed once, cached) and changes nothing.
  const known = await store.read.agents.key(request.agentId);
  if (known) {
    signed(publicKeyOf(known.publicKey));
    // The agent writes its key in the canonical form; another spelling is parsed to compare.
    if (request.publicKey !== known.publicKey && canonicalKey(request.publicKey) !== known.publicKey) throw new OfflineAgentIdError(request.agentId, 'another key');
    return { kind: 'known', agentId: known.id };
  }
  const publicKey = canonicalKey(request.publicKey);
  signed(publicKey);
  const derived = offlineAgentId(createPublicKey(publicKey).export({ type: 'spki', format: 'der' }));
  if (derived !== request.agentId) throw new OfflineAgentIdError(request.agentId, derived);
  const { token, agentId, network, requestedAt: _at, ...identity } = request;
  const unit = await registerAgent(store, token, now, { id: agentId, ...agentFields({ token, ...identity }, publicKey), network });
  return { kind: 'enrolled', agentId, hostname: request.hostname, unit, network };
}
