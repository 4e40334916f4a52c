import type { Database, Statement } from 'better-sqlite3';
import type { Chassis, VerdictStatus } from '@zhengban/shared';
import { VERDICT_FINDINGS_COLUMNS, type StoredFindings } from './verdict-findings.js';

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
const unitThen = (at: string) => `coalesce(
  (SELECT m.to_unit_id FROM machine_moves m WHERE m.agent_id = a.id AND m.at <= ${at} ORDER BY m.id DESC LIMIT 1),
  (SELECT m.from_unit_id FROM machine_moves m WHERE m.agent_id = a.id AND m.at > ${at} ORDER BY m.id LIMIT 1),
  a.unit_id)`;
const UNIT_THEN = unitThen('@asOf');

const GROUPED = (from: string) => `
  SELECT m.unit_id, m.chassis,
    CASE WHEN v.id IS NULL THEN 'pending' WHEN coalesce(m.last_report, m.enrolled_at) < @staleBefore THEN 'stale' ELSE 'reporting' END AS state,
    CASE WHEN v.id IS NULL THEN NULL ELSE (SELECT f.outline_id FROM finding_sets f WHERE f.id = v.finding_set_id) END AS outline_id,
    CASE WHEN v.id IS NULL THEN NULL ELSE (SELECT f.outline_id FROM finding_sets f WHERE f.id = v.entitlement_set_id) END AS entitlement_outline_id,
    CASE WHEN v.findings_json IS NULL OR v.findings_json = '[]' THEN NULL ELSE v.id END AS legacy_id,
    count(*) AS n
  FROM (${from}) m LEFT JOIN verdicts v ON v.id = m.verdict_id
  GROUP BY 1, 2, 3, 4, 5, 6`;

// Now: one pass over the machine rows, which carry their verdict's outlines (migration 12).
const NOW_SQL = `
  SELECT a.unit_id, a.chassis,
    CASE WHEN a.verdict_id IS NULL THEN 'pending' WHEN coalesce(a.last_seen, a.enrolled_at) < @staleBefore THEN 'stale' ELSE 'reporting' END AS state,
    a.outline_id, a.entitlement_outline_id, CASE WHEN a.legacy_verdict = 1 THEN a.verdict_id END AS legacy_id,
    count(*) AS n
  FROM agents a
  GROUP BY 1, 2, 3, 4, 5, 6`;

// A past moment: the last verdict decided and the last snapshot received by then. The
// kind of computer is the latest measured (a PC does not change kind), but none is
// known of a machine that had not reported by then.
const AS_OF_SQL = GROUPED(`
  SELECT unit_id, CASE WHEN last_report IS NULL THEN NULL ELSE chassis END AS chassis, enrolled_at, last_report, verdict_id FROM (
    SELECT ${UNIT_THEN} AS unit_id, a.chassis, a.enrolled_at,
      (SELECT max(s.received_at) FROM snapshots s WHERE s.agent_id = a.id AND s.received_at <= @asOf) AS last_report,
      (SELECT max(x.id) FROM verdicts x WHERE x.agent_id = a.id AND x.decided_at <= @asOf) AS verdict_id
    FROM agents a WHERE a.enrolled_at <= @asOf)`);

/** One machine for its check sheet: who and where, what it reported last, the verdict of then. */
export interface MachineSheetRow extends StoredFindings {
  id: string;
  hostname: string;
  unitId: number;
  user: string | null;
  assetNumber: string | null;
  factsJson: string | null;
  lastReport: string | null;
  status: VerdictStatus | null;
  decidedAt: string | null;
  snapshotId: string | null;
}

const SHEET_COLUMNS = `a.id, a.hostname, a.user_name, a.asset_number,
  (SELECT f.facts_json FROM machine_facts f WHERE f.agent_id = a.id) AS facts_json,
  v.status, v.decided_at, v.snapshot_id, ${VERDICT_FINDINGS_COLUMNS}`;

// `@units`: a JSON array of unit ids, or NULL for every unit.
const IN_UNITS = (column: string) => `(@units IS NULL OR ${column} IN (SELECT value FROM json_each(@units)))`;

