import type { Async } from '../async.js';
import type { EnrollmentRepo, EnrollmentTokenRow } from '../enrollment-repo.js';
import type { EnrollmentTokenInfo } from '../types.js';
import { row, rows, run, stmt, type Queryable } from './query.js';

const INFO = `t.id, u.name AS unit, t.created_at AS "createdAt", t.expires_at AS "expiresAt", t.max_uses AS "maxUses", t.uses, t.network`;

// The token's row is locked until the transaction ends: enrollment reads its uses, then
// spends one, and two collectors given the same last use must take it one after the
// other (SQLite's write lock did that). Outside a transaction the lock ends with the statement.
const BY_HASH = stmt(
  'enrollments.findByHash',
  `SELECT t.id, t.unit_id, u.name AS unit, t.created_at, t.expires_at, t.max_uses, t.uses, t.network
   FROM enrollment_tokens t JOIN units u ON u.id = t.unit_id WHERE t.token_hash = $1 FOR UPDATE OF t`,
);
const INSERT = stmt(
  'enrollments.insert',
  `WITH t AS (
     INSERT INTO enrollment_tokens (token_hash, unit_id, created_at, expires_at, max_uses, network)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
   SELECT ${INFO} FROM t JOIN units u ON u.id = t.unit_id`,
);
const LIST = stmt('enrollments.list', `SELECT ${INFO} FROM enrollment_tokens t JOIN units u ON u.id = t.unit_id ORDER BY t.id`);
const CONSUME = stmt('enrollments.consume', 'UPDATE enrollment_tokens SET uses = uses + 1 WHERE id = $1');

type InfoRow = EnrollmentTokenInfo & Record<string, unknown>;

/** `enrollment_tokens` on PostgreSQL: see ../enrollment-repo.ts. */
export class PgEnrollmentRepo implements Async<EnrollmentRepo> {
  constructor(private readonly q: Queryable) {}

  async insert(p: Parameters<EnrollmentRepo['insert']>[0]): Promise<EnrollmentTokenInfo> {
    return (await row<InfoRow>(this.q, INSERT, [p.tokenHash, p.unitId, p.createdAt, p.expiresAt, p.maxUses, p.network]))!;
  }

  async findByHash(tokenHash: string): Promise<EnrollmentTokenRow | undefined> {
    return row<EnrollmentTokenRow & Record<string, unknown>>(this.q, BY_HASH, [tokenHash]);
  }

  async consume(id: number): Promise<void> {
    await run(this.q, CONSUME, [id]);
  }

  async list(): Promise<EnrollmentTokenInfo[]> {
    return rows<InfoRow>(this.q, LIST);
  }
}
