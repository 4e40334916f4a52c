import type { Finding } from '@zhengban/shared';
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
