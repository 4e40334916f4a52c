import type { AnySnapshot, Verdict } from '@zhengban/shared';
import type { GradingRules } from '../schema/grading.js';
import type { FrozenMachine, OnSiteRecord, OnSiteScan, SpotCheckMachine, SpotCheckSummary, SpotCheckView, Stratum, UnitChecks } from '../schema/spot-checks.js';
import type { EntryRow, ScanRow, SpotCheckRow, UnitChecksRow } from '../store/spot-check-types.js';
import { discrepanciesOf } from './discrepancies.js';
import { gradeUnit } from './grading.js';
import { compareRecheck } from './recheck.js';

/**
 * A spot check as the API shows it, made from its stored rows (pure): each machine with
 * its frozen evidence, record, latest scan and discrepancies, the unit's grade, and for a
 * re-check the comparison with the first.
 */
export interface StoredSpotCheck {
  row: SpotCheckRow;
  entries: readonly EntryRow[];
  scans: readonly ScanRow[];
  unitChecks: UnitChecksRow | undefined;
}

const NOT_CHECKED: UnitChecks = { ledger: 'not-checked', documents: 'not-checked', remark: null, recordedAt: null, recordedBy: null };

function recordOf(e: EntryRow): OnSiteRecord | null {
  if (e.recordedAt === null) return null;
  return {
    labelMatches: e.labelMatches,
    agentPresent: e.agentPresent,
    agentReporting: e.agentReporting,
    unreported: JSON.parse(e.unreportedJson) as string[],
    remark: e.remark,
    recordedAt: e.recordedAt,
    recordedBy: e.recordedBy ?? '',
  };
}

interface Scan {
  view: OnSiteScan;
  snapshot: AnySnapshot;
  agentLastSeen: string | null;
}

function scanOf(s: ScanRow): Scan {
  const snapshot = JSON.parse(s.snapshotJson) as AnySnapshot;
  const verdict = JSON.parse(s.verdictJson) as Verdict;
  const view: OnSiteScan = {
    inspector: s.inspector,
    signedAt: s.signedAt,
    envelopeSha256: s.sha256,
    matchedBy: s.matchedBy,
    attachedAt: s.attachedAt,
    collectedAt: snapshot.collectedAt,
    hostname: snapshot.machine.hostname,
    os: snapshot.os,
    office: snapshot.office,
    antivirus: snapshot.antivirus,
    verdict,
  };
  return { view, snapshot, agentLastSeen: s.agentLastSeen };
}

/** The machine's latest scan counts: one made again on site replaces the first. */
function latestScans(scans: readonly ScanRow[]): Map<number, Scan> {
  const out = new Map<number, Scan>();
  for (const s of [...scans].sort((a, b) => (a.signedAt < b.signedAt ? -1 : a.signedAt > b.signedAt ? 1 : a.id - b.id))) out.set(s.entryId, scanOf(s));
  return out;
}

function statusOf(frozen: FrozenMachine | null, scan: OnSiteScan | null): SpotCheckMachine['status'] {
  const said = [frozen?.verdict?.status, scan?.verdict.status];
  if (said.includes('unauthorized')) return 'unauthorized';
  return said.includes('licensed') ? 'licensed' : 'unknown';
}

export function machinesOf(s: StoredSpotCheck, staleAfterMs: number): SpotCheckMachine[] {
  const scans = latestScans(s.scans);
  return s.entries.map((e) => {
    const frozen = e.frozenJson === null ? null : (JSON.parse(e.frozenJson) as FrozenMachine);
    const record = recordOf(e);
    const scan = scans.get(e.id);
    const identity = { hardwareUuid: e.hardwareUuid, serial: e.serial, machineId: e.machineId };
    const discrepancies = discrepanciesOf({
      enrolled: e.agentId !== null,
      hostname: e.hostname,
      identity,
      frozen,
      record,
      scan: scan ? { verdict: scan.view.verdict, machine: scan.snapshot.machine, collectedAt: scan.view.collectedAt, matchedBy: scan.view.matchedBy, agentLastSeen: scan.agentLastSeen } : null,
      staleAfterMs,
    });
    return {
      no: e.no,
      origin: e.origin,
      machineId: e.agentId,
      hostname: e.hostname,
      unitId: e.unitId,
      unit: e.unit,
      kind: e.kind,
      identity,
      frozenAt: e.frozenAt,
      frozen,
      record,
      scan: scan?.view ?? null,
      discrepancies,
      status: statusOf(frozen, scan?.view ?? null),
    };
  });
}

function graded(s: StoredSpotCheck, staleAfterMs: number) {
  const machines = machinesOf(s, staleAfterMs);
  const unitChecks: UnitChecks = s.unitChecks ?? NOT_CHECKED;
  const rules = JSON.parse(s.row.gradingJson) as GradingRules;
  const grade = gradeUnit(rules, {
    machines: machines.map((m) => ({ status: m.status, discrepancies: m.discrepancies, notReporting: m.frozen !== null && m.frozen.state !== 'reporting', recorded: m.record !== null || m.scan !== null })),
    unitChecks,
  });
  return { machines, unitChecks, rules, grade };
}

function summary(s: StoredSpotCheck, g: ReturnType<typeof graded>): SpotCheckSummary {
  const r = s.row;
  return {
    id: r.id, unitId: r.unitId, unit: r.unit, createdAt: r.createdAt, createdBy: r.createdBy, ratio: r.ratio, min: r.min, seed: r.seed,
    population: r.population, sampled: g.machines.length, recheckOf: r.recheckOf, state: r.state, grade: g.grade,
  };
}

export function summaryOf(s: StoredSpotCheck, staleAfterMs: number): SpotCheckSummary {
  return summary(s, graded(s, staleAfterMs));
}

/** `first`: the spot check a re-check follows, when it is one. */
export function viewOf(s: StoredSpotCheck, first: StoredSpotCheck | undefined, staleAfterMs: number): SpotCheckView {
  const g = graded(s, staleAfterMs);
  const before = first && graded(first, staleAfterMs);
  return {
    ...summary(s, g),
    grading: g.rules,
    strata: JSON.parse(s.row.strataJson) as Stratum[],
    machines: g.machines,
    unitChecks: g.unitChecks,
    recheck: first && before ? compareRecheck({ id: first.row.id, grade: before.grade, machines: before.machines }, { id: s.row.id, grade: g.grade, machines: g.machines }) : null,
  };
}
