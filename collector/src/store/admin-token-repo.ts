import type { Database, Statement } from 'better-sqlite3';
import type { AdminTokenInfo, Role } from './types.js';

interface AdminTokenRow {
  id: number;
  role: Role;
  unit_id: number | null;
  unit: string | null;
  created_at: string;
  last_used_at: string | null;
}

const toInfo = (r: AdminTokenRow): AdminTokenInfo => ({
  id: r.id,
  role: r.role,
  unitId: r.unit_id,
  unit: r.unit,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

const SELECT = `SELECT t.id, t.role, t.unit_id, u.name AS unit, t.created_at, t.last_used_at
  FROM admin_tokens t LEFT JOIN units u ON u.id = t.unit_id`;

interface InsertParams {
  tokenHash: string;
  role: Role;
  unitId: number | null;
  createdAt: string;
}

/** SQL for `admin_tokens`; only the SHA-256 of a token is stored. */
export class AdminTokenRepo {
  private readonly insertStmt: Statement<[InsertParams], { id: number }>;
  private readonly byHash: Statement<[string], AdminTokenRow>;
  private readonly byId: Statement<[number], AdminTokenRow>;
  private readonly all: Statement<[], AdminTokenRow>;
  private readonly touchStmt: Statement<[string, number]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO admin_tokens (token_hash, role, unit_id, created_at)
      VALUES (@tokenHash, @role, @unitId, @createdAt) RETURNING id`);
    this.byHash = db.prepare(`${SELECT} WHERE t.token_hash = ?`);
    this.byId = db.prepare(`${SELECT} WHERE t.id = ?`);
    this.all = db.prepare(`${SELECT} ORDER BY t.id`);
    this.touchStmt = db.prepare('UPDATE admin_tokens SET last_used_at = ? WHERE id = ?');
  }

  insert(params: InsertParams): AdminTokenInfo {
    const { id } = this.insertStmt.get(params)!;
    return toInfo(this.byId.get(id)!);
  }

  findByHash(tokenHash: string): AdminTokenInfo | undefined {
    const row = this.byHash.get(tokenHash);
    return row && toInfo(row);
  }

  touch(id: number, at: string): void {
    this.touchStmt.run(at, id);
  }

  list(): AdminTokenInfo[] {
    return this.all.all().map(toInfo);
  }
}
