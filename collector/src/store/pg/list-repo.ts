import type { Async } from '../async.js';
import type { ListRepo } from '../list-repo.js';
import type { ListFilter } from '../registry-types.js';
import type { ListEntry, ListEntryInput } from '../../schema/lists.js';
import { row, rows, run, stmt, type Queryable } from './query.js';

// Aliased to the entry's field names, so a row is the entry as the SQLite repo maps it.
const SELECT = `SELECT e.id, e.list, e.name_pattern AS name, e.publisher_pattern AS publisher, e.unit_id AS "unitId", u.name AS unit,
  e.reason, e.created_at AS "createdAt", e.created_by AS "createdBy"
  FROM list_entries e LEFT JOIN units u ON u.id = e.unit_id`;

// $2: unit ids, or NULL for every unit; global entries always show.
const LIST = stmt(
  'lists.list',
  `${SELECT} WHERE ($1::text IS NULL OR e.list = $1::text)
     AND ($2::bigint[] IS NULL OR e.unit_id IS NULL OR e.unit_id = ANY($2::bigint[]))
   ORDER BY e.list COLLATE "C", e.id`,
);
const BY_ID = stmt('lists.get', `${SELECT} WHERE e.id = $1`);
// SQLite's `IS` compares NULLs as equal: IS NOT DISTINCT FROM here.
const SAME = stmt(
  'lists.findSame',
  `SELECT id FROM list_entries WHERE list = $1 AND name_pattern = $2
     AND publisher_pattern IS NOT DISTINCT FROM $3::text AND unit_id IS NOT DISTINCT FROM $4::bigint
   ORDER BY id LIMIT 1`,
);
// The service adds an entry only where findSame found none. Nothing in the table refuses a
// second one, so findSame takes a lock on the entry's key until the transaction ends: a
// transaction adding the same entry waits, then finds it (SQLite's one writer does the
// same). The first key keeps these locks apart from other advisory locks ("list" in ASCII).
const SAME_LOCK = stmt('lists.sameLock', 'SELECT pg_advisory_xact_lock(1818850164, hashtext($1))');
const INSERT = stmt(
  'lists.insert',
  `INSERT INTO list_entries (list, name_pattern, publisher_pattern, unit_id, reason, created_at, created_by)
   VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
);
const DELETE = stmt('lists.delete', 'DELETE FROM list_entries WHERE id = $1');

type EntryRow = ListEntry & Record<string, unknown>;

/** `list_entries` on PostgreSQL: see ../list-repo.ts. */
export class PgListRepo implements Async<ListRepo> {
  constructor(private readonly q: Queryable) {}

  async list(f: ListFilter = {}): Promise<ListEntry[]> {
    return rows<EntryRow>(this.q, LIST, [f.list ?? null, f.unitIds ?? null]);
  }

  async get(id: number): Promise<ListEntry | undefined> {
    return row<EntryRow>(this.q, BY_ID, [id]);
  }

  async findSame(input: ListEntryInput): Promise<number | undefined> {
    const key = [input.list, input.name, input.publisher ?? null, input.unitId ?? null];
    // Apart from the read: a statement sees what was committed when it began, so the read must begin after the wait.
    await run(this.q, SAME_LOCK, [JSON.stringify(key)]);
    return (await row<{ id: number }>(this.q, SAME, key))?.id;
  }

  async insert(input: ListEntryInput, at: string, by: string): Promise<number> {
    const values = [input.list, input.name, input.publisher ?? null, input.unitId ?? null, input.reason, at, by];
    return (await row<{ id: number }>(this.q, INSERT, values))!.id;
  }

  async delete(id: number): Promise<void> {
    await run(this.q, DELETE, [id]);
  }
}
