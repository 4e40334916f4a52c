import type { Async } from '../async.js';
import type { ChangeSetRow, LicenceEventRow, MachineGroupRow, MachineSheetRow, ReportRepo, SeatPriceRow } from '../report-repo.js';
import { VERDICT_FINDINGS_COLUMNS } from '../verdict-findings.js';
import { row, rows, stmt, type Queryable } from './query.js';

/**
 * The campaign's reports on PostgreSQL: see ../report-repo.ts for what each query counts.
 * The SQL is SQLite's but for these: counts and sums are cast back to bigint (a number
 * through PG_TYPES); text sorts are byte order (COLLATE "C") with NULLs first, as on
 * SQLite; and the groups, which SQLite hands back in the order its GROUP BY sorted them,
 * are ordered so explicitly.
 */

// The unit at the moment: where the last move by then put it; else, when it moved
// later, where that move took it from; else where it is now.
const unitThen = (at: string) => `coalesce(
  (SELECT m.to_unit_id FROM machine_moves m WHERE m.agent_id = a.id AND m.at <= ${at} ORDER BY m.id DESC LIMIT 1),
  (SELECT m.from_unit_id FROM machine_moves m WHERE m.agent_id = a.id AND m.at > ${at} ORDER BY m.id LIMIT 1),
  a.unit_id)`;

// The groups as MachineGroupRow, in the order SQLite's GROUP BY sorts them.
const groups = (grouped: string) => `SELECT unit_id AS "unitId", chassis, state, outline_id AS "outlineId",
    entitlement_outline_id AS "entitlementOutlineId", legacy_id AS "legacyVerdictId", n AS count
  FROM (${grouped}) g
  ORDER BY unit_id, chassis COLLATE "C" NULLS FIRST, state COLLATE "C", outline_id NULLS FIRST, entitlement_outline_id NULLS FIRST, legacy_id NULLS FIRST`;

// Now ($1: staleBefore): one pass over the machine rows, which carry their verdict's outlines.
const GROUPS_NOW = stmt(
  'reports.groupsNow',
  groups(`
    SELECT a.unit_id, a.chassis,
      CASE WHEN a.verdict_id IS NULL THEN 'pending' WHEN coalesce(a.last_seen, a.enrolled_at) < $1 THEN 'stale' ELSE 'reporting' END AS state,
      a.outline_id, a.entitlement_outline_id, CASE WHEN a.legacy_verdict = 1 THEN a.verdict_id END AS legacy_id,
      count(*)::int AS n
    FROM agents a
    GROUP BY 1, 2, 3, 4, 5, 6`),
);

// A past moment ($1: asOf, $2: staleBefore): the last verdict decided and the last
// snapshot received by then; no kind of computer for a machine that had not reported.
const GROUPS_AS_OF = stmt(
  'reports.groupsAsOf',
  groups(`
    SELECT m.unit_id, m.chassis,
      CASE WHEN v.id IS NULL THEN 'pending' WHEN coalesce(m.last_report, m.enrolled_at) < $2 THEN 'stale' ELSE 'reporting' END AS state,
      CASE WHEN v.id IS NULL THEN NULL ELSE (SELECT f.outline_id FROM finding_sets f WHERE f.id = v.finding_set_id) END AS outline_id,
      CASE WHEN v.id IS NULL THEN NULL ELSE (SELECT f.outline_id FROM finding_sets f WHERE f.id = v.entitlement_set_id) END AS entitlement_outline_id,
      CASE WHEN v.findings_json IS NULL OR v.findings_json = '[]' THEN NULL ELSE v.id END AS legacy_id,
      count(*)::int AS n
    FROM (
      SELECT unit_id, CASE WHEN last_report IS NULL THEN NULL ELSE chassis END AS chassis, enrolled_at, last_report, verdict_id FROM (
        SELECT ${unitThen('$1')} AS unit_id, a.chassis, a.enrolled_at,
          (SELECT max(s.received_at) FROM snapshots s WHERE s.agent_id = a.id AND s.received_at <= $1) AS last_report,
          (SELECT max(x.id) FROM verdicts x WHERE x.agent_id = a.id AND x.decided_at <= $1) AS verdict_id
        FROM agents a WHERE a.enrolled_at <= $1) t
    ) m LEFT JOIN verdicts v ON v.id = m.verdict_id
    GROUP BY 1, 2, 3, 4, 5, 6`),
);

type SheetRow = Omit<MachineSheetRow, 'v_findings_json'> & { v_findings_json: string | null };

// In MachineSheetRow's shape and key order; `unit` and `lastReport` are the moment's.
const sheetColumns = (unit: string, lastReport: string) => `a.id, a.hostname, ${unit} AS "unitId", a.user_name AS "user", a.asset_number AS "assetNumber",
  (SELECT f.facts_json FROM machine_facts f WHERE f.agent_id = a.id) AS "factsJson", ${lastReport} AS "lastReport",
  v.status, v.decided_at AS "decidedAt", v.snapshot_id AS "snapshotId", ${VERDICT_FINDINGS_COLUMNS}`;

// An array of unit ids, or NULL for every unit.
const inUnits = (column: string, units: string) => `(${units}::bigint[] IS NULL OR ${column} = ANY(${units}::bigint[]))`;
const BY_HOSTNAME = 'ORDER BY a.hostname COLLATE "C", a.id COLLATE "C"';

