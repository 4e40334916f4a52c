import type { AgentAdvance } from '../../src/store/agent-repo.js';
import type { StoreTx } from '../../src/store/tx-types.js';
import { AT, LATER } from './registry-seed.js';

/** Machines as enrollment writes them, without a software list: for the repos of agents and their snapshots. */

export interface SeedAgent {
  hostname?: string;
  publicKey?: string;
  enrolledAt?: string;
  network?: string | null;
}

/** An agent of the unit, enrolled with a token of its own; nothing reported yet. */
export async function seedAgent(tx: StoreTx, unitId: number, id: string, a: SeedAgent = {}): Promise<void> {
  const token = await tx.enrollments.insert({ tokenHash: `hash-${id}`, unitId, createdAt: AT, expiresAt: LATER, maxUses: null, network: null });
  await tx.agents.insert({
    id,
    publicKey: a.publicKey ?? `key-${id}`,
    hostname: a.hostname ?? id,
    hardwareUuid: null,
    machineId: null,
    serial: null,
    agentVersion: null,
    network: a.network ?? null,
    unitId,
    enrollmentTokenId: token.id,
    enrolledAt: a.enrolledAt ?? AT,
  });
}

/** What an accepted snapshot sets, for the agent at `seq`; `changes` over it. */
export const advanceOf = (agentId: string, seq: number, changes: Partial<AgentAdvance> = {}): AgentAdvance => ({
  agentId,
  seq,
  lastSeen: LATER,
  lastIp: '10.0.0.7',
  snapshotId: `${agentId}-${seq}`,
  collectedAt: AT,
  hostname: agentId,
  chassis: 'desktop',
  osName: 'Windows 11',
  factsJson: JSON.stringify({ seq }),
  softwareHash: `software of ${seq}`,
  stateHash: `state of ${seq}`,
  softwareCount: 3,
  // Above 2^31: a generation is drawn from [1, 2^47) and must come back as the same number.
  softwareGen: 2 ** 40 + seq,
  firstSeen: LATER,
  ...changes,
});
