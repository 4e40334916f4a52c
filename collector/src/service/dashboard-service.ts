import { chinaDate } from '../reports/china-time.js';
import { overview, ratesOf } from '../reports/overview.js';
import { add, ownCounts, zero, type Counts } from '../reports/statistics.js';
import type { Overview, Trend, TrendPoint } from '../schema/dashboard.js';
import type { TrendDayRow } from '../store/trend-repo.js';
import type { Caller } from './access.js';
import { machinesAt } from './report-inputs.js';
import type { ReportDeps } from './report-deps.js';
import { reportUnits, subtreeOf } from './report-service.js';
import { pastTrendDays } from './trend-recorder.js';

/**
 * The dashboard's figures for a caller's scope, from the reports' read model: the
 * overview now, and the trend of the rates by day (past days as the background counted
 * them, trend-recorder.ts; today as now, so its point is the overview's).
 */
export async function dashboardOverview(d: ReportDeps, who: Caller, unit?: string): Promise<Overview> {
  const now = d.now();
  const { units, rootId } = await reportUnits(d, who, unit);
  const machines = await machinesAt(d, undefined, now, new Set(subtreeOf(units, rootId)));
  return overview({ units, rootId, machines, asOf: now.toISOString() });
}

function counts(r: TrendDayRow): Counts {
  return { ...zero(), computers: r.computers, reporting: r.reporting, genuine: { os: r.os, office: r.office, antivirus: r.antivirus }, allGenuine: r.allThree, licensed: r.licensed };
}

const point = (date: string, c: Counts): TrendPoint => ({ date, computers: c.computers, reporting: c.reporting, rates: ratesOf(c) });

export async function dashboardTrend(d: ReportDeps, who: Caller, days: number, unit?: string): Promise<Trend> {
  const now = d.now();
  const today = chinaDate(now);
  const { units, rootId } = await reportUnits(d, who, unit);
  const inTree = new Set(subtreeOf(units, rootId));
  const first = await d.store.read.reports.firstReport();
  const root = units.find((u) => u.id === rootId)!;
  const ref = { id: root.id, name: root.name };
  if (first === null) return { unit: ref, points: [], pending: 0 };
  const wanted = pastTrendDays(first, now, days);
  const [from = today, to = today] = [wanted[0], wanted.at(-1)];
  const counted = new Set(await d.store.read.trend.counted(from, to, d.staleAfterMs));
  const byDay = new Map<string, Counts>();
  for (const r of await d.store.read.trend.rows(from, to, d.staleAfterMs)) {
    if (!inTree.has(r.unitId)) continue;
    byDay.set(r.day, add(byDay.get(r.day) ?? zero(), counts(r)));
  }
  const points = wanted.filter((day) => counted.has(day)).map((day) => point(day, byDay.get(day) ?? zero()));
  let live = zero();
  for (const c of ownCounts(await machinesAt(d, undefined, now, inTree)).values()) live = add(live, c);
  points.push(point(today, live));
  return { unit: ref, points, pending: wanted.length - points.length + 1 };
}
