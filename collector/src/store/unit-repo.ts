import type { Database, Statement } from 'better-sqlite3';
import type { Unit } from './types.js';

interface UnitRow {
  id: number;
  name: string;
  parent_id: number | null;
  created_at: string;
}

const toUnit = (r: UnitRow): Unit => ({ id: r.id, name: r.name, parentId: r.parent_id, createdAt: r.created_at });

/** SQL for `units`. Synchronous: callers compose it inside their transactions. */
export class UnitRepo {
  private readonly byName: Statement<[string], UnitRow>;
  private readonly all: Statement<[], UnitRow>;
  private readonly insert: Statement<[string, string], UnitRow>;

  constructor(db: Database) {
    this.byName = db.prepare('SELECT * FROM units WHERE name = ?');
    this.all = db.prepare('SELECT * FROM units ORDER BY name');
    this.insert = db.prepare('INSERT INTO units (name, created_at) VALUES (?, ?) RETURNING *');
  }

  findByName(name: string): Unit | undefined {
    const row = this.byName.get(name);
    return row && toUnit(row);
  }

  list(): Unit[] {
    return this.all.all().map(toUnit);
  }

  /** The unit named so, created at the top level when missing. */
  ensure(name: string, at: string): Unit {
    return this.findByName(name) ?? toUnit(this.insert.get(name, at)!);
  }
}

/**
 * A unit and all units below it. Used as `unit_id IN (<this>)` so scoping follows the
 * tree once units have parents; with a flat list it is just the unit itself.
 */
export function subtreeSql(param: string): string {
  return `WITH RECURSIVE subtree(id) AS (
    SELECT id FROM units WHERE ${param}
    UNION SELECT u.id FROM units u JOIN subtree s ON u.parent_id = s.id
  ) SELECT id FROM subtree`;
}
