import type { Database, Statement } from 'better-sqlite3';
import type { IngestResponse } from '@zhengban/shared';

interface InsertParams {
  snapshotId: string;
  agentId: string;
  seq: number;
  collectedAt: string;
  receivedAt: string;
  payload: string;
  signature: string;
  responseJson: string;
}

/** SQL for `snapshots`. */
export class SnapshotRepo {
  private readonly insertStmt: Statement<[InsertParams]>;
  private readonly ownerStmt: Statement<[string], { agent_id: string; response_json: string }>;
  private readonly responseStmt: Statement<[string, string]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO snapshots
      (snapshot_id, agent_id, seq, collected_at, received_at, payload, signature, response_json)
      VALUES (@snapshotId, @agentId, @seq, @collectedAt, @receivedAt, @payload, @signature, @responseJson)`);
    this.ownerStmt = db.prepare('SELECT agent_id, response_json FROM snapshots WHERE snapshot_id = ?');
    this.responseStmt = db.prepare('UPDATE snapshots SET response_json = ? WHERE snapshot_id = ?');
  }

  insert(params: InsertParams): void {
    this.insertStmt.run(params);
  }

  /** The answer is known only once the verdict is, after the snapshot row exists. */
  setResponse(snapshotId: string, response: IngestResponse): void {
    this.responseStmt.run(JSON.stringify(response), snapshotId);
  }

  /** Who sent this snapshot id and what they were answered. */
  find(snapshotId: string): { agentId: string; response: IngestResponse } | undefined {
    const r = this.ownerStmt.get(snapshotId);
    return r && { agentId: r.agent_id, response: JSON.parse(r.response_json) as IngestResponse };
  }
}
