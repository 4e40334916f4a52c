import type { Async } from '../async.js';
import type { PeopleRepo, PersonColumns } from '../people-repo.js';
import type { Person } from '../../schema/units.js';
import { row, rows, run, stmt, type Queryable } from './query.js';

const COLUMNS = `id, unit_id AS "unitId", role, name, title, phone, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Roles in the order the campaign's forms list them: 主要负责人, 分管领导, 联络员. */
const ORDER = `ORDER BY unit_id, CASE role WHEN 'first-responsible' THEN 0 WHEN 'leader-in-charge' THEN 1 ELSE 2 END, id`;

const BY_ID = stmt('people.get', `SELECT ${COLUMNS} FROM unit_people WHERE id = $1`);
// An update writes the person as get read it with the caller's changes on top, which
// SQLite's one writer keeps true until the commit. Here get holds the row until the
// transaction ends, so a second change to the person waits and then builds on the first.
const LOCK = stmt('people.lock', 'SELECT FROM unit_people WHERE id = $1 FOR UPDATE');
const ALL = stmt('people.all', `SELECT ${COLUMNS} FROM unit_people ${ORDER}`);
const OF_UNITS = stmt('people.ofUnits', `SELECT ${COLUMNS} FROM unit_people WHERE unit_id = ANY($1::bigint[]) ${ORDER}`);
const INSERT = stmt(
  'people.insert',
  `INSERT INTO unit_people (unit_id, role, name, title, phone, created_at, updated_at)
   VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING ${COLUMNS}`,
);
const UPDATE = stmt('people.update', `UPDATE unit_people SET role = $2, name = $3, title = $4, phone = $5, updated_at = $6 WHERE id = $1 RETURNING ${COLUMNS}`);
const DELETE = stmt('people.delete', 'DELETE FROM unit_people WHERE id = $1');

type PersonRow = Person & Record<string, unknown>;

/** `unit_people` on PostgreSQL: see ../people-repo.ts. */
export class PgPeopleRepo implements Async<PeopleRepo> {
  constructor(private readonly q: Queryable) {}

  async get(id: number): Promise<Person | undefined> {
    return row<PersonRow>(this.q, BY_ID, [id]);
  }

  /** get with the row locked until the transaction ends, for a write that depends on what it read. Locked apart from the read: a statement sees what was committed when it began, so the read must begin after the wait. */
  async getForUpdate(id: number): Promise<Person | undefined> {
    await run(this.q, LOCK, [id]);
    return this.get(id);
  }

  async list(unitIds?: readonly number[]): Promise<Person[]> {
    return unitIds === undefined ? rows<PersonRow>(this.q, ALL) : rows<PersonRow>(this.q, OF_UNITS, [unitIds]);
  }

  async insert(unitId: number, c: PersonColumns, at: string): Promise<Person> {
    return (await row<PersonRow>(this.q, INSERT, [unitId, c.role, c.name, c.title, c.phone, at]))!;
  }

  /** A person who is not there is the caller's error, as in the SQLite repo: the service gets the person first. */
  async update(id: number, c: PersonColumns, at: string): Promise<Person> {
    const after = await row<PersonRow>(this.q, UPDATE, [id, c.role, c.name, c.title, c.phone, at]);
    if (!after) throw new Error(`person ${id} is not there to update`);
    return after;
  }

  async delete(id: number): Promise<void> {
    await run(this.q, DELETE, [id]);
  }
}
