import type { Verdict } from '@zhengban/shared';
import type { Async } from '../async.js';
import type { MachineIdentity, MachineLabels } from '../label-types.js';
import type { MachineFacts } from '../machine-facts.js';
import type { MachineRepo } from '../machine-repo.js';
import type { MachineDetailRow, MachineFilter, MachineRow, MachineSort } from '../types.js';
import { subtreeSql } from '../unit-repo.js';
import { type StoredFindings, storedFindings, VERDICT_FINDINGS_COLUMNS } from '../verdict-findings.js';
import { row, rows, run, stmt, type Queryable } from './query.js';

/** The detail as selected: the machine's row, its facts as stored, its verdict's columns. */
type DetailRow = Omit<MachineDetailRow, 'facts' | 'verdict'> & {
  facts: string | null;
  v_status: Verdict['status'] | null;
  v_rules_version: string | null;
  v_snapshot_id: string | null;
  v_decided_at: string | null;
} & StoredFindings;

// The rows come out of SQL in the shape (and key order) the SQLite repo maps them to.
const stale = (staleBefore: string) => `coalesce(a.last_seen, a.enrolled_at) < ${staleBefore}`;
const columns = (staleBefore: string) => `a.id, a.hostname, u.name AS unit, a.unit_id AS "unitId", coalesce(a.status, 'pending') AS status,
  (${stale(staleBefore)}) AS stale, a.chassis, a.os_name AS "osName", a.last_seen AS "lastSeen", a.user_name AS "user",
  a.asset_number AS "assetNumber", a.last_ip AS ip`;
const FROM = 'FROM agents a JOIN units u ON u.id = a.unit_id';
const scope = (unitId: string) => `a.unit_id IN (${subtreeSql(`id = ${unitId}`)})`;

const DETAIL = `SELECT ${columns('$2')}, a.hardware_uuid AS "hardwareUuid", a.machine_id AS "machineId", a.serial,
    a.agent_version AS "agentVersion", a.enrolled_at AS "enrolledAt", a.last_seq AS "lastSeq", a.last_snapshot_id AS "lastSnapshotId",
    a.software_count AS "softwareCount", (SELECT f.facts_json FROM machine_facts f WHERE f.agent_id = a.id) AS facts,
    v.status AS v_status, v.rules_version AS v_rules_version, v.snapshot_id AS v_snapshot_id, v.decided_at AS v_decided_at,
    ${VERDICT_FINDINGS_COLUMNS}
  ${FROM} LEFT JOIN verdicts v ON v.id = a.verdict_id WHERE a.id = $1`;
const GET = stmt('machines.get', DETAIL);
const GET_SCOPED = stmt('machines.getScoped', `${DETAIL} AND ${scope('$3')}`);
// SQLite's hostname list is byte-ordered (BINARY), and its lower() folds ASCII only, as
// PostgreSQL's does in the C locale the database is made with.
const IDENTITIES = stmt(
  'machines.identities',
  `SELECT id, hostname FROM agents WHERE id = ANY($1::text[]) OR lower(hostname) IN (SELECT lower(h) FROM unnest($2::text[]) h)
  ORDER BY hostname COLLATE "C", id COLLATE "C"`,
);
const LABELS = stmt('machines.labels', 'SELECT id, hostname, user_name AS "user", asset_number AS "assetNumber" FROM agents WHERE id = $1');
// SQLite's asset_number is COLLATE NOCASE; here the unique index is on lower(asset_number).
const HOLDER = stmt('machines.assetHolder', 'SELECT id, hostname FROM agents WHERE lower(asset_number) = lower($1) AND id <> $2');
const SET_LABELS = stmt('machines.setLabels', 'UPDATE agents SET user_name = $2, asset_number = $3 WHERE id = $1');
const CLEAR_ASSET = stmt('machines.clearAsset', 'UPDATE agents SET asset_number = NULL WHERE id = $1');
const OUTLINE_PAIRS = 'SELECT DISTINCT outline_id AS "outlineId", entitlement_outline_id AS "entitlementOutlineId" FROM agents WHERE verdict_id IS NOT NULL';

