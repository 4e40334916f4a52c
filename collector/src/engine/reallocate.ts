import { allocate, chinaToday, demandKey, type SeatLicence } from '../classify/allocate.js';
import { judgeMachine } from '../classify/judge.js';
import type { VerdictTrigger } from '../schema/history.js';
import type { EngineTx } from '../store/engine-types.js';
import { ancestryOf } from './ancestry.js';

/**
 * Allocates seats again for the products given (all when absent), stores the seats and
 * every outcome that changed, and returns the machines whose outcome changed.
 */
export function reallocate(
  tx: EngineTx,
  products: readonly string[] | undefined,
  now: Date,
): { affected: Set<string>; licences: SeatLicence[] } {
  const licences = tx.seatLicences();
  const demands = tx.demands(products);
  const result = allocate({
    demands,
    licences: products ? licences.filter((l) => products.includes(l.productId)) : licences,
    held: tx.held(products),
    ancestry: ancestryOf(tx.unitParents()),
    today: chinaToday(now),
  });
  tx.saveSeats(products, result.seats, now.toISOString());
  const before = tx.storedOutcomes(products);
  const affected = new Set<string>();
  for (const d of demands) {
    const key = demandKey(d.agentId, d.productId);
    const outcome = result.outcomes.get(key)!;
    if (before.get(key) !== JSON.stringify(outcome)) {
      tx.saveOutcome(d.agentId, d.productId, outcome);
      affected.add(d.agentId);
    }
  }
  return { affected, licences };
}

export interface JudgeRun {
  now: Date;
  rulesVersion: string;
  trigger: VerdictTrigger;
  detail: string | null;
}

/**
 * Judges machines from their stored assessment and outcomes; a verdict is stored only
 * when its status or findings differ from the current one, so the history keeps changes.
 * Returns how many verdicts were stored; they are not kept in memory (a fleet is large).
 */
export function judgeStored(tx: EngineTx, agentIds: Iterable<string>, licences: readonly SeatLicence[], run: JudgeRun): { changed: number; statusChanged: number } {
  const byId = new Map(licences.map((l) => [l.id, l]));
  let changed = 0;
  let statusChanged = 0;
  const ids = [...agentIds];
  for (let i = 0; i < ids.length; i += 2000) {
    for (const m of tx.machines(ids.slice(i, i + 2000))) {
      if (!m.assessment) continue;
      const v = judgeMachine(m.assessment, m.outcomes, byId, { now: run.now, rulesVersion: run.rulesVersion, unit: m.unit });
      const findingsJson = JSON.stringify(v.findings);
      if (m.findingsJson === findingsJson && m.status === v.status) continue;
      if (m.status !== v.status) statusChanged++;
      tx.insertVerdict(m.agentId, m.assessment.snapshotId, v, run.trigger, run.detail, findingsJson);
      changed++;
    }
  }
  return { changed, statusChanged };
}
