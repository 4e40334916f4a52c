import type { GradeResult } from '../schema/grading.js';
import type { MachineRef, RecheckComparison, SpotCheckMachine } from '../schema/spot-checks.js';

/**
 * A re-check against the spot check it follows (pure). A re-check takes the first's
 * machines again, so each is compared with itself: fixed, still failing, newly failing.
 * A machine fails when it is unauthorized or differs on site from what its agent said; one
 * that differed on site and is not yet checked on site again is pending, not fixed.
 */
export interface Checked {
  id: number;
  grade: GradeResult;
  machines: readonly SpotCheckMachine[];
}

/** The same machine in both: its agent id, or for a PC the collector does not know, its hardware. */
function keyOf(m: SpotCheckMachine): string {
  if (m.machineId !== null) return `agent:${m.machineId}`;
  const id = m.identity.hardwareUuid ?? m.identity.serial ?? m.hostname;
  return `pc:${id.toLowerCase()}`;
}

const failing = (m: SpotCheckMachine) => m.status === 'unauthorized' || m.discrepancies.length > 0;
const checkedOnSite = (m: SpotCheckMachine) => m.record !== null || m.scan !== null;
const ref = (m: SpotCheckMachine): MachineRef => ({ no: m.no, hostname: m.hostname, machineId: m.machineId });

export function compareRecheck(first: Checked, recheck: Checked): RecheckComparison {
  const before = new Map(first.machines.map((m) => [keyOf(m), m]));
  const now = new Set(recheck.machines.map(keyOf));
  const out: RecheckComparison = { of: first.id, before: first.grade, after: recheck.grade, fixed: [], stillFailing: [], newlyFailing: [], pending: [], gone: [] };
  for (const m of recheck.machines) {
    const was = before.get(keyOf(m));
    const wasFailing = was !== undefined && failing(was);
    if (failing(m)) (wasFailing ? out.stillFailing : out.newlyFailing).push(ref(m));
    // What was found on site is put right only when it is seen again on site.
    else if (wasFailing) (was.discrepancies.length > 0 && !checkedOnSite(m) ? out.pending : out.fixed).push(ref(m));
  }
  for (const [key, m] of before) if (!now.has(key)) out.gone.push(ref(m));
  return out;
}
