import type { Database, Statement } from 'better-sqlite3';
import type { EnrollmentTokenInfo } from './types.js';

export interface EnrollmentTokenRow {
  id: number;
  unit_id: number;
  unit: string;
  created_at: string;
  expires_at: string;
  max_uses: number | null;
  uses: number;
  network: string | null;
}

const toInfo = (r: EnrollmentTokenRow): EnrollmentTokenInfo => ({
  id: r.id,
  unit: r.unit,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  maxUses: r.max_uses,
  uses: r.uses,
  network: r.network,
});

const SELECT = `SELECT t.id, t.unit_id, u.name AS unit, t.created_at, t.expires_at, t.max_uses, t.uses, t.network
  FROM enrollment_tokens t JOIN units u ON u.id = t.unit_id`;

interface InsertParams {
  tokenHash: string;
  unitId: number;
  createdAt: string;
  expiresAt: string;
  maxUses: number | null;
  network: string | null;
}

/** SQL for `enrollment_tokens`. Only hashes are stored: a token is shown once, when created. */
export class EnrollmentRepo {
  private readonly insertStmt: Statement<[InsertParams], { id: number }>;
  private readonly byHash: Statement<[string], EnrollmentTokenRow>;
  private readonly byId: Statement<[number], EnrollmentTokenRow>;
  private readonly all: Statement<[], EnrollmentTokenRow>;
  private readonly consumeStmt: Statement<[number]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO enrollment_tokens (token_hash, unit_id, created_at, expires_at, max_uses, network)
      VALUES (@tokenHash, @unitId, @createdAt, @expiresAt, @maxUses, @network) RETURNING id`);
    this.byHash = db.prepare(`${SELECT} WHERE t.token_hash = ?`);
    this.byId = db.prepare(`${SELECT} WHERE t.id = ?`);
    this.all = db.prepare(`${SELECT} ORDER BY t.id`);
    this.consumeStmt = db.prepare('UPDATE enrollment_tokens SET uses = uses + 1 WHERE id = ?');
  }

  insert(params: InsertParams): EnrollmentTokenInfo {
    const { id } = this.insertStmt.get(params)!;
    return toInfo(this.byId.get(id)!);
  }

  findByHash(tokenHash: string): EnrollmentTokenRow | undefined {
    return this.byHash.get(tokenHash);
  }

  consume(id: number): void {
    this.consumeStmt.run(id);
  }

  list(): EnrollmentTokenInfo[] {
    return this.all.all().map(toInfo);
  }
}
