import type { Database, Statement } from 'better-sqlite3';
import type { Person, PersonRole } from '../schema/units.js';

interface PersonRow {
  id: number;
  unit_id: number;
  role: PersonRole;
  name: string;
  title: string | null;
  phone: string;
  created_at: string;
  updated_at: string;
}

/** The columns a create or an update writes. */
export interface PersonColumns {
  role: PersonRole;
  name: string;
  title: string | null;
  phone: string;
}

const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  unitId: r.unit_id,
  role: r.role,
  name: r.name,
  title: r.title,
  phone: r.phone,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Roles in the order the campaign's forms list them: 主要负责人, 分管领导, 联络员. */
const ORDER = `ORDER BY unit_id, CASE role WHEN 'first-responsible' THEN 0 WHEN 'leader-in-charge' THEN 1 ELSE 2 END, id`;

/** SQL for `unit_people`, the responsible persons of each unit (several per role allowed). */
export class PeopleRepo {
  private readonly byId: Statement<[number], PersonRow>;
  private readonly all: Statement<[], PersonRow>;
  private readonly ofUnits: Statement<[string], PersonRow>;
  private readonly insertStmt: Statement<[PersonColumns & { unitId: number; at: string }], PersonRow>;
  private readonly updateStmt: Statement<[PersonColumns & { id: number; at: string }], PersonRow>;
  private readonly deleteStmt: Statement<[number]>;

  constructor(db: Database) {
    this.byId = db.prepare('SELECT * FROM unit_people WHERE id = ?');
    this.all = db.prepare(`SELECT * FROM unit_people ${ORDER}`);
    // The ids come as one JSON array, so one prepared statement serves any number of units.
    this.ofUnits = db.prepare(`SELECT * FROM unit_people WHERE unit_id IN (SELECT value FROM json_each(?)) ${ORDER}`);
    this.insertStmt = db.prepare(`INSERT INTO unit_people (unit_id, role, name, title, phone, created_at, updated_at)
      VALUES (@unitId, @role, @name, @title, @phone, @at, @at) RETURNING *`);
    this.updateStmt = db.prepare(`UPDATE unit_people SET role = @role, name = @name, title = @title, phone = @phone,
      updated_at = @at WHERE id = @id RETURNING *`);
    this.deleteStmt = db.prepare('DELETE FROM unit_people WHERE id = ?');
  }

  get(id: number): Person | undefined {
    const row = this.byId.get(id);
    return row && toPerson(row);
  }

  /** get, to write the row after: SQLite's write transaction already holds the whole database, so nothing more to take. */
  getForUpdate(id: number): Person | undefined {
    return this.get(id);
  }

  /** Everyone, or the people of these units. */
  list(unitIds?: readonly number[]): Person[] {
    const rows = unitIds === undefined ? this.all.all() : this.ofUnits.all(JSON.stringify(unitIds));
    return rows.map(toPerson);
  }

  insert(unitId: number, c: PersonColumns, at: string): Person {
    return toPerson(this.insertStmt.get({ ...c, unitId, at })!);
  }

  update(id: number, c: PersonColumns, at: string): Person {
    return toPerson(this.updateStmt.get({ ...c, id, at })!);
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }
}
