import { loadPublicKey, type EnrollRequest, type EnrollResponse } from '@zhengban/shared';
import type { Store } from '../store/types.js';
import { EnrollTokenError, KeyEnrolledError } from './errors.js';
import { hashToken, newAgentId } from './tokens.js';

/**
 * Enrolls an agent: the key must be Ed25519 (checked before the token, so a bad
 * key never spends a use), then the store checks and consumes the token and
 * creates the agent in one transaction.
 */
export async function enrollAgent(store: Store, req: EnrollRequest, now: Date): Promise<EnrollResponse> {
  // Stored re-exported, so every key in the db has one canonical PEM form.
  const publicKey = loadPublicKey(req.publicKey).export({ type: 'spki', format: 'pem' }).toString();
  const agentId = newAgentId();
  const outcome = await store.agents.enroll(hashToken(req.token), now.toISOString(), {
    id: agentId,
    publicKey,
    hostname: req.hostname,
    hardwareUuid: req.hardwareUuid ?? null,
    machineId: req.machineId ?? null,
    serial: req.serial ?? null,
    agentVersion: req.agentVersion ?? null,
  });
  switch (outcome.kind) {
    case 'enrolled':
      return { agentId, unit: outcome.unit };
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