const SHEETS_NOW_SQL = `SELECT ${SHEET_COLUMNS}, a.unit_id, a.last_seen AS last_report
  FROM agents a LEFT JOIN verdicts v ON v.id = a.verdict_id WHERE ${IN_UNITS('a.unit_id')} ORDER BY a.hostname, a.id`;

const SHEETS_AS_OF_SQL = `SELECT ${SHEET_COLUMNS}, a.unit_then AS unit_id, a.last_report FROM (
    SELECT a.*, ${UNIT_THEN} AS unit_then,
      (SELECT max(s.received_at) FROM snapshots s WHERE s.agent_id = a.id AND s.received_at <= @asOf) AS last_report,
      (SELECT max(x.id) FROM verdicts x WHERE x.agent_id = a.id AND x.decided_at <= @asOf) AS verdict_then
    FROM agents a WHERE a.enrolled_at <= @asOf) a
  LEFT JOIN verdicts v ON v.id = a.verdict_then WHERE ${IN_UNITS('a.unit_then')} ORDER BY a.hostname, a.id`;

// A change's unit is the machine's at the time of the change. Only the changes of stored
// snapshots count (see software-change-repo.ts).
const CHANGE_SETS_SQL = `SELECT c.agent_id, a.hostname, a.user_name, ${unitThen('c.at')} AS unit_id, c.at, c.changes_json
  FROM software_change_sets c JOIN agents a ON a.id = c.agent_id
  WHERE c.at >= @from AND c.at <= @to AND EXISTS (SELECT 1 FROM snapshots s WHERE s.snapshot_id = c.snapshot_id)
  ORDER BY c.at, c.id`;

/** One snapshot's software changes, with the machine and its unit then. */
export interface ChangeSetRow {
  agentId: string;
  hostname: string;
  user: string | null;
  unitId: number;
  at: string;
  /** `[[change, name, publisher, versionBefore, versionAfter], …]` (software-change-rows.ts). */
  changesJson: string;
}

interface SheetRow {
  id: string;
  hostname: string;
  unit_id: number;
  user_name: string | null;
  asset_number: string | null;
  facts_json: string | null;
  last_report: string | null;
  status: VerdictStatus | null;
  decided_at: string | null;
  snapshot_id: string | null;
  v_findings_json: string | null;
  v_set_json: string | null;
  v_entitlement_json: string | null;
}

/** What the registry paid a seat of a product (and edition), from the licences with a price. */
export interface SeatPriceRow {
  productId: string;
  edition: string | null;
  /** Yuan per seat: the priced licences' total over their seats. */
  yuanPerSeat: number;
}

/** A licence's lifecycle event in a period, with the unit of its licence and what it cost. */
export interface LicenceEventRow {
  unitId: number;
  kind: 'purchase' | 'install' | 'upgrade' | 'renewal' | 'disposal';
  disposal: 'transfer' | 'donation' | 'reallocation' | 'scrap' | null;
  date: string;
  seats: number | null;
  toUnitId: number | null;
  /** The licence's price, for a purchase: what was paid for it. */
  priceYuan: number | null;
}

export class ReportRepo {
  private readonly nowStmt: Statement<[{ staleBefore: string }], Row>;
  private readonly asOfStmt: Statement<[{ asOf: string; staleBefore: string }], Row>;
  private readonly outlineStmt: Statement<[number], { json: string }>;
  private readonly outlinesAfterStmt: Statement<[number], { id: number; json: string }>;
  private readonly legacyStmt: Statement<[number], { json: string }>;
  private readonly firstStmt: Statement<[], { first: string | null }>;
  private readonly sheetsNowStmt: Statement<[{ units: string | null }], SheetRow>;
  private readonly changeSetsStmt: Statement<[{ from: string; to: string }], { agent_id: string; hostname: string; user_name: string | null; unit_id: number; at: string; changes_json: string }>;
  private readonly eventsStmt: Statement<[{ from: string; to: string }], { unit_id: number; kind: LicenceEventRow['kind']; disposal: LicenceEventRow['disposal']; date: string; seats: number | null; to_unit_id: number | null; price_fen: number | null }>;
  private readonly pricesStmt: Statement<[], { product_id: string; edition: string | null; fen: number; seats: number }>;
  private readonly sheetsAsOfStmt: Statement<[{ asOf: string; units: string | null }], SheetRow>;