// SQLite's orders: NOCASE for host names (here lower(), as the index agents_hostname
// has it), bytes for other text, and never-seen machines first when ascending by when
// last seen. The ties go by id in the database's collation, which the index was made
// with and which is C in a database made as the baseline asks: with COLLATE "C" here,
// a page deep in 100,000 machines sorted them all instead of walking the index.
const HOSTNAME = 'lower(a.hostname) COLLATE "C"';
const ORDER: Record<Exclude<MachineSort, `-${string}`>, (dir: 'ASC' | 'DESC') => string> = {
  hostname: (dir) => `${HOSTNAME} ${dir}`,
  unit: (dir) => `u.name COLLATE "C" ${dir}`,
  status: (dir) => `coalesce(a.status, 'pending') COLLATE "C" ${dir}`,
  lastSeen: (dir) => `a.last_seen COLLATE "C" ${dir} ${dir === 'ASC' ? 'NULLS FIRST' : 'NULLS LAST'}`,
};

function orderBy(sort: MachineSort = 'hostname'): string {
  const desc = sort.startsWith('-');
  const column = ORDER[(desc ? sort.slice(1) : sort) as keyof typeof ORDER];
  return `${column(desc ? 'DESC' : 'ASC')}, ${HOSTNAME}, a.id`;
}

/** `%text%` for LIKE, with the text's own % and _ taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Positional parameters for SQL built per filter: each value bound once, numbered as first used. */
class Params {
  readonly values: unknown[] = [];
  private readonly named = new Map<string, string>();

  bind(key: string, value: unknown): string {
    let p = this.named.get(key);
    if (p === undefined) {
      this.values.push(value);
      this.named.set(key, (p = `$${this.values.length}`));
    }
    return p;
  }
}

// SQLite's LIKE ignores ASCII case, which ILIKE does in the C locale.
const like = (column: string, pattern: string) => `${column} ILIKE ${pattern} ESCAPE '\\'`;

