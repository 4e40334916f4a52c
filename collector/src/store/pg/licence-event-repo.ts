import type { Async } from '../async.js';
import type { LicenceEventRepo, NewEventRow } from '../licence-event-repo.js';
import { toLicenceEvent, type LicenceEventRow } from '../registry-rows.js';
import type { LicenceEvent } from '../../schema/licences.js';
import { row, rows, stmt, type Queryable } from './query.js';

const COLUMNS = ['licence_id', 'kind', 'disposal', 'date', 'seats', 'to_unit_id', 'valid_until', 'version_to', 'created_licence_id', 'notes', 'actor', 'created_at'] as const;

// Dates are ISO text: COLLATE "C" orders them as SQLite does whatever the database's locale.
const BY_LICENCE = stmt('licenceEvents.list', 'SELECT * FROM licence_events WHERE licence_id = $1 ORDER BY date COLLATE "C", id');
const INSERT = stmt(
  'licenceEvents.insert',
  `INSERT INTO licence_events (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
);

/** `licence_events` on PostgreSQL: see ../licence-event-repo.ts. */
export class PgLicenceEventRepo implements Async<LicenceEventRepo> {
  constructor(private readonly q: Queryable) {}

  async list(licenceId: number): Promise<LicenceEvent[]> {
    return (await rows<LicenceEventRow & Record<string, unknown>>(this.q, BY_LICENCE, [licenceId])).map(toLicenceEvent);
  }

  async insert(r: NewEventRow): Promise<LicenceEvent> {
    return toLicenceEvent((await row<LicenceEventRow & Record<string, unknown>>(this.q, INSERT, COLUMNS.map((c) => r[c])))!);
  }
}
