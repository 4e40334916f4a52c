import type { Database, Statement } from 'better-sqlite3';
import { AdminTokenRepo } from './admin-token-repo.js';
import type { StoreContext } from './context.js';
import type { Role } from './types.js';
import type { NewSession, SessionRecord, SessionStore } from './session-types.js';

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

/** SQL for `sessions`. */
export class SessionRepo {
  private readonly insertStmt: Statement<[Omit<NewSession, 'actor'>], { id: number }>;
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

  insert(s: Omit<NewSession, 'actor'>): SessionRecord {
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

/** Sign-in and sign-out are audited in the transaction that writes them. */
export function createSessionStore(ctx: StoreContext): SessionStore {
  const repo = new SessionRepo(ctx.db);
  const tokens = new AdminTokenRepo(ctx.db);

  const create = ctx.tx(({ actor, ...s }: NewSession): SessionRecord => {
    repo.sweep(s.createdAt);
    const record = repo.insert(s);
    ctx.audit.record({ at: s.createdAt, actor, action: 'session.create', target: record.token.unit, detail: { session: record.id, expiresAt: record.expiresAt } });
    return record;
  });

  const use = ctx.tx((sessionHash: string, at: string): SessionRecord | undefined => {
    const record = repo.findByHash(sessionHash);
    if (!record) return undefined;
    if (record.expiresAt <= at) {
      repo.delete(record.id);
      return undefined;
    }
    tokens.touch(record.token.id, at);
    return record;
  });

  const remove = ctx.tx((sessionHash: string, actor: string, at: string): boolean => {
    const record = repo.findByHash(sessionHash);
    if (!record) return false;
    repo.delete(record.id);
    ctx.audit.record({ at, actor, action: 'session.delete', target: record.token.unit, detail: { session: record.id } });
    return true;
  });

  return {
    create: async (s) => create(s),
    use: async (hash, at) => use(hash, at),
    delete: async (hash, w) => remove(hash, w.actor, w.at),
  };
}
