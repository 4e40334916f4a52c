import type { Async } from '../async.js';
import type { TrendDayRow, TrendRepo } from '../trend-repo.js';
import { rows, run, stmt, type Queryable } from './query.js';

const COUNTED = stmt('trend.counted', 'SELECT day FROM trend_days_done WHERE day >= $1 AND day <= $2 AND stale_after_ms = $3 ORDER BY day COLLATE "C"');
// SQLite reads these along its primary key (day, stale_after_ms, unit_id): the units of a day come in id order.
const ROWS = stmt(
  'trend.rows',
  `SELECT day, unit_id AS "unitId", computers, reporting, os, office, antivirus, all_three AS "allThree", licensed FROM trend_days
  WHERE day >= $1 AND day <= $2 AND stale_after_ms = $3 ORDER BY day COLLATE "C", unit_id`,
);
// The day's rows and its mark in one statement, so a day is counted whole or not at all
// even on the pool; INSERT OR REPLACE is an upsert of every column.
const SAVE = stmt(
  'trend.save',
  `WITH counts AS (
    INSERT INTO trend_days (day, stale_after_ms, unit_id, computers, reporting, os, office, antivirus, all_three, licensed)
    SELECT $1, $2, * FROM unnest($4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[])
    ON CONFLICT (day, stale_after_ms, unit_id) DO UPDATE SET computers = excluded.computers, reporting = excluded.reporting, os = excluded.os,
      office = excluded.office, antivirus = excluded.antivirus, all_three = excluded.all_three, licensed = excluded.licensed
  )
  INSERT INTO trend_days_done (day, stale_after_ms, counted_at) VALUES ($1, $2, $3)
  ON CONFLICT (day, stale_after_ms) DO UPDATE SET counted_at = excluded.counted_at`,
);

/** The dashboard's counted days on PostgreSQL: see ../trend-repo.ts. */
export class PgTrendRepo implements Async<TrendRepo> {
  constructor(private readonly q: Queryable) {}

  async counted(from: string, to: string, window: number): Promise<string[]> {
    return (await rows<{ day: string }>(this.q, COUNTED, [from, to, window])).map((r) => r.day);
  }

  rows(from: string, to: string, window: number): Promise<TrendDayRow[]> {
    return rows<TrendDayRow>(this.q, ROWS, [from, to, window]);
  }

  async save(day: string, window: number, counts: readonly Omit<TrendDayRow, 'day'>[], at: string): Promise<void> {
    // A unit given twice: SQLite replaces the row, one upsert may not touch a row twice.
    const byUnit = [...new Map(counts.map((r) => [r.unitId, r])).values()];
    const column = (key: keyof Omit<TrendDayRow, 'day'>) => byUnit.map((r) => r[key]);
    await run(this.q, SAVE, [
      day, window, at,
      column('unitId'), column('computers'), column('reporting'), column('os'), column('office'), column('antivirus'), column('allThree'), column('licensed'),
    ]);
  }
}
