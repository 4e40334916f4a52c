import type { Database, Statement } from 'better-sqlite3';
import type { DisposalKind, LicenceEvent, LicenceEventKind } from '../schema/licences.js';

interface EventRow {
  id: number;
  licence_id: number;
  kind: LicenceEventKind;
  disposal: DisposalKind | null;
  date: string;
  seats: number | null;
  to_unit_id: number | null;
  valid_until: string | null;
  version_to: string | null;
  created_licence_id: number | null;
  notes: string | null;
  actor: string;
  created_at: string;
}

const toEvent = (r: EventRow): LicenceEvent => ({
  id: r.id,
  licenceId: r.licence_id,
  kind: r.kind,
  disposal: r.disposal,
  date: r.date,
  seats: r.seats,
  toUnitId: r.to_unit_id,
  validUntil: r.valid_until,
  versionTo: r.version_to,
  createdLicenceId: r.created_licence_id,
  notes: r.notes,
  actor: r.actor,
  createdAt: r.created_at,
});

export type NewEventRow = Omit<EventRow, 'id'>;

/** SQL for `licence_events`: a licence's dated history, oldest first. */
export class LicenceEventRepo {
  private readonly byLicence: Statement<[number], EventRow>;
  private readonly insertStmt: Statement<[NewEventRow], EventRow>;

  constructor(db: Database) {
    this.byLicence = db.prepare('SELECT * FROM licence_events WHERE licence_id = ? ORDER BY date, id');
    this.insertStmt = db.prepare(`INSERT INTO licence_events
      (licence_id, kind, disposal, date, seats, to_unit_id, valid_until, version_to, created_licence_id, notes, actor, created_at)
      VALUES (@licence_id, @kind, @disposal, @date, @seats, @to_unit_id, @valid_until, @version_to, @created_licence_id, @notes, @actor, @created_at)
      RETURNING *`);
  }

  list(licenceId: number): LicenceEvent[] {
    return this.byLicence.all(licenceId).map(toEvent);
  }

  insert(row: NewEventRow): LicenceEvent {
    return toEvent(this.insertStmt.get(row)!);
  }
}
