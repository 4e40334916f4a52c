import type { Database, Statement } from 'better-sqlite3';
import type { IngestResponse } from '@zhengban/shared';
import { STORED_VERDICT_SQL, storedVerdict, type StoredVerdictRow } from './verdict-findings.js';

/**
 * The answer a snapshot got, as stored: since migration 13 it names the verdict (a
 * verdict with its findings was 6 KB per snapshot, more than the gzipped snapshot);
 * before, it held the verdict whole.
 */
type StoredResponse = Omit<IngestResponse, 'verdict'> & ({ verdictId: number } | { verdict: IngestResponse['verdict'] });

interface InsertParams {
  snapshotId: string;
  agentId: string;
  seq: number;
  collectedAt: string;
  receivedAt: string;
  payloadGz: Buffer;
  signature: string;
  responseJson: string;
}

/** SQL for `snapshots`. */
export class SnapshotRepo {
  private readonly insertStmt: Statement<[InsertParams]>;
  private readonly ownerStmt: Statement<[string], { agent_id: string; response_json: string }>;
  private readonly responseStmt: Statement<[string, string]>;
  private readonly verdictStmt: Statement<[number], StoredVerdictRow>;
  private readonly sliceEndStmt: Statement<[{ after: number; before: string; span: number }], { upto: number | null }>;
  private readonly pruneStmt: Statement<[{ after: number; upto: number; at: string }]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO snapshots
      (snapshot_id, agent_id, seq, collected_at, received_at, payload, payload_gz, signature, response_json)
      VALUES (@snapshotId, @agentId, @seq, @collectedAt, @receivedAt, '', @payloadGz, @signature, @responseJson)`);
    this.ownerStmt = db.prepare('SELECT agent_id, response_json FROM snapshots WHERE snapshot_id = ?');
    this.responseStmt = db.prepare('UPDATE snapshots SET response_json = ? WHERE snapshot_id = ?');
    this.verdictStmt = db.prepare(STORED_VERDICT_SQL);
    // Rowids grow with arrival, so a slice of the oldest is a rowid range.
    this.sliceEndStmt = db.prepare(`SELECT max(rowid) AS upto FROM
      (SELECT rowid FROM snapshots WHERE rowid > @after AND received_at < @before ORDER BY rowid LIMIT @span)`);
    // Kept whole: the machine's latest (seq below its last means a later one exists) and any a verdict names
    // (a verdict's snapshot is also its assessment's, see engine/judge-stored.ts).
    this.pruneStmt = db.prepare(`UPDATE snapshots SET payload = '', payload_gz = NULL, signature = '', pruned_at = @at
      WHERE rowid > @after AND rowid <= @upto AND pruned_at IS NULL
        AND seq < (SELECT a.last_seq FROM agents a WHERE a.id = snapshots.agent_id)
        AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.snapshot_id = snapshots.snapshot_id)`);
  }

  /**
   * Drops the signed text of the next `span` snapshots received before `before` (after
   * rowid `after`) that nothing points at. Returns how many were pruned and where the
   * next slice starts, or null when no snapshot that old is left.
   */
  pruneSlice(after: number, before: string, span: number, at: string): { pruned: number; next: number | null } {
    const upto = this.sliceEndStmt.get({ after, before, span })?.upto ?? null;
    if (upto === null) return { pruned: 0, next: null };
    return { pruned: this.pruneStmt.run({ after, upto, at }).changes, next: upto };
  }

  insert(params: InsertParams): void {
    this.insertStmt.run(params);
  }

  /** The answer is known only once the verdict is, after the snapshot row exists. */
  setResponse(snapshotId: string, response: Omit<IngestResponse, 'verdict'>, verdictId: number): void {
    this.responseStmt.run(responseJson(response, verdictId), snapshotId);
  }

  /** Who sent this snapshot id and what they were answered. */
  find(snapshotId: string): { agentId: string; response: IngestResponse } | undefined {
    const r = this.ownerStmt.get(snapshotId);
    if (!r) return undefined;
    const stored = JSON.parse(r.response_json) as StoredResponse;
    if ('verdict' in stored) return { agentId: r.agent_id, response: stored };
    const { verdictId, ...rest } = stored;
    const verdict = this.verdictStmt.get(verdictId);
    if (!verdict) throw new Error(`snapshot ${snapshotId} names verdict ${verdictId}, which is gone`);
    return { agentId: r.agent_id, response: { ...rest, verdict: storedVerdict(verdict) } };
  }
}

/** The stored form of an answer: the verdict by its id. */
export function responseJson(response: Omit<IngestResponse, 'verdict'>, verdictId: number): string {
  const { snapshotId, agentId, seq, duplicate } = response;
  return JSON.stringify({ snapshotId, agentId, seq, duplicate, verdictId });
}
