import type { Database, Statement } from 'better-sqlite3';

/** A generation of a machine's software rows that is not its list: one being written, or an old one to delete. */
export interface StagedGen {
  agentId: string;
  gen: number;
  /** The snapshot whose list is being written; null for an old list. */
  snapshotId: string | null;
  /** When it was staged; null for one staged before migration 17. */
  stagedAt: string | null;
}

interface StagingRow {
  agent_id: string;
  gen: number;
  snapshot_id: string | null;
  staged_at: string | null;
}

/** SQL for `software_staging` (migrations 7 and 17). */
export class StagingRepo {
  private readonly addStmt: Statement<[string, number, string | null, string | null]>;
  private readonly removeStmt: Statement<[string, number]>;
  private readonly ofStmt: Statement<[string], StagingRow>;
  private readonly allStmt: Statement<[], StagingRow>;

  constructor(db: Database) {
    this.addStmt = db.prepare('INSERT INTO software_staging (agent_id, gen, snapshot_id, staged_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    this.removeStmt = db.prepare('DELETE FROM software_staging WHERE agent_id = ? AND gen = ?');
    this.ofStmt = db.prepare('SELECT * FROM software_staging WHERE agent_id = ?');
    this.allStmt = db.prepare('SELECT * FROM software_staging');
  }

  add(s: StagedGen): void {
    this.addStmt.run(s.agentId, s.gen, s.snapshotId, s.stagedAt);
  }

  remove(agentId: string, gen: number): void {
    this.removeStmt.run(agentId, gen);
  }

  /** One agent's, or every agent's (at open, after a crash). */
  list(agentId?: string): StagedGen[] {
    const rows = agentId === undefined ? this.allStmt.all() : this.ofStmt.all(agentId);
    return rows.map((r) => ({ agentId: r.agent_id, gen: r.gen, snapshotId: r.snapshot_id, stagedAt: r.staged_at }));
  }
}
