import type { Database, Statement } from 'better-sqlite3';
import type { ListEntry, ListEntryInput, ListKind } from '../schema/lists.js';
import type { ListFilter } from './registry-types.js';

interface ListRow {
  id: number;
  list: ListKind;
  name_pattern: string;
  publisher_pattern: string | null;
  unit_id: number | null;
  unit: string | null;
  reason: string;
  created_at: string;
  created_by: string;
}

const toEntry = (r: ListRow): ListEntry => ({
  id: r.id,
  list: r.list,
  name: r.name_pattern,
  publisher: r.publisher_pattern,
  unitId: r.unit_id,
  unit: r.unit,
  reason: r.reason,
  createdAt: r.created_at,
  createdBy: r.created_by,
});

const SELECT = 'SELECT e.*, u.name AS unit FROM list_entries e LEFT JOIN units u ON u.id = e.unit_id';

/** SQL for `list_entries` (deny and allow lists), oldest first within each list. */
export class ListRepo {
  private readonly listStmt: Statement<[{ list: string | null; units: string | null }], ListRow>;
  private readonly byId: Statement<[number], ListRow>;
  private readonly sameStmt: Statement<[{ list: string; name: string; publisher: string | null; unit: number | null }], { id: number }>;
  private readonly insertStmt: Statement<[{ list: string; name: string; publisher: string | null; unit: number | null; reason: string; at: string; by: string }], { id: number }>;
  private readonly deleteStmt: Statement<[number]>;

  constructor(db: Database) {
    // `units` is a JSON array of unit ids, or null for every unit; global entries always show.
    this.listStmt = db.prepare(
      `${SELECT} WHERE (@list IS NULL OR e.list = @list)
         AND (@units IS NULL OR e.unit_id IS NULL OR e.unit_id IN (SELECT value FROM json_each(@units)))
       ORDER BY e.list, e.id`,
    );
    this.byId = db.prepare(`${SELECT} WHERE e.id = ?`);
    this.sameStmt = db.prepare(
      `SELECT id FROM list_entries WHERE list = @list AND name_pattern = @name
         AND publisher_pattern IS @publisher AND unit_id IS @unit`,
    );
    this.insertStmt = db.prepare(
      `INSERT INTO list_entries (list, name_pattern, publisher_pattern, unit_id, reason, created_at, created_by)
       VALUES (@list, @name, @publisher, @unit, @reason, @at, @by) RETURNING id`,
    );
    this.deleteStmt = db.prepare('DELETE FROM list_entries WHERE id = ?');
  }

  list(f: ListFilter = {}): ListEntry[] {
    const units = f.unitIds === undefined ? null : JSON.stringify(f.unitIds);
    return this.listStmt.all({ list: f.list ?? null, units }).map(toEntry);
  }

  get(id: number): ListEntry | undefined {
    const row = this.byId.get(id);
    return row && toEntry(row);
  }

  /** The id of an entry with the same list, patterns and scope, if any. */
  findSame(input: ListEntryInput): number | undefined {
    return this.sameStmt.get({ list: input.list, name: input.name, publisher: input.publisher ?? null, unit: input.unitId ?? null })?.id;
  }

  insert(input: ListEntryInput, at: string, by: string): number {
    const row = this.insertStmt.get({
      list: input.list,
      name: input.name,
      publisher: input.publisher ?? null,
      unit: input.unitId ?? null,
      reason: input.reason,
      at,
      by,
    });
    return row!.id;
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }
}
