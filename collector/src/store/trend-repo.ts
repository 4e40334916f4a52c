import type { Database, Statement } from 'better-sqlite3';

/** One unit's own counts at the end of a day (trend_days, migration 12). */
export interface TrendDayRow {
  day: string;
  unitId: number;
  computers: number;
  reporting: number;
  os: number;
  office: number;
  antivirus: number;
  allThree: number;
  licensed: number;
}

interface Row {
  day: string;
  unit_id: number;
  computers: number;
  reporting: number;
  os: number;
  office: number;
  antivirus: number;
  all_three: number;
  licensed: number;
}

/** SQL for the days counted for the dashboard's trend; a day is written whole, once. */
export class TrendRepo {
  private readonly doneStmt: Statement<[{ from: string; to: string; window: number }], { day: string }>;
  private readonly rowsStmt: Statement<[{ from: string; to: string; window: number }], Row>;
  private readonly insertStmt: Statement<[Row & { window: number }]>;
  private readonly markStmt: Statement<[{ day: string; window: number; at: string }]>;

  constructor(private readonly db: Database) {
    this.doneStmt = db.prepare('SELECT day FROM trend_days_done WHERE day >= @from AND day <= @to AND stale_after_ms = @window ORDER BY day');
    this.rowsStmt = db.prepare(`SELECT day, unit_id, computers, reporting, os, office, antivirus, all_three, licensed FROM trend_days
      WHERE day >= @from AND day <= @to AND stale_after_ms = @window ORDER BY day`);
    this.insertStmt = db.prepare(`INSERT OR REPLACE INTO trend_days (day, stale_after_ms, unit_id, computers, reporting, os, office, antivirus, all_three, licensed)
      VALUES (@day, @window, @unit_id, @computers, @reporting, @os, @office, @antivirus, @all_three, @licensed)`);
    this.markStmt = db.prepare('INSERT OR REPLACE INTO trend_days_done (day, stale_after_ms, counted_at) VALUES (@day, @window, @at)');
  }

  /** The days from `from` to `to` (YYYY-MM-DD, both included) already counted for this window. */
  counted(from: string, to: string, window: number): string[] {
    return this.doneStmt.all({ from, to, window }).map((r) => r.day);
  }

  rows(from: string, to: string, window: number): TrendDayRow[] {
    return this.rowsStmt.all({ from, to, window }).map((r) => ({
      day: r.day, unitId: r.unit_id, computers: r.computers, reporting: r.reporting, os: r.os, office: r.office, antivirus: r.antivirus, allThree: r.all_three, licensed: r.licensed,
    }));
  }

  /** A day's rows and its mark, in one transaction: a day is counted whole or not at all. */
  save(day: string, window: number, rows: readonly Omit<TrendDayRow, 'day'>[], at: string): void {
    this.db.transaction(() => {
      for (const r of rows) {
        this.insertStmt.run({ day, window, unit_id: r.unitId, computers: r.computers, reporting: r.reporting, os: r.os, office: r.office, antivirus: r.antivirus, all_three: r.allThree, licensed: r.licensed });
      }
      this.markStmt.run({ day, window, at });
    })();
  }
}