// $1: the units.
const SHEETS_NOW = stmt(
  'reports.sheetsNow',
  `SELECT ${sheetColumns('a.unit_id', 'a.last_seen')}
  FROM agents a LEFT JOIN verdicts v ON v.id = a.verdict_id WHERE ${inUnits('a.unit_id', '$1')} ${BY_HOSTNAME}`,
);

// $1: asOf, $2: the units.
const SHEETS_AS_OF = stmt(
  'reports.sheetsAsOf',
  `SELECT ${sheetColumns('a.unit_then', 'a.last_report')} FROM (
    SELECT a.*, ${unitThen('$1')} AS unit_then,
      (SELECT max(s.received_at) FROM snapshots s WHERE s.agent_id = a.id AND s.received_at <= $1) AS last_report,
      (SELECT max(x.id) FROM verdicts x WHERE x.agent_id = a.id AND x.decided_at <= $1) AS verdict_then
    FROM agents a WHERE a.enrolled_at <= $1) a
  LEFT JOIN verdicts v ON v.id = a.verdict_then WHERE ${inUnits('a.unit_then', '$2')} ${BY_HOSTNAME}`,
);

// $1, $2: from and to. Only the changes of stored snapshots count.
const CHANGE_SETS = stmt(
  'reports.changeSets',
  `SELECT c.agent_id AS "agentId", a.hostname, a.user_name AS "user", ${unitThen('c.at')} AS "unitId", c.at, c.changes_json AS "changesJson"
  FROM software_change_sets c JOIN agents a ON a.id = c.agent_id
  WHERE c.at >= $1 AND c.at <= $2 AND EXISTS (SELECT 1 FROM snapshots s WHERE s.snapshot_id = c.snapshot_id)
  ORDER BY c.at COLLATE "C", c.id`,
);

const EVENTS = stmt(
  'reports.licenceEvents',
  `SELECT l.unit_id AS "unitId", e.kind, e.disposal, e.date, e.seats, e.to_unit_id AS "toUnitId", l.price_fen
  FROM licence_events e JOIN licences l ON l.id = e.licence_id WHERE e.date >= $1 AND e.date <= $2 ORDER BY e.date COLLATE "C", e.id`,
);

const PRICES = stmt(
  'reports.seatPrices',
  `SELECT product_id AS "productId", edition, sum(price_fen)::bigint AS fen, sum(seats)::bigint AS seats FROM licences
  WHERE price_fen IS NOT NULL AND seats > 0 GROUP BY product_id, edition ORDER BY product_id COLLATE "C", edition COLLATE "C" NULLS FIRST`,
);

const OUTLINE = stmt('reports.outline', 'SELECT json FROM finding_outlines WHERE id = $1');
const OUTLINES_AFTER = stmt('reports.outlinesAfter', 'SELECT id, json FROM finding_outlines WHERE id > $1 ORDER BY id');
const LEGACY = stmt('reports.legacyFindings', 'SELECT findings_json AS json FROM verdicts WHERE id = $1');
const FIRST = stmt('reports.firstReport', 'SELECT min(received_at) AS first FROM snapshots');

export class PgReportRepo implements Async<ReportRepo> {
  constructor(private readonly q: Queryable) {}

  changeSets(from: string, to: string): Promise<ChangeSetRow[]> {
    return rows<ChangeSetRow>(this.q, CHANGE_SETS, [from, to]);
  }

  // Yuan reckoned as on SQLite, in JavaScript, so a price divides alike on both.
  async licenceEvents(from: string, to: string): Promise<LicenceEventRow[]> {
    const found = await rows<Omit<LicenceEventRow, 'priceYuan'> & { price_fen: number | null }>(this.q, EVENTS, [from, to]);
    return found.map(({ price_fen, ...r }) => ({ ...r, priceYuan: price_fen === null ? null : price_fen / 100 }));
  }

  async seatPrices(): Promise<SeatPriceRow[]> {
    const found = await rows<Omit<SeatPriceRow, 'yuanPerSeat'> & { fen: number; seats: number }>(this.q, PRICES);
    return found.map(({ fen, seats, ...r }) => ({ ...r, yuanPerSeat: fen / 100 / seats }));
  }

  async machineSheets(asOf: string | undefined, unitIds?: readonly number[]): Promise<MachineSheetRow[]> {
    const units = unitIds ?? null;
    const found = asOf === undefined ? await rows<SheetRow>(this.q, SHEETS_NOW, [units]) : await rows<SheetRow>(this.q, SHEETS_AS_OF, [asOf, units]);
    return found.map((r) => ({ ...r, v_findings_json: r.v_findings_json ?? '[]' }));
  }

  machineGroups(asOf: string | undefined, staleBefore: string): Promise<MachineGroupRow[]> {
    return asOf === undefined ? rows<MachineGroupRow>(this.q, GROUPS_NOW, [staleBefore]) : rows<MachineGroupRow>(this.q, GROUPS_AS_OF, [asOf, staleBefore]);
  }

  async outline(id: number): Promise<string | undefined> {
    return (await row<{ json: string }>(this.q, OUTLINE, [id]))?.json;
  }

  outlinesAfter(id: number): Promise<{ id: number; json: string }[]> {
    return rows<{ id: number; json: string }>(this.q, OUTLINES_AFTER, [id]);
  }

  async legacyFindings(verdictId: number): Promise<string | undefined> {
    return (await row<{ json: string }>(this.q, LEGACY, [verdictId]))?.json;
  }

  async firstReport(): Promise<string | null> {
    return (await row<{ first: string | null }>(this.q, FIRST))?.first ?? null;
  }
}