/** The list filter's conditions, reading agents alone (see ../machine-repo.ts). */
function conditions(f: MachineFilter, p: Params): string {
  const where: string[] = [];
  const isStale = () => stale(p.bind('staleBefore', f.staleBefore));
  if (f.reporting === true) where.push(`a.verdict_id IS NOT NULL AND NOT (${isStale()})`);
  else if (f.reporting === false) where.push(`(a.verdict_id IS NULL OR ${isStale()})`);
  if (f.status === 'stale') where.push(isStale());
  else if (f.status === 'pending') where.push('a.status IS NULL');
  else if (f.status !== undefined) where.push(`a.status = ${p.bind('status', f.status)}`);
  if (f.unit !== undefined) where.push(`a.unit_id IN (${subtreeSql(`name = ${p.bind('unit', f.unit)}`)})`);
  if (f.scopeUnitId !== undefined) where.push(scope(p.bind('scopeUnitId', f.scopeUnitId)));
  if (f.assetNumber !== undefined) where.push(`lower(a.asset_number) = lower(${p.bind('assetNumber', f.assetNumber)})`);
  if (f.failing !== undefined) {
    const category = p.bind('category', f.failing.category ?? null);
    const code = p.bind('code', f.failing.code ?? null);
    // A finding's `passed` is JSON false (SQLite's `->> 'passed' = 0` matches false and 0).
    where.push(`((coalesce(a.outline_id::text, '') || ':' || coalesce(a.entitlement_outline_id::text, '')) = ANY(${p.bind('pairs', f.failing.pairs)}::text[])
      OR (a.legacy_verdict = 1 AND EXISTS (SELECT 1 FROM verdicts v, jsonb_array_elements(v.findings_json::jsonb) f WHERE v.id = a.verdict_id
        AND f.value -> 'passed' IN ('false'::jsonb, '0'::jsonb)
        AND (${category}::text IS NULL OR f.value ->> 'category' = ${category}) AND (${code}::text IS NULL OR f.value ->> 'code' = ${code}))))`);
  }
  if (f.os !== undefined) where.push(like('a.os_name', p.bind('os', containing(f.os))));
  if (f.q !== undefined) {
    const q = p.bind('q', containing(f.q));
    where.push(`(${['a.hostname', 'a.user_name', 'a.asset_number', 'a.last_ip'].map((c) => like(c, q)).join(' OR ')})`);
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** `agents`, `units` and `verdicts` as people look at machines, on PostgreSQL: see ../machine-repo.ts. */
export class PgMachineRepo implements Async<MachineRepo> {
  constructor(private readonly q: Queryable) {}

  async list(f: MachineFilter): Promise<{ rows: MachineRow[]; total: number }> {
    const count = async () => {
      const p = new Params();
      const clause = conditions(f, p);
      return (await row<{ total: number }>(this.q, `SELECT count(*)::int AS total FROM agents a ${clause}`, p.values))!.total;
    };
    const order = orderBy(f.sort);
    const p = new Params();
    const picking = `FROM agents a${f.sort?.endsWith('unit') ? ' JOIN units u ON u.id = a.unit_id' : ''} ${conditions(f, p)}
      ORDER BY ${order} LIMIT ${p.bind('limit', f.limit)} OFFSET ${p.bind('offset', f.offset)}`;
    // As on SQLite: the page is picked from agents alone, then joined; a text match is
    // picked and counted in one pass (see ../machine-repo.ts for the measurements).
    if (f.q === undefined && f.os === undefined) {
      const sql = `SELECT ${columns(p.bind('staleBefore', f.staleBefore))} ${FROM} WHERE a.id IN (SELECT a.id ${picking}) ORDER BY ${order}`;
      return { rows: await rows<MachineRow>(this.q, sql, p.values), total: await count() };
    }
    const picked = await rows<{ id: string; total: number }>(this.q, `SELECT a.id, (count(*) OVER ())::int AS total ${picking}`, p.values);
    if (picked.length === 0) return { rows: [], total: f.offset === 0 ? 0 : await count() };
    const sql = `SELECT ${columns('$2')} ${FROM} WHERE a.id = ANY($1::text[]) ORDER BY ${order}`;
    return { rows: await rows<MachineRow>(this.q, sql, [picked.map((r) => r.id), f.staleBefore]), total: picked[0]!.total };
  }

  outlinePairs(): Promise<{ outlineId: number | null; entitlementOutlineId: number | null }[]> {
    return rows(this.q, OUTLINE_PAIRS);
  }

  async get(id: string, scope: { scopeUnitId?: number; staleBefore: string }): Promise<MachineDetailRow | undefined> {
    const r =
      scope.scopeUnitId === undefined
        ? await row<DetailRow>(this.q, GET, [id, scope.staleBefore])
        : await row<DetailRow>(this.q, GET_SCOPED, [id, scope.staleBefore, scope.scopeUnitId]);
    if (!r) return undefined;
    const { facts, v_status: status, v_rules_version, v_snapshot_id, v_decided_at, v_findings_json, v_set_json, v_entitlement_json, ...machine } = r;
    const verdict: Verdict | null =
      status === null ? null : { status, rulesVersion: v_rules_version!, findings: storedFindings({ v_findings_json, v_set_json, v_entitlement_json }, v_snapshot_id!), decidedAt: v_decided_at! };
    return { ...machine, facts: facts === null ? null : (JSON.parse(facts) as MachineFacts), verdict };
  }

  identities(ids: readonly string[], hostnames: readonly string[]): Promise<MachineIdentity[]> {
    return rows<MachineIdentity>(this.q, IDENTITIES, [ids, hostnames]);
  }

  labels(id: string): Promise<(MachineIdentity & MachineLabels) | undefined> {
    return row<MachineIdentity & MachineLabels>(this.q, LABELS, [id]);
  }

  assetHolder(assetNumber: string, exceptId: string): Promise<MachineIdentity | undefined> {
    return row<MachineIdentity>(this.q, HOLDER, [assetNumber, exceptId]);
  }

  async setLabels(id: string, labels: MachineLabels): Promise<void> {
    await run(this.q, SET_LABELS, [id, labels.user, labels.assetNumber]);
  }

  async clearAssetNumber(id: string): Promise<void> {
    await run(this.q, CLEAR_ASSET, [id]);
  }
}
