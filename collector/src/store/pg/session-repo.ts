import type { Async } from '../async.js';
import type { SessionRepo } from '../session-repo.js';
import type { NewSession, SessionRecord } from '../session-types.js';
import { row, run, stmt, type Queryable } from './query.js';

type SessionRow = Omit<SessionRecord, 'token'> & { token_id: number } & SessionRecord['token'];

// The inner join is the check that the session's token is still valid (see ../session-repo.ts).
const COLUMNS = `s.id, s.admin_token_id AS token_id, t.role, t.unit_id AS "unitId", u.name AS unit,
  s.csrf_token AS "csrfToken", s.created_at AS "createdAt", s.expires_at AS "expiresAt"`;
const JOINS = 'JOIN admin_tokens t ON t.id = s.admin_token_id LEFT JOIN units u ON u.id = t.unit_id';

const BY_HASH = stmt('sessions.findByHash', `SELECT ${COLUMNS} FROM sessions s ${JOINS} WHERE s.session_hash = $1`);
const INSERT = stmt(
  'sessions.insert',
  `WITH s AS (
     INSERT INTO sessions (session_hash, admin_token_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING *)
   SELECT ${COLUMNS} FROM s ${JOINS}`,
);
const DELETE = stmt('sessions.delete', 'DELETE FROM sessions WHERE id = $1');
const SWEEP = stmt('sessions.sweep', 'DELETE FROM sessions WHERE expires_at <= $1');

const toRecord = ({ token_id, role, unitId, unit, ...r }: SessionRow): SessionRecord => ({ ...r, token: { id: token_id, role, unitId, unit } });

/** `sessions` on PostgreSQL: see ../session-repo.ts. */
export class PgSessionRepo implements Async<SessionRepo> {
  constructor(private readonly q: Queryable) {}

  async insert(s: NewSession): Promise<SessionRecord> {
    return toRecord((await row<SessionRow>(this.q, INSERT, [s.sessionHash, s.adminTokenId, s.csrfToken, s.createdAt, s.expiresAt]))!);
  }

  async findByHash(sessionHash: string): Promise<SessionRecord | undefined> {
    const found = await row<SessionRow>(this.q, BY_HASH, [sessionHash]);
    return found && toRecord(found);
  }

  async delete(id: number): Promise<void> {
    await run(this.q, DELETE, [id]);
  }

  /** Deletes the sessions expired at `at`; how many. */
  async sweep(at: string): Promise<number> {
    return run(this.q, SWEEP, [at]);
  }
}
