import { ZhengbanError } from '@zhengban/shared';
import { annualReport } from '../reports/annual.js';
import { chinaDate, chinaYearStart } from '../reports/china-time.js';
import { ledgerReport } from '../reports/ledger.js';
import { machineSheetsReport } from '../reports/machine-sheets.js';
import { noticeReport } from '../reports/notice.js';
import { procurementReport } from '../reports/procurement.js';
import { responsiblesReport } from '../reports/responsibles.js';
import { statisticsReport } from '../reports/statistics.js';
import type { ReportUnit } from '../reports/unit-tree.js';
import type { ReportLang, ReportName, ReportTable } from '../schema/reports.js';
import { scopeUnit, visibleUnits, type Caller } from './access.js';
import { NotFoundError } from './errors.js';
import type { ReportDeps } from './report-deps.js';
import { spotCheckReport } from './spot-check-report.js';
import { ledgerChanges, ledgerMachine, machinesAt, needGroups, sheetMachine } from './report-inputs.js';

export interface ReportQuery {
  name: ReportName;
  /** A unit's name; default the caller's own unit, or every unit for an admin. */
  unit?: string;
  /** `YYYY-MM-DD` (the end of that day, China time) or an ISO date-time; default now. */
  asOf?: string;
  /**
   * The notice's earlier date (the last notice), to compare with; the start of the
   * ledger's installs and removals (default: the year's start). Same forms as `asOf`.
   */
  since?: string;
  lang?: ReportLang;
  /** The spot check forms: which spot check (default the unit's latest). */
  spotCheck?: number;
}

/** A date the report cannot be made for: unreadable, in the future, or before any report. */
export class ReportDateError extends ZhengbanError {
  constructor(message: string) {
    super('E_REPORT_DATE', message, { status: 400 });
  }
}

/** The synthetic root over several top-level units, so an admin's report covers them all. */
const ALL_UNITS_ID = 0;

/**
 * The moment a report describes, or undefined for now. The campaign's offices are in
 * China: a bare date means the end of that day there, and today's date means now.
 */
export function parseAsOf(text: string | undefined, now: Date, firstReport: string | null): string | undefined {
  if (text === undefined || text === '') return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const at = new Date(dateOnly ? `${text}T23:59:59.999+08:00` : text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(at.getTime())) {
    throw new ReportDateError(`asOf "${text}" is not a date (YYYY-MM-DD) or an ISO date-time`);
  }
  const begins = dateOnly ? at.getTime() - 86_400_000 + 1 : at.getTime();
  if (begins > now.getTime()) throw new ReportDateError(`asOf ${text} is in the future`);
  if (firstReport === null || at.toISOString() < firstReport) {
    const first = firstReport ? ` (${firstReport})` : '';
    throw new ReportDateError(`asOf ${text} is before the first snapshot this collector received${first}: there is nothing to report`);
  }
  return at.getTime() >= now.getTime() ? undefined : at.toISOString();
}

/** The units a report covers and its root: the named unit, the caller's own, or all of them. */
export async function reportUnits(d: ReportDeps, who: Caller, unitName: string | undefined): Promise<{ units: ReportUnit[]; rootId: number }> {
  const records = await d.store.read.units.records();
  const units: ReportUnit[] = records.map((u) => ({ id: u.id, name: u.name, parentId: u.parentId, kind: u.kind, sector: u.sector, code: u.code, headcount: u.headcount }));
  const visible = await visibleUnits(d.store, who);
  if (unitName !== undefined) {
    const unit = units.find((u) => u.name === unitName);
    if (!unit || (visible !== undefined && !visible.includes(unit.id))) throw new NotFoundError(`unit "${unitName}"`);
    return { units, rootId: unit.id };
  }
  const scope = scopeUnit(who);
  if (scope !== undefined) return { units, rootId: scope };
  const roots = units.filter((u) => u.parentId === null);
  if (roots.length === 1) return { units, rootId: roots[0]!.id };
  const all: ReportUnit = { id: ALL_UNITS_ID, name: '全部单位', parentId: null, kind: 'other', code: null, headcount: null };
  return { units: [all, ...units.map((u) => (u.parentId === null ? { ...u, parentId: ALL_UNITS_ID } : u))], rootId: ALL_UNITS_ID };
}

