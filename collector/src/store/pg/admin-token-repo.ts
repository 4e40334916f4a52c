import type { Async } from '../async.js';
import type { AdminTokenRepo } from '../admin-token-repo.js';
import type { AdminTokenInfo } from '../types.js';
import { row, rows, run, stmt, type Queryable } from './query.js';

const INFO = `t.id, t.role, t.unit_id AS "unitId", u.name AS unit, t.created_at AS "createdAt", t.last_used_at AS "lastUsedAt"`;

const BY_HASH = stmt('adminTokens.findByHash', `SELECT ${INFO} FROM admin_tokens t LEFT JOIN units u ON u.id = t.unit_id WHERE t.token_hash = $1`);
const INSERT = stmt(
  'adminTokens.insert',
  `WITH t AS (INSERT INTO admin_tokens (token_hash, role, unit_id, created_at) VALUES ($1, $2, $3, $4) RETURNING *)
   SELECT ${INFO} FROM t LEFT JOIN units u ON u.id = t.unit_id`,
);
const LIST = stmt('adminTokens.list', `SELECT ${INFO} FROM admin_tokens t LEFT JOIN units u ON u.id = t.unit_id ORDER BY t.id`);
const TOUCH = stmt('adminTokens.touch', 'UPDATE admin_tokens SET last_used_at = $2 WHERE id = $1');

type InfoRow = AdminTokenInfo & Record<string, unknown>;

/** `admin_tokens` on PostgreSQL: see ../admin-token-repo.ts. */
export class PgAdminTokenRepo implements Async<AdminTokenRepo> {
  constructor(private readonly q: Queryable) {}

  async insert(p: Parameters<AdminTokenRepo['insert']>[0]): Promise<AdminTokenInfo> {
    return (await row<InfoRow>(this.q, INSERT, [p.tokenHash, p.role, p.unitId, p.createdAt]))!;
  }

  async findByHash(tokenHash: string): Promise<AdminTokenInfo | undefined> {
    return row<InfoRow>(this.q, BY_HASH, [tokenHash]);
  }

  async touch(id: number, at: string): Promise<void> {
    await run(this.q, TOUCH, [id, at]);
  }

  async list(): Promise<AdminTokenInfo[]> {
    return rows<InfoRow>(this.q, LIST);
  }
}
