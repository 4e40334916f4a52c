import type { Async } from '../async.js';
import type { VerdictRecord } from '../../schema/history.js';
import type { VerdictHistoryRepo } from '../verdict-history-repo.js';
import { type StoredFindings, storedFindings, VERDICT_FINDINGS_COLUMNS } from '../verdict-findings.js';
import { rows, stmt, type Queryable } from './query.js';

type VerdictRow = Omit<VerdictRecord, 'verdict'> & Pick<VerdictRecord['verdict'], 'status' | 'rulesVersion' | 'decidedAt'> & StoredFindings;

const NEWEST = stmt(
  'verdictHistory.newest',
  `SELECT v.id, v.snapshot_id AS "snapshotId", v.trigger, v.trigger_detail AS "triggerDetail",
    v.status, v.rules_version AS "rulesVersion", v.decided_at AS "decidedAt", ${VERDICT_FINDINGS_COLUMNS}
  FROM verdicts v WHERE v.agent_id = $1 ORDER BY v.id DESC LIMIT $2`,
);

/** A machine's `verdicts` as its history, on PostgreSQL: see ../verdict-history-repo.ts. */
export class PgVerdictHistoryRepo implements Async<VerdictHistoryRepo> {
  constructor(private readonly q: Queryable) {}

  async list(agentId: string, limit: number): Promise<VerdictRecord[]> {
    const found = await rows<VerdictRow>(this.q, NEWEST, [agentId, limit]);
    return found.map(({ status, rulesVersion, decidedAt, v_findings_json, v_set_json, v_entitlement_json, ...r }) => ({
      ...r,
      verdict: { status, findings: storedFindings({ v_findings_json, v_set_json, v_entitlement_json }, r.snapshotId), rulesVersion, decidedAt, snapshotId: r.snapshotId },
    }));
  }
}