/** One report for a unit's subtree, as of a moment, in one language. */
export async function makeReport(d: ReportDeps, who: Caller, q: ReportQuery): Promise<ReportTable> {
  const now = d.now();
  const first = await d.store.read.reports.firstReport();
  const asOf = parseAsOf(q.asOf, now, first);
  const { units, rootId } = await reportUnits(d, who, q.unit);
  const moment = asOf === undefined ? now : new Date(asOf);
  const inTree = new Set(subtreeOf(units, rootId));
  const common = { units, rootId, asOf: moment.toISOString(), generatedAt: now.toISOString(), lang: q.lang ?? 'zh' };
  switch (q.name) {
    case 'statistics':
      return statisticsReport({ ...common, machines: await machinesAt(d, asOf, moment, inTree) });
    case 'machine-sheets': {
      const staleBefore = new Date(moment.getTime() - d.staleAfterMs).toISOString();
      const names = new Map(units.map((u) => [u.id, u.name]));
      const rows = await d.store.read.reports.machineSheets(asOf, [...inTree]);
      return machineSheetsReport({ ...common, unit: names.get(rootId) ?? '', machines: rows.map((r) => sheetMachine(r, names, staleBefore)) });
    }
    case 'procurement': {
      const catalog = await d.catalog();
      // A product bought at several prices is estimated at the dearest: a plan errs on the side of enough.
      const prices = new Map<string, number>();
      for (const p of await d.store.read.reports.seatPrices()) prices.set(p.productId, Math.max(prices.get(p.productId) ?? 0, p.yuanPerSeat));
      const needs = await needGroups(d, asOf, moment, inTree);
      return procurementReport({ ...common, needs, product: (id) => catalog.product(id), products: catalog.products, prices });
    }
    case 'annual': {
      // The year of the report's date, China time; from its first moment to the report's date.
      const day = chinaDate(moment);
      const year = Number(day.slice(0, 4));
      const startOfYear = chinaYearStart(year);
      const start = first !== null && first <= startOfYear.toISOString() ? await machinesAt(d, startOfYear.toISOString(), startOfYear, inTree) : null;
      const events = await d.store.read.reports.licenceEvents(`${year}-01-01`, day);
      return annualReport({ ...common, year, events, start, end: await machinesAt(d, asOf, moment, inTree) });
    }
    case 'notice': {
      const since = q.since === undefined ? undefined : earlierDate(q.since, now, first, moment);
      const before = since === undefined ? null : { asOf: since, machines: await machinesAt(d, since, new Date(since), inTree) };
      return noticeReport({ ...common, machines: await machinesAt(d, asOf, moment, inTree), before });
    }
    case 'ledger': {
      const catalog = await d.catalog();
      const staleBefore = new Date(moment.getTime() - d.staleAfterMs).toISOString();
      const since = q.since === undefined ? chinaYearStart(Number(chinaDate(moment).slice(0, 4))).toISOString() : earlierDate(q.since, now, first, moment);
      const machines = (await d.store.read.reports.machineSheets(asOf, [...inTree])).map((r) => ledgerMachine(r, staleBefore, catalog));
      const changes = ledgerChanges(await d.store.read.reports.changeSets(since, moment.toISOString()), inTree, catalog);
      return ledgerReport({ ...common, machines, changes, since, product: (id) => catalog.product(id) });
    }
    case 'spotcheck-register':
    case 'spotcheck-summary': {
      const root = { id: rootId, name: units.find((u) => u.id === rootId)?.name ?? '', named: q.unit !== undefined };
      const unitIds = [...inTree].filter((id) => id !== ALL_UNITS_ID);
      return spotCheckReport(d, who, { name: q.name, root, unitIds, lang: common.lang, generatedAt: common.generatedAt, ...(q.spotCheck === undefined ? {} : { spotCheck: q.spotCheck }) });
    }
    case 'responsibles': {
      // People have no history: a past date shows those registered by then, as they are now.
      const people = (await d.store.read.people.list([...inTree])).filter((p) => p.createdAt <= common.asOf);
      return responsiblesReport({ ...common, people });
    }
  }
}

/** `since`: a moment before the report's, from the first snapshot on. */
function earlierDate(text: string, now: Date, first: string | null, moment: Date): string {
  const since = parseAsOf(text, now, first);
  if (since === undefined || since >= moment.toISOString()) throw new ReportDateError(`since ${text} must be before the report's date (${moment.toISOString()})`);
  return since;
}

export function subtreeOf(units: readonly ReportUnit[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) ids.push(...(children.get(ids[i]!) ?? []));
  return ids;
}
