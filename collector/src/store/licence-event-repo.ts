import type { Database, Statement } from 'better-sqlite3';
import type { LicenceEvent } from '../schema/licences.js';
import { toLicenceEvent, type LicenceEventRow } from './registry-rows.js';

export type NewEventRow = Omit<LicenceEventRow, 'id'>;

/** SQL for `licence_events`: a licence's dated history, oldest first. */
export class LicenceEventRepo {
  private readonly byLicence: Statement<[number], LicenceEventRow>;
  private readonly insertStmt: Statement<[NewEventRow], LicenceEventRow>;

  constructor(db: Database) {
    this.byLicence = db.prepare('SELECT * FROM licence_events WHERE licence_id = ? ORDER BY date, id');
    this.insertStmt = db.prepare(`INSERT INTO licence_events
      (licence_id, kind, disposal, date, seats, to_unit_id, valid_until, version_to, created_licence_id, notes, actor, created_at)
      VALUES (@licence_id, @kind, @disposal, @date, @seats, @to_unit_id, @valid_until, @version_to, @created_licence_id, @notes, @actor, @created_at)
      RETURNING *`);
  }

  list(licenceId: number): LicenceEvent[] {
    return this.byLicence.all(licenceId).map(toLicenceEvent);
  }

  insert(row: NewEventRow): LicenceEvent {
    return toLicenceEvent(this.insertStmt.get(row)!);
  }
}
