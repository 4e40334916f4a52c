import type { Database, Statement } from 'better-sqlite3';
import type { Chassis, MachineStatus, Verdict } from '@zhengban/shared';
import { subtreeSql } from './unit-repo.js';
import { storedFindings, VERDICT_FINDINGS_COLUMNS } from './verdict-findings.js';
import type { MachineIdentity, MachineLabels } from './label-types.js';
import type { MachineDetailRow, MachineFacts, MachineFilter, MachineRow } from './types.js';

interface ListRow {
  id: string;
  hostname: string;
  unit: string;
  unit_id: number;
  status: 'licensed' | 'unauthorized' | null;
  stale: 0 | 1;
  chassis: Chassis | null;
  os_name: string | null;
  last_seen: string | null;
  user_name: string | null;
  asset_number: string | null;
}

interface DetailRow extends ListRow {
  hardware_uuid: string | null;
  machine_id: string | null;
  serial: string | null;
  agent_version: string | null;
  enrolled_at: string;
  last_seq: number | null;
  last_snapshot_id: string | null;
  software_count: number;
  facts_json: string | null;
  v_status: Verdict['status'] | null;
  v_rules_version: string | null;
  v_findings_json: string | null;
  v_set_json: string | null;
  v_entitlement_json: string | null;
  v_snapshot_id: string | null;
  v_decided_at: string | null;
}

type Params = Record<string, string | number>;

const STALE = 'coalesce(a.last_seen, a.enrolled_at) < @staleBefore';
const COLUMNS = `a.id, a.hostname, u.name AS unit, a.unit_id, a.status, (${STALE}) AS stale, a.chassis, a.os_name, a.last_seen,
  a.user_name, a.asset_number`;
const FROM = 'FROM agents a JOIN units u ON u.id = a.unit_id';
const SCOPE = `a.unit_id IN (${subtreeSql('id = @scopeUnitId')})`;

function toRow(r: ListRow): MachineRow {
  const status: MachineStatus = r.status ?? 'pending';
  return {
    id: r.id,
    hostname: r.hostname,
    unit: r.unit,
    unitId: r.unit_id,
    status,
    stale: r.stale === 1,
    chassis: r.chassis,
    osName: r.os_name,
    lastSeen: r.last_seen,
    user: r.user_name,
    assetNumber: r.asset_number,
  };
}

function verdictOf(r: DetailRow): Verdict | null {
  if (r.v_status === null) return null;
  return {
    status: r.v_status,
    rulesVersion: r.v_rules_version!,
    findings: storedFindings({ v_findings_json: r.v_findings_json!, v_set_json: r.v_set_json, v_entitlement_json: r.v_entitlement_json }, r.v_snapshot_id!),
    decidedAt: r.v_decided_at!,
  };
}

/**
 * Read-side SQL over `agents`, `units` and `verdicts` for people looking at machines, and
 * the user and asset number admins set on them (`agents.user_name`, `agents.asset_number`).
 */
export class MachineRepo {
  private readonly cache = new Map<string, Statement<[Params], unknown>>();
  private readonly detailStmt: Statement<[Params], DetailRow>;
  private readonly scopedDetailStmt: Statement<[Params], DetailRow>;
  private readonly identitiesStmt: Statement<[string, string], MachineIdentity>;
  private readonly labelsStmt: Statement<[string], MachineIdentity & { user_name: string | null; asset_number: string | null }>;
  private readonly holderStmt: Statement<[string, string], MachineIdentity>;
  private readonly setLabelsStmt: Statement<[{ id: string; user: string | null; assetNumber: string | null }]>;
  private readonly clearAssetStmt: Statement<[string]>;

