import type { Database, Statement } from 'better-sqlite3';
import type { Chassis, MachineStatus, Verdict } from '@zhengban/shared';
import { subtreeSql } from './unit-repo.js';
import { storedFindings, VERDICT_FINDINGS_COLUMNS } from './verdict-findings.js';
import type { MachineIdentity, MachineLabels } from './label-types.js';
import type { MachineFacts } from './machine-facts.js';
import type { MachineDetailRow, MachineFilter, MachineRow, MachineSort } from './types.js';

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
  last_ip: string | null;
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

type Params = Record<string, string | number | null>;

const STALE = 'coalesce(a.last_seen, a.enrolled_at) < @staleBefore';
const COLUMNS = `a.id, a.hostname, u.name AS unit, a.unit_id, a.status, (${STALE}) AS stale, a.chassis, a.os_name, a.last_seen,
  a.user_name, a.asset_number, a.last_ip`;
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
    ip: r.last_ip,
  };
}

const ORDER: Record<MachineSort extends `-${infer C}` ? C : never, string> = {
  // As people read names: pc-2 and PC-3 side by side (the index is NOCASE too).
  hostname: 'a.hostname COLLATE NOCASE',
  unit: 'u.name',
  status: "coalesce(a.status, 'pending')",
  lastSeen: 'a.last_seen',
};

/** ORDER BY for a sort, host name and id after it so pages are stable. */
function orderBy(sort: MachineSort = 'hostname'): string {
  const desc = sort.startsWith('-');
  const column = ORDER[(desc ? sort.slice(1) : sort) as keyof typeof ORDER];
  return `${column} ${desc ? 'DESC' : 'ASC'}, a.hostname COLLATE NOCASE, a.id`;
}

/** `%text%` for LIKE, with the text's own % and _ taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// The current verdict's outlines ride on the machine row (migration 12); a verdict from
// before migration 4 holds its findings itself, which are searched instead.
const FAILING = `((coalesce(a.outline_id, '') || ':' || coalesce(a.entitlement_outline_id, '')) IN (SELECT value FROM json_each(@pairs))
  OR (a.legacy_verdict = 1 AND EXISTS (SELECT 1 FROM verdicts v, json_each(v.findings_json) f WHERE v.id = a.verdict_id
    AND f.value->>'passed' = 0 AND (@category IS NULL OR f.value->>'category' = @category) AND (@code IS NULL OR f.value->>'code' = @code))))`;

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
    // Reporting: judged and heard from within the window, as the reports count them.
    if (f.reporting === true) where.push(`a.verdict_id IS NOT NULL AND NOT (${STALE})`);
    else if (f.reporting === false) where.push(`(a.verdict_id IS NULL OR ${STALE})`);
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
    if (f.failing !== undefined) {
      where.push(FAILING);
      Object.assign(params, { pairs: JSON.stringify(f.failing.pairs), category: f.failing.category ?? null, code: f.failing.code ?? null });
    }
    if (f.os !== undefined) {
      where.push("a.os_name LIKE @os ESCAPE '\\'");
      params.os = containing(f.os);
    }
    if (f.q !== undefined) {
      where.push("(a.hostname LIKE @q ESCAPE '\\' OR a.user_name LIKE @q ESCAPE '\\' OR a.asset_number LIKE @q ESCAPE '\\' OR a.last_ip LIKE @q ESCAPE '\\')");
      params.q = containing(f.q);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // The count takes staleBefore only when the filter uses it.
    const countParams: Params = { ...params };
    if (f.status !== 'stale' && f.reporting === undefined) delete countParams.staleBefore;
    // Every machine has a unit: the conditions read agents alone, so neither the count nor
    // the page's skipping joins units (a page deep in 100,000 machines walks an index of
    // ids); only the sort by unit name needs the join to pick the page.
    const count = () => (this.stmt(`SELECT count(*) AS total FROM agents a ${clause}`).get(countParams) as { total: number }).total;
    const order = orderBy(f.sort);
    const from = `FROM agents a${f.sort?.endsWith('unit') ? ' JOIN units u ON u.id = a.unit_id' : ''} ${clause} ORDER BY ${order} LIMIT @limit OFFSET @offset`;
    const page = { ...params, limit: f.limit, offset: f.offset };
    if (f.q === undefined && f.os === undefined) {
      const rows = this.stmt(`SELECT ${COLUMNS} ${FROM} WHERE a.rowid IN (SELECT a.rowid ${from}) ORDER BY ${order}`).all(page) as ListRow[];
      return { rows: rows.map(toRow), total: count() };
    }
    // Text matches few machines: reading them once, sorted and counted together, beats
    // walking the sort's index through all 100,000 to find them (a half of the time).
    const picked = this.stmt(`SELECT a.rowid AS id, count(*) OVER () AS total ${from}`).all({ ...countParams, limit: f.limit, offset: f.offset }) as { id: number; total: number }[];
    if (picked.length === 0) return { rows: [], total: f.offset === 0 ? 0 : count() };
    const rows = this.stmt(`SELECT ${COLUMNS} ${FROM} WHERE a.rowid IN (SELECT value FROM json_each(@ids)) ORDER BY ${order}`).all({ ids: JSON.stringify(picked.map((p) => p.id)), staleBefore: f.staleBefore }) as ListRow[];
    return { rows: rows.map(toRow), total: picked[0]!.total };
  }

  outlinePairs(): { outlineId: number | null; entitlementOutlineId: number | null }[] {
    return (this.stmt('SELECT DISTINCT outline_id, entitlement_outline_id FROM agents WHERE verdict_id IS NOT NULL').all({}) as { outline_id: number | null; entitlement_outline_id: number | null }[])
      .map((r) => ({ outlineId: r.outline_id, entitlementOutlineId: r.entitlement_outline_id }));
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
