import { loadPublicKey, type EnrollRequest, type EnrollResponse } from '@zhengban/shared';
import type { EnrollOutcome, NewAgent, Store } from '../store/types.js';
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
  return unitOrThrow(await store.agents.enroll(hashToken(token), now.toISOString(), agent));
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