  constructor(db: Database) {
    this.nowStmt = db.prepare(NOW_SQL);
    this.asOfStmt = db.prepare(AS_OF_SQL);
    this.outlineStmt = db.prepare('SELECT json FROM finding_outlines WHERE id = ?');
    this.outlinesAfterStmt = db.prepare('SELECT id, json FROM finding_outlines WHERE id > ? ORDER BY id');
    this.legacyStmt = db.prepare('SELECT findings_json AS json FROM verdicts WHERE id = ?');
    this.firstStmt = db.prepare('SELECT min(received_at) AS first FROM snapshots');
    this.sheetsNowStmt = db.prepare(SHEETS_NOW_SQL);
    this.sheetsAsOfStmt = db.prepare(SHEETS_AS_OF_SQL);
    this.changeSetsStmt = db.prepare(CHANGE_SETS_SQL);
    this.eventsStmt = db.prepare(`SELECT l.unit_id, e.kind, e.disposal, e.date, e.seats, e.to_unit_id, l.price_fen
      FROM licence_events e JOIN licences l ON l.id = e.licence_id WHERE e.date >= @from AND e.date <= @to ORDER BY e.date, e.id`);
    this.pricesStmt = db.prepare(`SELECT product_id, edition, sum(price_fen) AS fen, sum(seats) AS seats FROM licences
      WHERE price_fen IS NOT NULL AND seats > 0 GROUP BY product_id, edition`);
  }

  /** The software changes found from `from` to `to` (ISO moments, both included), oldest first. */
  changeSets(from: string, to: string): ChangeSetRow[] {
    return this.changeSetsStmt.all({ from, to }).map((r) => ({ agentId: r.agent_id, hostname: r.hostname, user: r.user_name, unitId: r.unit_id, at: r.at, changesJson: r.changes_json }));
  }

  /** The events dated from `from` to `to` (YYYY-MM-DD, both included), oldest first. */
  licenceEvents(from: string, to: string): LicenceEventRow[] {
    return this.eventsStmt.all({ from, to }).map((r) => ({
      unitId: r.unit_id, kind: r.kind, disposal: r.disposal, date: r.date, seats: r.seats, toUnitId: r.to_unit_id,
      priceYuan: r.price_fen === null ? null : r.price_fen / 100,
    }));
  }

  seatPrices(): SeatPriceRow[] {
    return this.pricesStmt.all().map((r) => ({ productId: r.product_id, edition: r.edition, yuanPerSeat: r.fen / 100 / r.seats }));
  }

  /**
   * Every machine with what its check sheet shows, by host name: its identity and labels
   * now, its unit, last report and verdict as of the moment (undefined: now). The facts
   * (hardware, the products' editions) are the latest reported: they are kept only so.
   * `unitIds`: only machines in these units then.
   */
  machineSheets(asOf: string | undefined, unitIds?: readonly number[]): MachineSheetRow[] {
    const units = unitIds === undefined ? null : JSON.stringify(unitIds);
    const rows = asOf === undefined ? this.sheetsNowStmt.all({ units }) : this.sheetsAsOfStmt.all({ asOf, units });
    return rows.map((r) => ({
      id: r.id,
      hostname: r.hostname,
      unitId: r.unit_id,
      user: r.user_name,
      assetNumber: r.asset_number,
      factsJson: r.facts_json,
      lastReport: r.last_report,
      status: r.status,
      decidedAt: r.decided_at,
      snapshotId: r.snapshot_id,
      v_findings_json: r.v_findings_json ?? '[]',
      v_set_json: r.v_set_json,
      v_entitlement_json: r.v_entitlement_json,
    }));
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

  /** The outlines stored after `id`: they are only ever added, so a reader keeps what it read. */
  outlinesAfter(id: number): { id: number; json: string }[] {
    return this.outlinesAfterStmt.all(id);
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
