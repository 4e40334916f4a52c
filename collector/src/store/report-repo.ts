import type { Database, Statement } from 'better-sqlite3';
import type { Chassis } from '@zhengban/shared';

/**
 * Read-side SQL for the campaign's reports: the machines as they stood at a moment,
 * counted in SQL by what a report tells apart (unit, kind of computer, reporting or
 * not, the outlines of the verdict's findings), so 100,000 machines come back as a few
 * thousand groups. A form made again for a past date gives the figures it gave that
 * day: the unit a machine belonged to then (machine_moves), the latest verdict decided
 * by then (a re-judgement made later does not reach back), and the last report
 * received by then (for "not reporting").
 */
export interface MachineGroupRow {
  unitId: number;
  chassis: Chassis | null;
  /** `pending`: no verdict by then; `stale`: none heard since `staleBefore`. */
  state: 'reporting' | 'stale' | 'pending';
  /** The outlines of the verdict's assessment and entitlement findings (finding_outlines). */
  outlineId: number | null;
  entitlementOutlineId: number | null;
  /** A verdict from before finding sets (migration 4), whose findings it holds itself. */
  legacyVerdictId: number | null;
  count: number;
}

interface Row {
  unit_id: number;
  chassis: Chassis | null;
  state: MachineGroupRow['state'];
  outline_id: number | null;
  entitlement_outline_id: number | null;
  legacy_id: number | null;
  n: number;
}

// The unit at the moment: where the last move by then put it; else, when it moved
// later, where that move took it from; else where it is now.
const UNIT_THEN = `coalesce(
  (SELECT m.to_unit_id FROM machine_moves m WHERE m.agent_id = a.id AND m.at <= @asOf ORDER BY m.id DESC LIMIT 1),
  (SELECT m.from_unit_id FROM machine_moves m WHERE m.agent_id = a.id AND m.at > @asOf ORDER BY m.id LIMIT 1),
  a.unit_id)`;

const GROUPED = (from: string) => `
  SELECT m.unit_id, m.chassis,
    CASE WHEN v.id IS NULL THEN 'pending' WHEN coalesce(m.last_report, m.enrolled_at) < @staleBefore THEN 'stale' ELSE 'reporting' END AS state,
    CASE WHEN v.id IS NULL THEN NULL ELSE (SELECT f.outline_id FROM finding_sets f WHERE f.id = v.finding_set_id) END AS outline_id,
    CASE WHEN v.id IS NULL THEN NULL ELSE (SELECT f.outline_id FROM finding_sets f WHERE f.id = v.entitlement_set_id) END AS entitlement_outline_id,
    CASE WHEN v.findings_json IS NULL OR v.findings_json = '[]' THEN NULL ELSE v.id END AS legacy_id,
    count(*) AS n
  FROM (${from}) m LEFT JOIN verdicts v ON v.id = m.verdict_id
  GROUP BY 1, 2, 3, 4, 5, 6`;

// Now: the verdict and last report the machine row points at.
const NOW_SQL = GROUPED('SELECT a.unit_id, a.chassis, a.enrolled_at, a.last_seen AS last_report, a.verdict_id FROM agents a');

// A past moment: the last verdict decided and the last snapshot received by then. The
// kind of computer is the latest measured (a PC does not change kind), but none is
// known of a machine that had not reported by then.
const AS_OF_SQL = GROUPED(`
  SELECT unit_id, CASE WHEN last_report IS NULL THEN NULL ELSE chassis END AS chassis, enrolled_at, last_report, verdict_id FROM (
    SELECT ${UNIT_THEN} AS unit_id, a.chassis, a.enrolled_at,
      (SELECT max(s.received_at) FROM snapshots s WHERE s.agent_id = a.id AND s.received_at <= @asOf) AS last_report,
      (SELECT max(x.id) FROM verdicts x WHERE x.agent_id = a.id AND x.decided_at <= @asOf) AS verdict_id
    FROM agents a WHERE a.enrolled_at <= @asOf)`);

export class ReportRepo {
  private readonly nowStmt: Statement<[{ staleBefore: string }], Row>;
  private readonly asOfStmt: Statement<[{ asOf: string; staleBefore: string }], Row>;
  private readonly outlineStmt: Statement<[number], { json: string }>;
  private readonly legacyStmt: Statement<[number], { json: string }>;
  private readonly firstStmt: Statement<[], { first: string | null }>;

  constructor(db: Database) {
    this.nowStmt = db.prepare(NOW_SQL);
    this.asOfStmt = db.prepare(AS_OF_SQL);
    this.outlineStmt = db.prepare('SELECT json FROM finding_outlines WHERE id = ?');
    this.legacyStmt = db.prepare('SELECT findings_json AS json FROM verdicts WHERE id = ?');
    this.firstStmt = db.prepare('SELECT min(received_at) AS first FROM snapshots');
  }

  /** Every machine enrolled by the moment (undefined: now), counted by group. */
  machineGroups(asOf: string | undefined, staleBefore: string): MachineGroupRow[] {
    const rows = asOf === undefined ? this.nowStmt.all({ staleBefore }) : this.asOfStmt.all({ asOf, staleBefore });
    return rows.map((r) => ({
      unitId: r.unit_id,
      chassis: r.chassis,
      state: r.state,
      outlineId: r.outline_id,
      entitlementOutlineId: r.entitlement_outline_id,
      legacyVerdictId: r.legacy_id,
      count: r.n,
    }));
  }

  outline(id: number): string | undefined {
    return this.outlineStmt.get(id)?.json;
  }

  /** The findings a verdict from before finding sets holds itself. */
  legacyFindings(verdictId: number): string | undefined {
    return this.legacyStmt.get(verdictId)?.json;
  }

  /** When the first snapshot arrived: a report before it has nothing to say. */
  firstReport(): string | null {
    return this.firstStmt.get()?.first ?? null;
  }
}
