import type { Database, Statement } from 'better-sqlite3';
import type { Verdict } from '@zhengban/shared';
import type { VerdictRecord } from '../schema/history.js';
import { type StoredFindings, storedFindings, VERDICT_FINDINGS_COLUMNS } from './verdict-findings.js';

interface VerdictRow extends StoredFindings {
  id: number;
  snapshot_id: string;
  status: Verdict['status'];
  rules_version: string;
  decided_at: string;
  trigger: VerdictRecord['trigger'];
  trigger_detail: string | null;
}

/** SQL for a machine's `verdicts` as its history: one row per change of verdict, with what made it. */
export class VerdictHistoryRepo {
  private readonly newest: Statement<[string, number], VerdictRow>;

  constructor(db: Database) {
    this.newest = db.prepare(
      `SELECT v.id, v.snapshot_id, v.status, v.rules_version, v.decided_at, v.trigger, v.trigger_detail, ${VERDICT_FINDINGS_COLUMNS}
        FROM verdicts v WHERE v.agent_id = ? ORDER BY v.id DESC LIMIT ?`,
    );
  }

  /** The newest `limit` verdicts of the machine, newest first. */
  list(agentId: string, limit: number): VerdictRecord[] {
    return this.newest.all(agentId, limit).map((r) => ({
      id: r.id,
      snapshotId: r.snapshot_id,
      trigger: r.trigger,
      triggerDetail: r.trigger_detail,
      verdict: {
        status: r.status,
        findings: storedFindings(r, r.snapshot_id),
        rulesVersion: r.rules_version,
        decidedAt: r.decided_at,
        snapshotId: r.snapshot_id,
      },
    }));
  }
}
