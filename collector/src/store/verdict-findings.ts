import type { Finding, Verdict, VerdictStatus } from '@zhengban/shared';
import { verdictFindings } from '../classify/combine.js';

/** Columns that read a stored verdict's findings, for a `verdicts` row aliased `v`. */
export const VERDICT_FINDINGS_COLUMNS = `v.findings_json AS v_findings_json,
  (SELECT f.json FROM finding_sets f WHERE f.id = v.finding_set_id) AS v_set_json,
  (SELECT f.json FROM finding_sets f WHERE f.id = v.entitlement_set_id) AS v_entitlement_json`;

export interface StoredFindings {
  v_findings_json: string;
  v_set_json: string | null;
  v_entitlement_json: string | null;
}

const parse = (json: string | null): Finding[] => (json === null ? [] : (JSON.parse(json) as Finding[]));

/**
 * A stored verdict's findings, in order, naming the snapshot: its assessment's set and its
 * entitlement set, or (stored before migration 4) its own `findings_json`.
 */
export function storedFindings(r: StoredFindings, snapshotId: string): Finding[] {
  return verdictFindings(parse(r.v_set_json), [...parse(r.v_entitlement_json), ...parse(r.v_findings_json)], snapshotId);
}

/**
 * A stored verdict whole, as ingest answered it, by the verdict's id: when it was
 * decided, under which rules, and the snapshot it was judged from, with that snapshot's
 * time (migration 13: answers name their verdict instead of holding a copy).
 */
export const STORED_VERDICT_SQL = `SELECT v.status, v.rules_version, v.decided_at, v.snapshot_id, s.collected_at, ${VERDICT_FINDINGS_COLUMNS}
  FROM verdicts v LEFT JOIN snapshots s ON s.snapshot_id = v.snapshot_id WHERE v.id = ?`;

export interface StoredVerdictRow extends StoredFindings {
  status: VerdictStatus;
  rules_version: string;
  decided_at: string;
  snapshot_id: string;
  collected_at: string | null;
}

export function storedVerdict(r: StoredVerdictRow): Verdict {
  return {
    status: r.status,
    findings: storedFindings(r, r.snapshot_id),
    rulesVersion: r.rules_version,
    decidedAt: r.decided_at,
    snapshotId: r.snapshot_id,
    ...(r.collected_at === null ? {} : { collectedAt: r.collected_at }),
  };
}
