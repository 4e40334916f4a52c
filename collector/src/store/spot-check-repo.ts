import type { Database, Statement } from 'better-sqlite3';
import type { Verdict } from '@zhengban/shared';
import type { EntryRow, NewEntry, NewScan, NewSpotCheck, PopulationRow, RecordRow, ScanRow, SpotCheckRow, UnitChecksRow } from './spot-check-types.js';
import type { MachineFacts } from './machine-facts.js';
import { STORED_VERDICT_SQL, storedVerdict, type StoredVerdictRow } from './verdict-findings.js';

/** Columns are aliased to the rows' field names, so a row is read as it is returned. */
const IN_UNITS = 'IN (SELECT value FROM json_each(?))';

// A machine's identity as its latest snapshot measured it, else as it enrolled: the kit's
// scan is matched on what the PC says now.
const measured = (field: string, column: string) => `coalesce(json_extract(f.facts_json, '$.machine.${field}'), a.${column})`;
const POPULATION_SQL = `SELECT a.id, a.hostname, a.unit_id AS unitId, a.chassis, ${measured('hardwareUuid', 'hardware_uuid')} AS hardwareUuid,
    ${measured('serial', 'serial')} AS serial, ${measured('machineId', 'machine_id')} AS machineId,
    a.user_name AS user, a.asset_number AS assetNumber, a.last_seen AS lastSeen
  FROM agents a LEFT JOIN machine_facts f ON f.agent_id = a.id WHERE a.unit_id ${IN_UNITS} ORDER BY a.id`;

const SPOT_CHECK_COLUMNS = `s.id, s.unit_id AS unitId, u.name AS unit, s.created_at AS createdAt, s.created_by AS createdBy, s.ratio,
  s.min_machines AS min, s.seed, s.population, s.strata_json AS strataJson, s.grading_json AS gradingJson,
  s.recheck_of AS recheckOf, s.state, s.closed_at AS closedAt
  FROM spot_checks s JOIN units u ON u.id = s.unit_id`;

const ENTRY_SQL = `SELECT e.id, e.no, e.origin, e.agent_id AS agentId, e.unit_id AS unitId, u.name AS unit, e.kind, e.hostname,
    e.hardware_uuid AS hardwareUuid, e.serial, e.machine_id AS machineId, e.frozen_json AS frozenJson, e.frozen_at AS frozenAt,
    e.label_matches AS labelMatches, e.agent_present AS agentPresent, e.agent_reporting AS agentReporting,
    e.unreported_json AS unreportedJson, e.remark, e.recorded_at AS recordedAt, e.recorded_by AS recordedBy
  FROM spot_check_machines e JOIN units u ON u.id = e.unit_id WHERE e.spot_check_id = ? ORDER BY e.no`;

const SCAN_COLUMNS = `id, machine_entry AS entryId, envelope_sha256 AS sha256, inspector, signed_at AS signedAt, matched_by AS matchedBy,
  snapshot_json AS snapshotJson, verdict_json AS verdictJson, agent_last_seen AS agentLastSeen, attached_at AS attachedAt
  FROM spot_check_scans`;

/**
 * SQL for spot checks (migration 14). The service draws and freezes between the reads
 * and the writes, in the transaction it opens, so the sample is taken from the machines
 * as they are when it is written.
 */
export class SpotCheckRepo {
  private readonly s: Record<string, Statement>;

