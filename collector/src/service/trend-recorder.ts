import { chinaDate } from '../reports/china-time.js';
import { ownCounts } from '../reports/statistics.js';
import { machinesAt } from './report-inputs.js';
import type { ReportDeps } from './report-deps.js';
import { addDays, daysBetween } from '../classify/days.js';

/**
 * Counts the dashboard trend's past days (trend_days), each once: a past day's figures
 * do not change, and counting one reads every machine as of that day (about half a
 * second at 100,000 machines), too slow for a page view but fine once a day. The
 * server counts one missing day at a time with a pause between, so answers to agents
 * and people are never held up for more than one day's count.
 */

/** How far back the trend reaches, today included. */
export const TREND_DAYS = 90;

/** Counts one day: each unit's own machines at its end (China time). */
export async function countTrendDay(d: ReportDeps, day: string): Promise<void> {
  const end = new Date(`${day}T23:59:59.999+08:00`);
  const units = new Set((await d.store.read.units.records()).map((u) => u.id));
  const own = ownCounts(await machinesAt(d, end.toISOString(), end, units));
  const rows = [...own].map(([unitId, c]) => ({
    unitId, computers: c.computers, reporting: c.reporting, os: c.genuine.os, office: c.genuine.office, antivirus: c.genuine.antivirus, allThree: c.allGenuine, licensed: c.licensed,
  }));
  await d.store.transaction((tx) => tx.trend.save(day, d.staleAfterMs, rows, d.now().toISOString()));
}

/**
 * The past days of a trend of `days` days ending today (China time), oldest first: none
 * before the day of the first report, and never today, which is counted live.
 */
export function pastTrendDays(first: string | null, now: Date, days: number): string[] {
  if (first === null) return [];
  const today = chinaDate(now);
  const from = [addDays(today, 1 - days), chinaDate(first)].sort().at(-1)!;
  const to = addDays(today, -1);
  return from > to ? [] : daysBetween(from, to);
}

/** The past days in the trend's reach not yet counted; oldest first. */
export async function missingTrendDays(d: ReportDeps): Promise<string[]> {
  const days = pastTrendDays(await d.store.read.reports.firstReport(), d.now(), TREND_DAYS);
  if (days.length === 0) return [];
  const counted = new Set(await d.store.read.trend.counted(days[0]!, days.at(-1)!, d.staleAfterMs));
  return days.filter((day) => !counted.has(day));
}

export interface TrendRecorder {
  stop(): void;
}

/**
 * Counts the missing days in the background: one, then a pause of `pauseMs`; when none
 * is missing, looks again after `idleMs` (a new day comes at midnight). A failure is
 * reported and tried again after the idle pause.
 */
export function startTrendRecorder(d: ReportDeps, onError: (err: unknown) => void, o: { pauseMs?: number; idleMs?: number } = {}): TrendRecorder {
  const pauseMs = o.pauseMs ?? 2_000;
  const idleMs = o.idleMs ?? 15 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const next = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    d.store
      .leads('trend-days')
      .then(async (mine) => {
        // Another collector on the database counts the days; this one looks again later.
        if (!mine) return next(idleMs);
        const missing = await missingTrendDays(d);
        if (missing.length === 0) return next(idleMs);
        await countTrendDay(d, missing[0]!);
        next(pauseMs);
      })
      .catch((err: unknown) => {
        onError(err);
        next(idleMs);
      });
  };
  next(0);
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
