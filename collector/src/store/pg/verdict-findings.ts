import { VERDICT_FINDINGS_COLUMNS } from '../verdict-findings.js';
import { stmt } from './query.js';

/**
 * ../verdict-findings.ts's STORED_VERDICT_SQL with PostgreSQL's parameter: a stored
 * verdict whole by its id ($1), for `storedVerdict` there. One name for every repo that
 * reads it, so a connection prepares it once. VERDICT_FINDINGS_COLUMNS is the same SQL
 * in both dialects and is used as it is.
 */
export const STORED_VERDICT = stmt(
  'verdicts.stored',
  `SELECT v.status, v.rules_version, v.decided_at, v.snapshot_id, s.collected_at, ${VERDICT_FINDINGS_COLUMNS}
  FROM verdicts v LEFT JOIN snapshots s ON s.snapshot_id = v.snapshot_id WHERE v.id = $1`,
);
