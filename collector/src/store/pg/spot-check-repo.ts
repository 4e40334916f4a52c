import type { Verdict } from '@zhengban/shared';
import type { Async } from '../async.js';
import type { MachineFacts } from '../machine-facts.js';
import type { SpotCheckRepo } from '../spot-check-repo.js';
import type { EntryRow, NewEntry, NewScan, NewSpotCheck, PopulationRow, RecordRow, ScanRow, SpotCheckRow, UnitChecksRow } from '../spot-check-types.js';
import { storedVerdict, VERDICT_FINDINGS_COLUMNS, type StoredVerdictRow } from '../verdict-findings.js';
import { row, rows, run, stmt, type Queryable } from './query.js';

// Columns are aliased to the rows' field names, quoted since PostgreSQL folds unquoted
// names to lower case.

// A machine's identity as its latest snapshot measured it, else as it enrolled. The facts
// are parsed once per machine (the lateral join), not once per field.
const measured = (field: string, column: string) => `coalesce(x.m ->> '${field}', a.${column}) AS "${field}"`;
const POPULATION = stmt(
  'spotChecks.population',
  `SELECT a.id, a.hostname, a.unit_id AS "unitId", a.chassis, ${measured('hardwareUuid', 'hardware_uuid')},
    ${measured('serial', 'serial')}, ${measured('machineId', 'machine_id')},
    a.user_name AS "user", a.asset_number AS "assetNumber", a.last_seen AS "lastSeen"
  FROM agents a LEFT JOIN machine_facts f ON f.agent_id = a.id
  LEFT JOIN LATERAL (SELECT f.facts_json::jsonb -> 'machine' AS m) x ON true
  WHERE a.unit_id = ANY($1::bigint[]) ORDER BY a.id COLLATE "C"`,
);

// The SQLite repo's three reads (facts, the agent's verdict id, the verdict) in one.
const EVIDENCE = stmt(
  'spotChecks.evidence',
  `SELECT (SELECT facts_json FROM machine_facts WHERE agent_id = $1) AS facts_json, v.id AS verdict_id,
    v.status, v.rules_version, v.decided_at, v.snapshot_id, s.collected_at, ${VERDICT_FINDINGS_COLUMNS}
  FROM (SELECT) one LEFT JOIN agents a ON a.id = $1 LEFT JOIN verdicts v ON v.id = a.verdict_id
  LEFT JOIN snapshots s ON s.snapshot_id = v.snapshot_id`,
);
const LAST_SEEN = stmt('spotChecks.agentLastSeen', 'SELECT last_seen FROM agents WHERE id = $1');

const SPOT_CHECK = `SELECT s.id, s.unit_id AS "unitId", u.name AS unit, s.created_at AS "createdAt", s.created_by AS "createdBy", s.ratio,
  s.min_machines AS min, s.seed, s.population, s.strata_json AS "strataJson", s.grading_json AS "gradingJson",
  s.recheck_of AS "recheckOf", s.state, s.closed_at AS "closedAt"
  FROM spot_checks s JOIN units u ON u.id = s.unit_id`;
