import type { MachineRef, SpotCheckMachine, SpotCheckSummary, SpotCheckView, Stratum } from '../schema/spot-checks.js';
import { pct } from '../spotcheck/grading.js';
import type { Io } from './io.js';
import { cell } from './org-cli.js';

/** The spot check commands' text output: tab-separated tables, as the other commands print. */


export function printSummaries(io: Io, list: readonly SpotCheckSummary[]): void {
  io.out(['id', 'unit', 'createdAt', 'state', 'sampled', 'population', 'ratio', 'seed', 'recheckOf', 'grade'].join('\t'));
  for (const s of list) io.out([s.id, s.unit, s.createdAt, s.state, s.sampled, s.population, pct(s.ratio), s.seed, cell(s.recheckOf === null ? null : `#${s.recheckOf}`), s.grade.words.zh].join('\t'));
}

export function printStrata(io: Io, strata: readonly Stratum[]): void {
  for (const s of strata) io.out(`  ${s.unit} · ${s.kind}: ${s.drawn} of ${s.population}`);
}

function onSite(m: SpotCheckMachine): string {
  const r = m.record;
  const seen = r ? `label ${r.labelMatches}, agent present ${r.agentPresent}, reporting ${r.agentReporting}` : 'not recorded';
  return m.scan ? `${seen}; scanned by ${m.scan.inspector}${m.scan.matchedBy ? ` (by ${m.scan.matchedBy})` : ''}` : seen;
}

export function printMachines(io: Io, machines: readonly SpotCheckMachine[]): void {
  io.out(['no', 'unit', 'hostname', 'kind', 'origin', 'frozen', 'status', 'onSite', 'discrepancies'].join('\t'));
  for (const m of machines) {
    const frozen = m.frozen ? `${m.frozen.verdict?.status ?? 'no verdict'} (${m.frozen.state})` : '-';
    io.out([m.no, m.unit, m.hostname, m.kind, m.origin, frozen, m.status, onSite(m), cell(m.discrepancies.map((d) => d.messageZh).join('；') || null)].join('\t'));
  }
}

const refs = (list: readonly MachineRef[]) => (list.length === 0 ? '-' : list.map((r) => `${r.no} ${r.hostname}`).join(', '));

export function printView(io: Io, v: SpotCheckView): void {
  io.out(`spot check #${v.id} of ${v.unit}, drawn ${v.createdAt} by ${v.createdBy}, ${v.state}${v.recheckOf === null ? '' : `, a re-check of #${v.recheckOf}`}`);
  io.out(`  ${v.sampled} of ${v.population} machines (ratio ${pct(v.ratio)}, min ${v.min}, seed ${v.seed})`);
  io.out(`  grade: ${v.grade.words.zh}`);
  io.out(`  unit checks: 台账 ${v.unitChecks.ledger}, licence documents ${v.unitChecks.documents}${v.unitChecks.remark ? `, ${v.unitChecks.remark}` : ''}`);
  if (v.recheck) {
    const r = v.recheck;
    io.out(`  compared with #${r.of}: ${r.before.words.zh} → ${r.after.words.zh}`);
    io.out(`  fixed: ${refs(r.fixed)}; still failing: ${refs(r.stillFailing)}; newly failing: ${refs(r.newlyFailing)}; to check on site: ${refs(r.pending)}; gone: ${refs(r.gone)}`);
  }
  printMachines(io, v.machines);
}
