import type { Chassis, Verdict } from '@zhengban/shared';
import type { FrozenMachine, MachineKind } from '../schema/spot-checks.js';
import type { MachineFacts } from '../store/machine-facts.js';

/**
 * What a sampled machine is frozen as (pure): its verdict with every finding's plain
 * words and facts, the snapshot that verdict rests on, and the OS, office and antivirus
 * facts, copied into the spot check so later snapshots and re-judgements leave it be.
 * Observations and indicators are not copied: the findings quote what they showed.
 */
export function machineKind(chassis: Chassis | null | undefined): MachineKind {
  return chassis === 'desktop' || chassis === 'laptop' ? chassis : 'other';
}

export interface FreezeInput {
  lastSeen: string | null;
  user: string | null;
  assetNumber: string | null;
  facts: MachineFacts | null;
  verdict: Verdict | null;
  /** Machines not heard from since then are not reporting. */
  staleBefore: string;
}

export function freezeMachine(m: FreezeInput): FrozenMachine {
  const state = m.verdict === null ? 'pending' : (m.lastSeen ?? '') < m.staleBefore ? 'stale' : 'reporting';
  return {
    state,
    lastSeen: m.lastSeen,
    user: m.user,
    assetNumber: m.assetNumber,
    machine: m.facts?.machine ?? null,
    os: m.facts?.os ?? null,
    office: m.facts?.office ?? [],
    antivirus: m.facts?.antivirus ?? [],
    verdict: m.verdict,
  };
}
