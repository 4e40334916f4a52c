import type { Database, Statement } from 'better-sqlite3';
import type { UnitKind, UnitSector } from '../schema/units.js';
import type { UnitRecord } from './registry-types.js';
import type { Unit } from './types.js';

interface UnitRow {
  id: number;
  name: string;
  parent_id: number | null;
  kind: UnitKind;
  sector: UnitSector | null;
  code: string | null;
  headcount: number | null;
  created_at: string;
  updated_at: string | null;
}

/** The columns a create or an update writes. */
export interface UnitColumns {
  name: string;
  parentId: number | null;
  kind: UnitKind;
  sector: UnitSector | null;
  code: string | null;
  headcount: number | null;
}

/** What still refers to a unit; a unit is deleted only when all are zero. */
export interface UnitUsage {
  subunits: number;
  machines: number;
  licences: number;
  listEntries: number;
  enrollmentTokens: number;
  adminTokens: number;
  /** Past moves and licence reallocations name the unit; history is not rewritten. */
  history: number;
  /** Spot checks of the unit, or with a machine of it: the record a unit stamped stays. */
  spotChecks: number;
}

const toUnit = (r: UnitRow): Unit => ({ id: r.id, name: r.name, parentId: r.parent_id, createdAt: r.created_at });

const toRecord = (r: UnitRow): UnitRecord => ({
  id: r.id,
  name: r.name,
  parentId: r.parent_id,
  kind: r.kind,
  sector: r.sector,
  code: r.code,
  headcount: r.headcount,
  createdAt: r.created_at,
  // Rows from before migration 0002 filled it; ensure() fills it too.
  updatedAt: r.updated_at ?? r.created_at,
});

const USAGE = `SELECT
  (SELECT count(*) FROM units WHERE parent_id = @id) AS subunits,
  (SELECT count(*) FROM agents WHERE unit_id = @id) AS machines,
  (SELECT count(*) FROM licences WHERE unit_id = @id) AS licences,
  (SELECT count(*) FROM list_entries WHERE unit_id = @id) AS listEntries,
  (SELECT count(*) FROM enrollment_tokens WHERE unit_id = @id) AS enrollmentTokens,
  (SELECT count(*) FROM admin_tokens WHERE unit_id = @id) AS adminTokens,
  (SELECT count(*) FROM machine_moves WHERE from_unit_id = @id OR to_unit_id = @id)
    + (SELECT count(*) FROM licence_events WHERE to_unit_id = @id) AS history,
  (SELECT count(*) FROM spot_checks WHERE unit_id = @id)
    + (SELECT count(*) FROM spot_check_machines WHERE unit_id = @id) AS spotChecks`;

/** SQL for `units`. Synchronous: callers compose it inside their transactions. */
export class UnitRepo {
  private readonly byName: Statement<[string], UnitRow>;
  private readonly byId: Statement<[number], UnitRow>;
  private readonly all: Statement<[], UnitRow>;
  private readonly ensureStmt: Statement<[string, string, string], UnitRow>;
  private readonly insertStmt: Statement<[UnitColumns & { at: string }], UnitRow>;
  private readonly updateStmt: Statement<[UnitColumns & { id: number; at: string }], UnitRow>;
  private readonly deleteStmt: Statement<[number]>;
  private readonly subtreeStmt: Statement<[number], { id: number }>;
  private readonly usageStmt: Statement<[{ id: number }], UnitUsage>;
  private readonly countsStmt: Statement<[], { unit_id: number; n: number }>;

  constructor(db: Database) {
    this.byName = db.prepare('SELECT * FROM units WHERE name = ?');
    this.byId = db.prepare('SELECT * FROM units WHERE id = ?');
    this.all = db.prepare('SELECT * FROM units ORDER BY name');
    this.ensureStmt = db.prepare('INSERT INTO units (name, created_at, updated_at) VALUES (?, ?, ?) RETURNING *');
    this.insertStmt = db.prepare(`INSERT INTO units (name, parent_id, kind, sector, code, headcount, created_at, updated_at)
      VALUES (@name, @parentId, @kind, @sector, @code, @headcount, @at, @at) RETURNING *`);
    this.updateStmt = db.prepare(`UPDATE units SET name = @name, parent_id = @parentId, kind = @kind, sector = @sector, code = @code,
      headcount = @headcount, updated_at = @at WHERE id = @id RETURNING *`);
    this.deleteStmt = db.prepare('DELETE FROM units WHERE id = ?');
    this.subtreeStmt = db.prepare(`${subtreeSql('id = ?')} ORDER BY id`);
    this.usageStmt = db.prepare(USAGE);
    this.countsStmt = db.prepare('SELECT unit_id, count(*) AS n FROM agents GROUP BY unit_id');
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
    return this.findByName(name) ?? toUnit(this.ensureStmt.get(name, at, at)!);
  }

  get(id: number): UnitRecord | undefined {
    const row = this.byId.get(id);
    return row && toRecord(row);
  }

  getByName(name: string): UnitRecord | undefined {
    const row = this.byName.get(name);
    return row && toRecord(row);
  }

  records(): UnitRecord[] {
    return this.all.all().map(toRecord);
  }

  insert(c: UnitColumns, at: string): UnitRecord {
    return toRecord(this.insertStmt.get({ ...c, at })!);
  }

  update(id: number, c: UnitColumns, at: string): UnitRecord {
    return toRecord(this.updateStmt.get({ ...c, id, at })!);
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  /** The unit and every unit below it (empty when the unit does not exist). */
  subtreeIds(id: number): number[] {
    return this.subtreeStmt.all(id).map((r) => r.id);
  }

  usage(id: number): UnitUsage {
    return this.usageStmt.get({ id })!;
  }

  /** Machines enrolled per unit itself; units without machines are absent. */
  machineCounts(): Map<number, number> {
    return new Map(this.countsStmt.all().map((r) => [r.unit_id, r.n]));
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
