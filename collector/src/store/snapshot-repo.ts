import type { Database, Statement } from 'better-sqlite3';
import type { IngestResponse, Verdict } from '@zhengban/shared';

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

interface VerdictParams {
  agentId: string;
  snapshotId: string;
  status: string;
  rulesVersion: string;
  findingsJson: string;
  decidedAt: string;
}

interface VerdictRow {
  status: Verdict['status'];
  rules_version: string;
  findings_json: string;
  decided_at: string;
}

/** SQL for `snapshots` and `verdicts`. */
export class SnapshotRepo {
  private readonly insertStmt: Statement<[InsertParams]>;
  private readonly ownerStmt: Statement<[string], { agent_id: string; response_json: string }>;
  private readonly verdictInsert: Statement<[VerdictParams], { id: number }>;
  private readonly verdictById: Statement<[number], VerdictRow>;
  private readonly responseStmt: Statement<[string, string]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO snapshots
      (snapshot_id, agent_id, seq, collected_at, received_at, payload, signature, response_json)
      VALUES (@snapshotId, @agentId, @seq, @collectedAt, @receivedAt, @payload, @signature, @responseJson)`);
    this.ownerStmt = db.prepare('SELECT agent_id, response_json FROM snapshots WHERE snapshot_id = ?');
    this.verdictInsert = db.prepare(`INSERT INTO verdicts (agent_id, snapshot_id, status, rules_version, findings_json, decided_at)
      VALUES (@agentId, @snapshotId, @status, @rulesVersion, @findingsJson, @decidedAt) RETURNING id`);
    this.responseStmt = db.prepare('UPDATE snapshots SET response_json = ? WHERE snapshot_id = ?');
    this.verdictById = db.prepare('SELECT status, rules_version, findings_json, decided_at FROM verdicts WHERE id = ?');
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

  insertVerdict(agentId: string, snapshotId: string, v: Verdict): number {
    const params = {
      agentId,
      snapshotId,
      status: v.status,
      rulesVersion: v.rulesVersion,
      findingsJson: JSON.stringify(v.findings),
      decidedAt: v.decidedAt,
    };
    return this.verdictInsert.get(params)!.id;
  }

  verdict(id: number): Verdict | undefined {
    const r = this.verdictById.get(id);
    return (
      r && {
        status: r.status,
        rulesVersion: r.rules_version,
        findings: JSON.parse(r.findings_json) as Verdict['findings'],
        decidedAt: r.decided_at,
      }
    );
  }
}
