import type { Async } from '../async.js';
import type { UnitRecord } from '../registry-types.js';
import type { Unit } from '../types.js';
import { subtreeSql, type UnitColumns, type UnitRepo, type UnitUsage } from '../unit-repo.js';
import { row, rows, run, stmt, type Queryable } from './query.js';

const UNIT = `id, name, parent_id AS "parentId", created_at AS "createdAt"`;
// Rows from before SQLite's migration 0002 have no updated_at; a copied one reads as created.
const RECORD = `${UNIT}, kind, sector, code, headcount, coalesce(updated_at, created_at) AS "updatedAt"`;

const UNIT_BY_NAME = stmt('units.findByName', `SELECT ${UNIT} FROM units WHERE name = $1`);
const RECORD_BY_NAME = stmt('units.getByName', `SELECT ${RECORD} FROM units WHERE name = $1`);
const RECORD_BY_ID = stmt('units.get', `SELECT ${RECORD} FROM units WHERE id = $1`);
// SQLite orders names by their bytes, which is code-point order in UTF-8.
const UNITS = stmt('units.list', `SELECT ${UNIT} FROM units ORDER BY name COLLATE "C"`);
const RECORDS = stmt('units.records', `SELECT ${RECORD} FROM units ORDER BY name COLLATE "C"`);
const ENSURE = stmt(
  'units.ensure',
  `INSERT INTO units (name, created_at, updated_at) VALUES ($1, $2, $2) ON CONFLICT (name) DO NOTHING RETURNING ${UNIT}`,
);
const INSERT = stmt(
  'units.insert',
  `INSERT INTO units (name, parent_id, kind, sector, code, headcount, created_at, updated_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${RECORD}`,
);
const UPDATE = stmt(
  'units.update',
  `UPDATE units SET name = $2, parent_id = $3, kind = $4, sector = $5, code = $6, headcount = $7, updated_at = $8
   WHERE id = $1 RETURNING ${RECORD}`,
);
const DELETE = stmt('units.delete', 'DELETE FROM units WHERE id = $1');
const SUBTREE = stmt('units.subtree', `${subtreeSql('id = $1')} ORDER BY id`);
// count(*) is int8, which PG_TYPES reads as a number, and so is the sum of two.
const USAGE = stmt(
  'units.usage',
  `SELECT
  (SELECT count(*) FROM units WHERE parent_id = $1) AS subunits,
  (SELECT count(*) FROM agents WHERE unit_id = $1) AS machines,
  (SELECT count(*) FROM licences WHERE unit_id = $1) AS licences,
  (SELECT count(*) FROM list_entries WHERE unit_id = $1) AS "listEntries",
  (SELECT count(*) FROM enrollment_tokens WHERE unit_id = $1) AS "enrollmentTokens",
  (SELECT count(*) FROM admin_tokens WHERE unit_id = $1) AS "adminTokens",
  (SELECT count(*) FROM machine_moves WHERE from_unit_id = $1 OR to_unit_id = $1)
    + (SELECT count(*) FROM licence_events WHERE to_unit_id = $1) AS history,
  (SELECT count(*) FROM spot_checks WHERE unit_id = $1)
    + (SELECT count(*) FROM spot_check_machines WHERE unit_id = $1) AS "spotChecks"`,
);
const MACHINE_COUNTS = stmt('units.machineCounts', 'SELECT unit_id, count(*) AS n FROM agents GROUP BY unit_id ORDER BY unit_id');

type UnitRow = Unit & Record<string, unknown>;
type RecordRow = UnitRecord & Record<string, unknown>;

const columns = (c: UnitColumns) => [c.name, c.parentId, c.kind, c.sector, c.code, c.headcount];

/** `units` on PostgreSQL: see ../unit-repo.ts. */
export class PgUnitRepo implements Async<UnitRepo> {
  constructor(private readonly q: Queryable) {}

  async findByName(name: string): Promise<Unit | undefined> {
    return row<UnitRow>(this.q, UNIT_BY_NAME, [name]);
  }

  async list(): Promise<Unit[]> {
    return rows<UnitRow>(this.q, UNITS);
  }

  /**
   * As SQLite's, but another collector may create the same name between the look and the
   * insert: the insert then waits for it, answers nothing, and the unit is read again. The
   * look comes first so that the usual case spends no identity value.
   */
  async ensure(name: string, at: string): Promise<Unit> {
    const unit = (await this.findByName(name)) ?? (await row<UnitRow>(this.q, ENSURE, [name, at])) ?? (await this.findByName(name));
    if (!unit) throw new Error(`unit ${name}: neither created nor found`);
    return unit;
  }

  async get(id: number): Promise<UnitRecord | undefined> {
    return row<RecordRow>(this.q, RECORD_BY_ID, [id]);
  }

  async getByName(name: string): Promise<UnitRecord | undefined> {
    return row<RecordRow>(this.q, RECORD_BY_NAME, [name]);
  }

  async records(): Promise<UnitRecord[]> {
    return rows<RecordRow>(this.q, RECORDS);
  }

  async insert(c: UnitColumns, at: string): Promise<UnitRecord> {
    return (await row<RecordRow>(this.q, INSERT, [...columns(c), at]))!;
  }

  /** As the SQLite repo's, a unit that is not there is the caller's error (the service looks first), and throws. */
  async update(id: number, c: UnitColumns, at: string): Promise<UnitRecord> {
    const updated = await row<RecordRow>(this.q, UPDATE, [id, ...columns(c), at]);
    if (!updated) throw new Error(`unit ${id} does not exist`);
    return updated;
  }

  async delete(id: number): Promise<void> {
    await run(this.q, DELETE, [id]);
  }

  async subtreeIds(id: number): Promise<number[]> {
    return (await rows<{ id: number }>(this.q, SUBTREE, [id])).map((r) => r.id);
  }

  async usage(id: number): Promise<UnitUsage> {
    return (await row<UnitUsage & Record<string, unknown>>(this.q, USAGE, [id]))!;
  }

  async machineCounts(): Promise<Map<number, number>> {
    return new Map((await rows<{ unit_id: number; n: number }>(this.q, MACHINE_COUNTS)).map((r) => [r.unit_id, r.n]));
  }
}