  constructor(db: Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      population: p(POPULATION_SQL),
      facts: p('SELECT facts_json AS json FROM machine_facts WHERE agent_id = ?'),
      verdictId: p('SELECT verdict_id AS id, last_seen AS lastSeen FROM agents WHERE id = ?'),
      verdict: p(STORED_VERDICT_SQL),
      insert: p(`INSERT INTO spot_checks (unit_id, created_at, created_by, ratio, min_machines, seed, population, strata_json, grading_json, recheck_of)
        VALUES (@unitId, @createdAt, @createdBy, @ratio, @min, @seed, @population, @strataJson, @gradingJson, @recheckOf)`),
      get: p(`SELECT ${SPOT_CHECK_COLUMNS} WHERE s.id = ?`),
      listAll: p(`SELECT ${SPOT_CHECK_COLUMNS} ORDER BY s.id DESC`),
      listIn: p(`SELECT ${SPOT_CHECK_COLUMNS} WHERE s.unit_id ${IN_UNITS} ORDER BY s.id DESC`),
      close: p("UPDATE spot_checks SET state = 'closed', closed_at = ? WHERE id = ?"),
      entries: p(ENTRY_SQL),
      addEntry: p(`INSERT INTO spot_check_machines (spot_check_id, no, origin, agent_id, unit_id, kind, hostname, hardware_uuid, serial, machine_id, frozen_json, frozen_at)
        VALUES (@spotCheckId, @no, @origin, @agentId, @unitId, @kind, @hostname, @hardwareUuid, @serial, @machineId, @frozenJson, @frozenAt)`),
      setRecord: p(`UPDATE spot_check_machines SET label_matches = @labelMatches, agent_present = @agentPresent, agent_reporting = @agentReporting,
        unreported_json = @unreportedJson, remark = @remark, recorded_at = @recordedAt, recorded_by = @recordedBy WHERE id = @id`),
      scans: p(`SELECT ${SCAN_COLUMNS} WHERE spot_check_id = ? ORDER BY signed_at, id`),
      scanByHash: p(`SELECT ${SCAN_COLUMNS} WHERE spot_check_id = ? AND envelope_sha256 = ?`),
      addScan: p(`INSERT INTO spot_check_scans (spot_check_id, machine_entry, envelope_sha256, inspector, signed_at, matched_by, snapshot_json, verdict_json, agent_last_seen, attached_at)
        VALUES (@spotCheckId, @entryId, @sha256, @inspector, @signedAt, @matchedBy, @snapshotJson, @verdictJson, @agentLastSeen, @attachedAt)`),
      unitChecks: p('SELECT ledger, documents, remark, recorded_at AS recordedAt, recorded_by AS recordedBy FROM spot_check_unit_checks WHERE spot_check_id = ?'),
      setUnitChecks: p(`INSERT INTO spot_check_unit_checks (spot_check_id, ledger, documents, remark, recorded_at, recorded_by)
        VALUES (@spotCheckId, @ledger, @documents, @remark, @recordedAt, @recordedBy)
        ON CONFLICT (spot_check_id) DO UPDATE SET ledger = excluded.ledger, documents = excluded.documents, remark = excluded.remark,
          recorded_at = excluded.recorded_at, recorded_by = excluded.recorded_by`),
    };
  }

  /** The machines of these units, by id. */
  population(unitIds: readonly number[]): PopulationRow[] {
    return this.s.population!.all(JSON.stringify(unitIds)) as PopulationRow[];
  }

  /** A machine's latest facts and current verdict. */
  evidence(agentId: string): { facts: MachineFacts | null; verdict: Verdict | null } {
    const facts = this.s.facts!.get(agentId) as { json: string } | undefined;
    const id = (this.s.verdictId!.get(agentId) as { id: number | null } | undefined)?.id ?? null;
    const v = id === null ? undefined : (this.s.verdict!.get(id) as StoredVerdictRow | undefined);
    return { facts: facts ? (JSON.parse(facts.json) as MachineFacts) : null, verdict: v ? storedVerdict(v) : null };
  }

  agentLastSeen(agentId: string): string | null {
    return (this.s.verdictId!.get(agentId) as { lastSeen: string | null } | undefined)?.lastSeen ?? null;
  }

  insert(row: NewSpotCheck): number {
    return Number(this.s.insert!.run(row).lastInsertRowid);
  }

  get(id: number): SpotCheckRow | undefined {
    return this.s.get!.get(id) as SpotCheckRow | undefined;
  }

  /** get, to write the row after: SQLite's write transaction already holds the whole database, so nothing more to take. */
  getForUpdate(id: number): SpotCheckRow | undefined {
    return this.get(id);
  }

  /** Newest first; of these units only, or all. */
  list(unitIds: readonly number[] | null): SpotCheckRow[] {
    return (unitIds === null ? this.s.listAll!.all() : this.s.listIn!.all(JSON.stringify(unitIds))) as SpotCheckRow[];
  }

  close(id: number, at: string): void {
    this.s.close!.run(at, id);
  }

  entries(spotCheckId: number): EntryRow[] {
    return this.s.entries!.all(spotCheckId) as EntryRow[];
  }

  addEntry(spotCheckId: number, e: NewEntry): number {
    return Number(this.s.addEntry!.run({ spotCheckId, ...e }).lastInsertRowid);
  }

  setRecord(entryId: number, r: RecordRow): void {
    this.s.setRecord!.run({ id: entryId, ...r });
  }

  scans(spotCheckId: number): ScanRow[] {
    return this.s.scans!.all(spotCheckId) as ScanRow[];
  }

  scanByHash(spotCheckId: number, sha256: string): ScanRow | undefined {
    return this.s.scanByHash!.get(spotCheckId, sha256) as ScanRow | undefined;
  }

  addScan(spotCheckId: number, scan: NewScan): number {
    return Number(this.s.addScan!.run({ spotCheckId, ...scan }).lastInsertRowid);
  }

  unitChecks(spotCheckId: number): UnitChecksRow | undefined {
    return this.s.unitChecks!.get(spotCheckId) as UnitChecksRow | undefined;
  }

  setUnitChecks(spotCheckId: number, r: UnitChecksRow): void {
    this.s.setUnitChecks!.run({ spotCheckId, ...r });
  }
}