const INSERT = stmt(
  'spotChecks.insert',
  `INSERT INTO spot_checks (unit_id, created_at, created_by, ratio, min_machines, seed, population, strata_json, grading_json, recheck_of)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
);
const GET = stmt('spotChecks.get', `${SPOT_CHECK} WHERE s.id = $1`);
// Every write to a spot check reads it first, then numbers a machine after those it has,
// or looks for a scan already attached, which SQLite's one writer keeps true until the
// commit. Here get holds the row until the transaction ends, so a second write to the
// spot check waits and then reads what the first left. NO KEY: rows can still refer to it.
const LOCK = stmt('spotChecks.lock', 'SELECT FROM spot_checks WHERE id = $1 FOR NO KEY UPDATE');
const LIST_ALL = stmt('spotChecks.listAll', `${SPOT_CHECK} ORDER BY s.id DESC`);
const LIST_IN = stmt('spotChecks.listIn', `${SPOT_CHECK} WHERE s.unit_id = ANY($1::bigint[]) ORDER BY s.id DESC`);
const CLOSE = stmt('spotChecks.close', "UPDATE spot_checks SET state = 'closed', closed_at = $2 WHERE id = $1");

const ENTRIES = stmt(
  'spotChecks.entries',
  `SELECT e.id, e.no, e.origin, e.agent_id AS "agentId", e.unit_id AS "unitId", u.name AS unit, e.kind, e.hostname,
    e.hardware_uuid AS "hardwareUuid", e.serial, e.machine_id AS "machineId", e.frozen_json AS "frozenJson", e.frozen_at AS "frozenAt",
    e.label_matches AS "labelMatches", e.agent_present AS "agentPresent", e.agent_reporting AS "agentReporting",
    e.unreported_json AS "unreportedJson", e.remark, e.recorded_at AS "recordedAt", e.recorded_by AS "recordedBy"
  FROM spot_check_machines e JOIN units u ON u.id = e.unit_id WHERE e.spot_check_id = $1 ORDER BY e.no`,
);
const ADD_ENTRY = stmt(
  'spotChecks.addEntry',
  `INSERT INTO spot_check_machines (spot_check_id, no, origin, agent_id, unit_id, kind, hostname, hardware_uuid, serial, machine_id, frozen_json, frozen_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
);
const SET_RECORD = stmt(
  'spotChecks.setRecord',
  `UPDATE spot_check_machines SET label_matches = $2, agent_present = $3, agent_reporting = $4,
    unreported_json = $5, remark = $6, recorded_at = $7, recorded_by = $8 WHERE id = $1`,
);

const SCAN = `SELECT id, machine_entry AS "entryId", envelope_sha256 AS sha256, inspector, signed_at AS "signedAt", matched_by AS "matchedBy",
  snapshot_json AS "snapshotJson", verdict_json AS "verdictJson", agent_last_seen AS "agentLastSeen", attached_at AS "attachedAt"
  FROM spot_check_scans`;
const SCANS = stmt('spotChecks.scans', `${SCAN} WHERE spot_check_id = $1 ORDER BY signed_at COLLATE "C", id`);
const SCAN_BY_HASH = stmt('spotChecks.scanByHash', `${SCAN} WHERE spot_check_id = $1 AND envelope_sha256 = $2`);
const ADD_SCAN = stmt(
  'spotChecks.addScan',
  `INSERT INTO spot_check_scans (spot_check_id, machine_entry, envelope_sha256, inspector, signed_at, matched_by, snapshot_json, verdict_json, agent_last_seen, attached_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
);

const UNIT_CHECKS = stmt(
  'spotChecks.unitChecks',
  'SELECT ledger, documents, remark, recorded_at AS "recordedAt", recorded_by AS "recordedBy" FROM spot_check_unit_checks WHERE spot_check_id = $1',
);
const SET_UNIT_CHECKS = stmt(
  'spotChecks.setUnitChecks',
  `INSERT INTO spot_check_unit_checks (spot_check_id, ledger, documents, remark, recorded_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)
   ON CONFLICT (spot_check_id) DO UPDATE SET ledger = excluded.ledger, documents = excluded.documents, remark = excluded.remark,
     recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`,
);

type Row<T> = T & Record<string, unknown>;

/** Spot checks on PostgreSQL: see ../spot-check-repo.ts. */
export class PgSpotCheckRepo implements Async<SpotCheckRepo> {
  constructor(private readonly q: Queryable) {}

  async population(unitIds: readonly number[]): Promise<PopulationRow[]> {
    return rows<Row<PopulationRow>>(this.q, POPULATION, [unitIds]);
  }

  async evidence(agentId: string): Promise<{ facts: MachineFacts | null; verdict: Verdict | null }> {
    const r = (await row<Row<StoredVerdictRow & { facts_json: string | null; verdict_id: number | null }>>(this.q, EVIDENCE, [agentId]))!;
    return {
      facts: r.facts_json === null ? null : (JSON.parse(r.facts_json) as MachineFacts),
      verdict: r.verdict_id === null ? null : storedVerdict(r),
    };
  }

  async agentLastSeen(agentId: string): Promise<string | null> {
    return (await row<{ last_seen: string | null }>(this.q, LAST_SEEN, [agentId]))?.last_seen ?? null;
  }

  async insert(s: NewSpotCheck): Promise<number> {
    const values = [s.unitId, s.createdAt, s.createdBy, s.ratio, s.min, s.seed, s.population, s.strataJson, s.gradingJson, s.recheckOf];
    return (await row<{ id: number }>(this.q, INSERT, values))!.id;
  }

  async get(id: number): Promise<SpotCheckRow | undefined> {
    return row<Row<SpotCheckRow>>(this.q, GET, [id]);
  }

  /** get with the row locked until the transaction ends, for a write that depends on what it read. Locked apart from the read: a statement sees what was committed when it began, so the read must begin after the wait. */
  async getForUpdate(id: number): Promise<SpotCheckRow | undefined> {
    await run(this.q, LOCK, [id]);
    return this.get(id);
  }

  async list(unitIds: readonly number[] | null): Promise<SpotCheckRow[]> {
    return unitIds === null ? rows<Row<SpotCheckRow>>(this.q, LIST_ALL) : rows<Row<SpotCheckRow>>(this.q, LIST_IN, [unitIds]);
  }

  async close(id: number, at: string): Promise<void> {
    await run(this.q, CLOSE, [id, at]);
  }

  async entries(spotCheckId: number): Promise<EntryRow[]> {
    return rows<Row<EntryRow>>(this.q, ENTRIES, [spotCheckId]);
  }

  async addEntry(spotCheckId: number, e: NewEntry): Promise<number> {
    const values = [spotCheckId, e.no, e.origin, e.agentId, e.unitId, e.kind, e.hostname, e.hardwareUuid, e.serial, e.machineId, e.frozenJson, e.frozenAt];
    return (await row<{ id: number }>(this.q, ADD_ENTRY, values))!.id;
  }

  async setRecord(entryId: number, r: RecordRow): Promise<void> {
    await run(this.q, SET_RECORD, [entryId, r.labelMatches, r.agentPresent, r.agentReporting, r.unreportedJson, r.remark, r.recordedAt, r.recordedBy]);
  }

  async scans(spotCheckId: number): Promise<ScanRow[]> {
    return rows<Row<ScanRow>>(this.q, SCANS, [spotCheckId]);
  }

  async scanByHash(spotCheckId: number, sha256: string): Promise<ScanRow | undefined> {
    return row<Row<ScanRow>>(this.q, SCAN_BY_HASH, [spotCheckId, sha256]);
  }

  async addScan(spotCheckId: number, s: NewScan): Promise<number> {
    const values = [spotCheckId, s.entryId, s.sha256, s.inspector, s.signedAt, s.matchedBy, s.snapshotJson, s.verdictJson, s.agentLastSeen, s.attachedAt];
    return (await row<{ id: number }>(this.q, ADD_SCAN, values))!.id;
  }

  async unitChecks(spotCheckId: number): Promise<UnitChecksRow | undefined> {
    return row<Row<UnitChecksRow>>(this.q, UNIT_CHECKS, [spotCheckId]);
  }

  async setUnitChecks(spotCheckId: number, r: UnitChecksRow): Promise<void> {
    await run(this.q, SET_UNIT_CHECKS, [spotCheckId, r.ledger, r.documents, r.remark, r.recordedAt, r.recordedBy]);
  }
}
