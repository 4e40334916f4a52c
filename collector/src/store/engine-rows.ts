import type { SoftwareItem, VerdictStatus } from '@zhengban/shared';
import type { SeatLicence } from '../classify/allocate.js';
import type { JudgedSnapshot } from '../classify/judged-snapshot.js';
import type { EngineMachine, StoredDemand } from './engine-types.js';
import type { MachineFacts } from './machine-facts.js';
import type { LicenceRecord } from './registry-types.js';

/**
 * Rows the verdict engine reads, as both stores read them, and what they become: the
 * stores' SQL differs, the rows it answers do not.
 */

/**
 * A batch write (insertVerdicts, saveAssessments) takes each machine once: PostgreSQL
 * writes a batch in one statement, which could not say which of two rows for one machine
 * wins. A caller that gives one twice has a bug; both stores refuse it before writing.
 */
export function eachMachineOnce(items: readonly { agentId: string }[], what: string): void {
  const seen = new Set<string>();
  for (const { agentId } of items) {
    if (seen.has(agentId)) throw new Error(`${what}: machine ${agentId} is in the batch twice`);
    seen.add(agentId);
  }
}

export interface DemandRow {
  agent_id: string;
  product_id: string;
  edition: string | null;
  release: string | null;
  kms_host: string | null;
  outcome_json: string | null;
  unit_id: number;
  first_seen: string;
}

export const toDemand = (r: DemandRow): StoredDemand => ({
  agentId: r.agent_id,
  productId: r.product_id,
  edition: r.edition,
  release: r.release,
  kmsHost: r.kms_host,
  unitId: r.unit_id,
  firstSeen: r.first_seen,
  outcomeJson: r.outcome_json,
});

/** What allocation reads of a licence: the seats its disposals left. */
export function toSeatLicence(l: Omit<LicenceRecord, 'allocated'>): SeatLicence {
  const { id, productId, edition, versionFrom, versionTo, downgrade, model, kmsHosts, effectiveSeats, unitId, unit, validFrom, validUntil } = l;
  return { id, productId, edition, versionFrom, versionTo, downgrade, model, kmsHosts, seats: effectiveSeats, unitId, unit, validFrom, validUntil };
}

export interface MachineRow {
  id: string;
  unit_id: number;
  unit: string;
  snapshot_id: string | null;
  collected_at: string | null;
  basis_id: number | null;
  a_set_id: number | null;
  status: VerdictStatus | null;
  finding_set_id: number | null;
  entitlement_set_id: number | null;
  whole_json: string | null;
}

/** `outcomes` apart from the row: each store gathers a machine's stored outcomes its own way. */
export function toEngineMachine(r: MachineRow, outcomes: Map<string, string>): EngineMachine {
  return {
    agentId: r.id,
    unitId: r.unit_id,
    unit: r.unit,
    assessment: r.basis_id === null ? null : { snapshotId: r.snapshot_id!, collectedAt: r.collected_at!, basisId: r.basis_id, findingSetId: r.a_set_id! },
    outcomes,
    current: r.status === null ? null : { status: r.status, findingSetId: r.finding_set_id, entitlementSetId: r.entitlement_set_id, wholeJson: r.whole_json },
  };
}

export interface JudgedInputRow {
  unit_id: number;
  facts_json: string | null;
  last_snapshot_id: string | null;
  last_collected_at: string | null;
  last_seen: string | null;
}

type Judged<R> = R & { facts_json: string; last_snapshot_id: string };

/** Whether the machine was judged before: only then are its facts stored to judge it again from. */
export const wasJudged = <R extends JudgedInputRow>(r: R | undefined): r is Judged<R> =>
  r !== undefined && r.facts_json !== null && r.last_snapshot_id !== null;

export function judgedInputOf(r: Judged<JudgedInputRow>, software: SoftwareItem[]): { snapshot: JudgedSnapshot; unitId: number } {
  const facts = JSON.parse(r.facts_json) as MachineFacts;
  return {
    unitId: r.unit_id,
    snapshot: {
      snapshotId: r.last_snapshot_id,
      // The facts are those of the last snapshot judged; a later one that repeated them moved only the time.
      collectedAt: r.last_collected_at ?? facts.collectedAt ?? r.last_seen ?? '',
      machine: facts.machine,
      os: facts.os,
      office: facts.office,
      antivirus: facts.antivirus,
      indicators: facts.indicators ?? [],
      collectionErrors: facts.collectionErrors ?? [],
      ...(facts.observations ? { observations: facts.observations } : {}),
      software,
    },
  };
}
