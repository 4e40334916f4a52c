import type { Database, Statement } from 'better-sqlite3';
import type { Role } from './types.js';
import type { NewSession, SessionRecord } from './session-types.js';

interface SessionRow {
  id: number;
  admin_token_id: number;
  role: Role;
  unit_id: number | null;
  unit: string | null;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

const toRecord = (r: SessionRow): SessionRecord => ({
  id: r.id,
  token: { id: r.admin_token_id, role: r.role, unitId: r.unit_id, unit: r.unit },
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

/**
 * The inner join is the check that the session's token is still valid: an API token
 * is valid while its row exists (tokens have no expiry or revocation of their own yet;
 * when they get one, its condition belongs here too).
 */
const SELECT = `SELECT s.id, s.admin_token_id, t.role, t.unit_id, u.name AS unit, s.csrf_token, s.created_at, s.expires_at
  FROM sessions s JOIN admin_tokens t ON t.id = s.admin_token_id LEFT JOIN units u ON u.id = t.unit_id`;

/** SQL for `sessions`; a session is found by the SHA-256 of its id, which is never stored. */
export class SessionRepo {
  private readonly insertStmt: Statement<[NewSession], { id: number }>;
  private readonly byHash: Statement<[string], SessionRow>;
  private readonly byId: Statement<[number], SessionRow>;
  private readonly deleteStmt: Statement<[number]>;
  private readonly sweepStmt: Statement<[string]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO sessions (session_hash, admin_token_id, csrf_token, created_at, expires_at)
      VALUES (@sessionHash, @adminTokenId, @csrfToken, @createdAt, @expiresAt) RETURNING id`);
    this.byHash = db.prepare(`${SELECT} WHERE s.session_hash = ?`);
    this.byId = db.prepare(`${SELECT} WHERE s.id = ?`);
    this.deleteStmt = db.prepare('DELETE FROM sessions WHERE id = ?');
    this.sweepStmt = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  }

  insert(s: NewSession): SessionRecord {
    const { id } = this.insertStmt.get(s)!;
    return toRecord(this.byId.get(id)!);
  }

  findByHash(sessionHash: string): SessionRecord | undefined {
    const row = this.byHash.get(sessionHash);
    return row && toRecord(row);
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }

  /** Deletes the sessions expired at `at`; how many. */
  sweep(at: string): number {
    return this.sweepStmt.run(at).changes;
  }
}
