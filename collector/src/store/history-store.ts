import type { Verdict } from '@zhengban/shared';
import type { VerdictRecord } from '../schema/history.js';
import type { StoreContext } from './context.js';
import type { HistoryStore } from './registry-types.js';
import { reviewCandidates } from './review-repo.js';
import { SoftwareChangeRepo } from './software-change-repo.js';
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

/** A machine's verdict history and software changes, newest first. */
export function createHistoryStore(ctx: StoreContext): HistoryStore {
  const changes = new SoftwareChangeRepo(ctx.db);
  const verdicts = ctx.db.prepare<[string, number], VerdictRow>(
    `SELECT v.id, v.snapshot_id, v.status, v.rules_version, v.decided_at, v.trigger, v.trigger_detail, ${VERDICT_FINDINGS_COLUMNS}
      FROM verdicts v WHERE v.agent_id = ? ORDER BY v.id DESC LIMIT ?`,
  );
  return {
    verdicts: async (agentId, limit) =>
      verdicts.all(agentId, limit).map((r) => ({
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
      })),
    softwareChanges: async (agentId, limit) => changes.list(agentId, limit),
    reviewCandidates: async (unitIds) => reviewCandidates(ctx.db, unitIds),
  };
}
