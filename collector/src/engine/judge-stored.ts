import type { Finding } from '@zhengban/shared';
import type { Outcome, SeatLicence } from '../classify/allocate.js';
import { verdictFindings } from '../classify/combine.js';
import { judgeInstalls } from '../classify/judge.js';
import type { VerdictTrigger } from '../schema/history.js';
import type { CurrentVerdict, EngineMachine, EngineTx, MachineVerdict, StoredAssessment, VerdictRow } from '../store/engine-types.js';

export interface JudgeRun {
  now: Date;
  rulesVersion: string;
  trigger: VerdictTrigger;
  detail: string | null;
}

/** What a judgement of installs stores: the status and the set of its entitlement findings. */
export type StoredJudgement = Pick<VerdictRow, 'status' | 'entitlementSetId'>;

/** Stored outcomes (JSON by product id) as the judgement reads them. */
export function parseOutcomes(stored: ReadonlyMap<string, string>): Map<string, Outcome> {
  return new Map([...stored].map(([productId, json]) => [productId, JSON.parse(json) as Outcome]));
}

/** The row that stores a judgement of a stored assessment. */
export function verdictRow(a: StoredAssessment, j: StoredJudgement, run: JudgeRun): VerdictRow {
  return { snapshotId: a.snapshotId, findingSetId: a.findingSetId, ...j, rulesVersion: run.rulesVersion, decidedAt: run.now.toISOString(), trigger: run.trigger, detail: run.detail };
}

/**
 * Whether a new verdict says what the current one says. A verdict stored before finding
 * sets (migration 4) holds every finding itself: it is compared whole, so the upgrade
 * adds no verdict that changes nothing.
 */
async function unchanged(tx: EngineTx, current: CurrentVerdict | null, row: VerdictRow): Promise<boolean> {
  if (!current || current.status !== row.status) return false;
  if (current.wholeJson === null) return current.findingSetId === row.findingSetId && current.entitlementSetId === row.entitlementSetId;
  const whole: Finding[] = verdictFindings(await tx.findingSet(row.findingSetId), await tx.findingSet(row.entitlementSetId), row.snapshotId);
  return current.wholeJson === JSON.stringify(whole);
}

/**
 * A judge of stored machines for one run. Machines with the same basis, unit and seat
 * outcomes get the same judgement, so each distinct state is judged (and its
 * entitlement findings stored) once; the memo is dropped whole when it grows large.
 */
function memoJudge(tx: EngineTx, licences: readonly SeatLicence[], limit = 10_000) {
  const byId = new Map(licences.map((l) => [l.id, l]));
  const memo = new Map<string, StoredJudgement>();
  return async (m: EngineMachine, a: StoredAssessment): Promise<StoredJudgement> => {
    const basis = await tx.basis(a.basisId);
    const key = [a.basisId, m.unit, ...basis.installs.map((i) => m.outcomes.get(i.productId) ?? '')].join('\u0000');
    let j = memo.get(key);
    if (!j) {
      const judged = judgeInstalls(basis.installs, basis.outline, parseOutcomes(m.outcomes), byId, m.unit);
      j = { status: judged.status, entitlementSetId: await tx.findingSetId(judged.entitlement) };
      if (memo.size >= limit) memo.clear();
      memo.set(key, j);
    }
    return j;
  };
}

/**
 * Judges machines from their stored assessment and outcomes; a verdict is stored only
 * when its status or findings differ from the current one, so the history keeps changes.
 * Returns how many verdicts were stored; they are not kept in memory (a fleet is large).
 */
export async function judgeStored(tx: EngineTx, agentIds: Iterable<string>, licences: readonly SeatLicence[], run: JudgeRun): Promise<{ changed: number; statusChanged: number }> {
  const judge = memoJudge(tx, licences);
  let changed = 0;
  let statusChanged = 0;
  // In key order: the lookups and the index writes then walk the b-trees in step.
  const ids = [...agentIds].sort();
  for (let i = 0; i < ids.length; i += 1000) {
    const verdicts: MachineVerdict[] = [];
    for (const m of await tx.machines(ids.slice(i, i + 1000))) {
      if (!m.assessment) continue;
      const row = verdictRow(m.assessment, await judge(m, m.assessment), run);
      if (await unchanged(tx, m.current, row)) continue;
      if (m.current?.status !== row.status) statusChanged++;
      verdicts.push({ agentId: m.agentId, row });
    }
    await tx.insertVerdicts(verdicts);
    changed += verdicts.length;
  }
  return { changed, statusChanged };
}
