import { loadPublicKey, type EnrollRequest, type EnrollResponse } from '@zhengban/shared';
import type { EnrollOutcome, NewAgent } from '../store/types.js';
import type { Store } from '../store/store.js';
import { EnrollTokenError, KeyEnrolledError } from './errors.js';
import { hashToken, newAgentId } from './tokens.js';

/** Every key in the db in one canonical PEM form, so that a key is found whatever its line breaks. */
export function canonicalKey(pem: string): string {
  return loadPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
}

/**
 * Enrolls an agent: the key must be Ed25519 (checked before the token, so a bad
 * key never spends a use), then the store checks and consumes the token and
 * creates the agent in one transaction.
 */
export async function enrollAgent(store: Store, req: EnrollRequest, now: Date): Promise<EnrollResponse> {
  const agentId = newAgentId();
  const unit = await registerAgent(store, req.token, now, { id: agentId, ...agentFields(req, canonicalKey(req.publicKey)) });
  return { agentId, unit };
}

export function agentFields(req: EnrollRequest, publicKey: string): Omit<NewAgent, 'id'> {
  return {
    publicKey,
    hostname: req.hostname,
    hardwareUuid: req.hardwareUuid ?? null,
    machineId: req.machineId ?? null,
    serial: req.serial ?? null,
    agentVersion: req.agentVersion ?? null,
  };
}

/** The token checked and one use spent, the agent created; the unit's name, or why not. */
export async function registerAgent(store: Store, token: string, now: Date, agent: NewAgent): Promise<string> {
  return unitOrThrow(await enrollWithToken(store, hashToken(token), now.toISOString(), agent));
}

/** Checks the token, consumes one use and creates the agent, all or nothing. */
export function enrollWithToken(store: Store, tokenHash: string, now: string, agent: NewAgent): Promise<EnrollOutcome> {
  return store.transaction(async (tx): Promise<EnrollOutcome> => {
    const token = await tx.enrollments.findByHash(tokenHash);
    if (!token) return { kind: 'unknown-token' };
    if (token.expires_at <= now) return { kind: 'expired', expiresAt: token.expires_at };
    if (token.max_uses !== null && token.uses >= token.max_uses) return { kind: 'used-up', maxUses: token.max_uses };
    // Checked after the token, so a stranger learns nothing about keys, and before the use is spent.
    const holder = await tx.agents.withKey(agent.publicKey);
    if (holder) return { kind: 'key-enrolled', agentId: holder };
    await tx.enrollments.consume(token.id);
    await tx.agents.insert({ ...agent, network: agent.network ?? null, unitId: token.unit_id, enrollmentTokenId: token.id, enrolledAt: now });
    return { kind: 'enrolled', unit: token.unit };
  });
}

function unitOrThrow(outcome: EnrollOutcome): string {
  switch (outcome.kind) {
    case 'enrolled':
      return outcome.unit;
    case 'expired':
      throw new EnrollTokenError('expired', `at ${outcome.expiresAt}`);
    case 'used-up':
      throw new EnrollTokenError('used-up', `all ${outcome.maxUses} used`);
    case 'key-enrolled':
      throw new KeyEnrolledError(outcome.agentId);
    default:
      throw new EnrollTokenError('unknown-token');
  }
}