  constructor(private readonly db: Database) {
    const detail = `SELECT ${COLUMNS}, a.hardware_uuid, a.machine_id, a.serial, a.agent_version, a.enrolled_at,
        a.last_seq, a.last_snapshot_id, a.software_count, (SELECT f.facts_json FROM machine_facts f WHERE f.agent_id = a.id) AS facts_json,
        v.status AS v_status, v.rules_version AS v_rules_version, v.snapshot_id AS v_snapshot_id, v.decided_at AS v_decided_at,
        ${VERDICT_FINDINGS_COLUMNS}
      ${FROM} LEFT JOIN verdicts v ON v.id = a.verdict_id WHERE a.id = @id`;
    this.detailStmt = db.prepare(detail);
    this.scopedDetailStmt = db.prepare(`${detail} AND ${SCOPE}`);
    // lower() folds ASCII only, as NOCASE does for asset numbers.
    this.identitiesStmt = db.prepare(`SELECT id, hostname FROM agents
      WHERE id IN (SELECT value FROM json_each(?)) OR lower(hostname) IN (SELECT lower(value) FROM json_each(?)) ORDER BY hostname, id`);
    this.labelsStmt = db.prepare('SELECT id, hostname, user_name, asset_number FROM agents WHERE id = ?');
    // asset_number is NOCASE: this is the unique index's own comparison.
    this.holderStmt = db.prepare('SELECT id, hostname FROM agents WHERE asset_number = ? AND id <> ?');
    this.setLabelsStmt = db.prepare('UPDATE agents SET user_name = @user, asset_number = @assetNumber WHERE id = @id');
    this.clearAssetStmt = db.prepare('UPDATE agents SET asset_number = NULL WHERE id = ?');
  }

  list(f: MachineFilter): { rows: MachineRow[]; total: number } {
    const where: string[] = [];
    const params: Params = { staleBefore: f.staleBefore };
    if (f.status === 'stale') where.push(STALE);
    else if (f.status === 'pending') where.push('a.status IS NULL');
    else if (f.status !== undefined) {
      where.push('a.status = @status');
      params.status = f.status;
    }
    if (f.unit !== undefined) {
      where.push(`a.unit_id IN (${subtreeSql('name = @unit')})`);
      params.unit = f.unit;
    }
    if (f.scopeUnitId !== undefined) {
      where.push(SCOPE);
      params.scopeUnitId = f.scopeUnitId;
    }
    if (f.assetNumber !== undefined) {
      where.push('a.asset_number = @assetNumber');
      params.assetNumber = f.assetNumber;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // The count takes staleBefore only when the filter uses it.
    const countParams: Params = { ...params };
    if (f.status !== 'stale') delete countParams.staleBefore;
    const { total } = this.stmt(`SELECT count(*) AS total ${FROM} ${clause}`).get(countParams) as { total: number };
    const sql = `SELECT ${COLUMNS} ${FROM} ${clause} ORDER BY a.hostname, a.id LIMIT @limit OFFSET @offset`;
    const rows = this.stmt(sql).all({ ...params, limit: f.limit, offset: f.offset }) as ListRow[];
    return { rows: rows.map(toRow), total };
  }

  get(id: string, scope: { scopeUnitId?: number; staleBefore: string }): MachineDetailRow | undefined {
    const r =
      scope.scopeUnitId === undefined
        ? this.detailStmt.get({ id, staleBefore: scope.staleBefore })
        : this.scopedDetailStmt.get({ id, staleBefore: scope.staleBefore, scopeUnitId: scope.scopeUnitId });
    if (!r) return undefined;
    return {
      ...toRow(r),
      hardwareUuid: r.hardware_uuid,
      machineId: r.machine_id,
      serial: r.serial,
      agentVersion: r.agent_version,
      enrolledAt: r.enrolled_at,
      lastSeq: r.last_seq,
      lastSnapshotId: r.last_snapshot_id,
      softwareCount: r.software_count,
      facts: r.facts_json === null ? null : (JSON.parse(r.facts_json) as MachineFacts),
      verdict: verdictOf(r),
    };
  }

  identities(ids: readonly string[], hostnames: readonly string[]): MachineIdentity[] {
    return this.identitiesStmt.all(JSON.stringify(ids), JSON.stringify(hostnames));
  }

  labels(id: string): (MachineIdentity & MachineLabels) | undefined {
    const r = this.labelsStmt.get(id);
    return r && { id: r.id, hostname: r.hostname, user: r.user_name, assetNumber: r.asset_number };
  }

  /** The other machine that holds this asset number, if any. */
  assetHolder(assetNumber: string, exceptId: string): MachineIdentity | undefined {
    return this.holderStmt.get(assetNumber, exceptId);
  }

  setLabels(id: string, labels: MachineLabels): void {
    this.setLabelsStmt.run({ id, ...labels });
  }

  clearAssetNumber(id: string): void {
    this.clearAssetStmt.run(id);
  }

  /** Filters combine into a handful of shapes; each is prepared once. */
  private stmt(sql: string): Statement<[Params], unknown> {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }
}
