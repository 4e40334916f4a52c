import type { Async } from '../async.js';
import type { InspectorRepo } from '../inspector-repo.js';
import type { Inspector, NewInspector } from '../inspector-types.js';
import { row, rows, run, stmt, type Queryable } from './query.js';

const COLUMNS = `id, name, public_key AS "publicKey", kit_id AS "kitId", unit, spot_check_id AS "spotCheckId",
  created_at AS "createdAt", revoked_at AS "revokedAt"`;

const INSERT = stmt(
  'inspectors.insert',
  `INSERT INTO inspectors (name, public_key, kit_id, unit, spot_check_id, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
);
const BY_ID = stmt('inspectors.find', `SELECT ${COLUMNS} FROM inspectors WHERE id = $1`);
const ALL = stmt('inspectors.list', `SELECT ${COLUMNS} FROM inspectors ORDER BY id`);
const REVOKE = stmt('inspectors.revoke', 'UPDATE inspectors SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL');

type InspectorRow = Inspector & Record<string, unknown>;

/** `inspectors` on PostgreSQL: see ../inspector-repo.ts. */
export class PgInspectorRepo implements Async<InspectorRepo> {
  constructor(private readonly q: Queryable) {}

  async insert(i: NewInspector): Promise<Inspector> {
    return (await row<InspectorRow>(this.q, INSERT, [i.name, i.publicKey, i.kitId, i.unit, i.spotCheckId, i.createdAt]))!;
  }

  async find(id: number): Promise<Inspector | undefined> {
    return row<InspectorRow>(this.q, BY_ID, [id]);
  }

  async list(): Promise<Inspector[]> {
    return rows<InspectorRow>(this.q, ALL);
  }

  /** True when it was revoked now, false when it was already. */
  async revoke(id: number, at: string): Promise<boolean> {
    return (await run(this.q, REVOKE, [id, at])) > 0;
  }
}
