import type { Database, Statement } from 'better-sqlite3';
import type { Finding, Verdict } from '@zhengban/shared';
import type { Outcome, SeatLicence } from '../classify/allocate.js';
import type { Assessment } from '../classify/assessment.js';
import { AssessmentRepo } from './assessment-repo.js';
import { eachMachineOnce, judgedInputOf, toDemand, toEngineMachine, toSeatLicence, wasJudged, type DemandRow, type JudgedInputRow, type MachineRow } from './engine-rows.js';
import type { AssessmentBasis, EngineMachine, EngineRows, MachineAssessment, MachineVerdict, OutcomeChange, StoredAssessment, StoredDemand, VerdictRow } from './engine-types.js';
import type { MetaRepo } from './meta-repo.js';
import { LicenceRepo } from './licence-repo.js';
import { QueueRepo } from './queue-repo.js';
import { SoftwareChangeRepo } from './software-change-repo.js';
import { SoftwareRepo } from './software-repo.js';
import { STORED_VERDICT_SQL, storedVerdict, type StoredVerdictRow } from './verdict-findings.js';

const DEMANDS = `SELECT i.agent_id, i.product_id, i.edition, i.release, i.kms_host, i.outcome_json, a.unit_id,
    coalesce(a.first_seen, a.enrolled_at) AS first_seen
  FROM machine_installs i JOIN agents a ON a.id = i.agent_id`;

const IN = (ids: readonly string[]) => `(${ids.map(() => '?').join(',')})`;

/** SQL for the verdict engine: installs, seats, assessments and verdicts. */
export class EngineRepo implements EngineRows {
  private readonly software: SoftwareRepo;
  private readonly changes: SoftwareChangeRepo;
  private readonly licences: LicenceRepo;
  private readonly assessments: AssessmentRepo;
  private readonly queue: QueueRepo;
  private readonly stmts: Record<string, Statement<unknown[], unknown>>;
  private parents: { key: string; map: Map<number, number | null> } | undefined;
  private readonly byBatch = new Map<number, { rows: Statement<unknown[], unknown>; installs: Statement<unknown[], unknown> }>();

  constructor(private readonly db: Database, private readonly meta: MetaRepo) {
    this.software = new SoftwareRepo(db);
    this.changes = new SoftwareChangeRepo(db);
    this.licences = new LicenceRepo(db);
    this.assessments = new AssessmentRepo(db);
    this.queue = new QueueRepo(db);
    const p = (sql: string) => db.prepare(sql) as Statement<unknown[], unknown>;
    this.stmts = {
      parents: p('SELECT id, parent_id FROM units'),
      unitsShape: p('SELECT count(*) AS n, max(id) AS top FROM units'),
      // Every machine that reported: one whose stored assessment was dropped (migration 4) is assessed again.
      agents: p('SELECT a.id FROM agents a JOIN machine_facts f ON f.agent_id = a.id WHERE a.last_snapshot_id IS NOT NULL ORDER BY a.id'),
      // The facts' collectedAt only for a machine from before migration 13 (judgedInput reads the same).
      sharedStates: p(`SELECT a.id, a.state_hash || '/' || a.unit_id AS key, a.last_snapshot_id AS snapshot_id,
          coalesce(a.last_collected_at, json_extract(f.facts_json, '$.collectedAt'), a.last_seen) AS collected_at
        FROM agents a JOIN machine_facts f ON f.agent_id = a.id
        WHERE a.state_hash IS NOT NULL AND a.last_snapshot_id IS NOT NULL
          AND a.id NOT IN (SELECT agent_id FROM machine_software WHERE installed_snapshot_id IS NOT NULL)`),
      basisIds: p('SELECT agent_id, basis_id FROM machine_assessments'),
      kmsAgents: p('SELECT DISTINCT agent_id FROM machine_installs WHERE kms_host IS NOT NULL ORDER BY agent_id'),
      demands: p(DEMANDS),
      demandsOf: p(`${DEMANDS} WHERE i.agent_id = ?`),
      held: p('SELECT agent_id, product_id, licence_id FROM seat_allocations'),
      deleteSeat: p('DELETE FROM seat_allocations WHERE agent_id = ? AND product_id = ?'),
      upsertSeat: p(`INSERT INTO seat_allocations (agent_id, product_id, licence_id, since) VALUES (?, ?, ?, ?)
        ON CONFLICT (agent_id, product_id) DO UPDATE SET licence_id = excluded.licence_id, since = excluded.since
        WHERE seat_allocations.licence_id <> excluded.licence_id`),
      saveOutcome: p('UPDATE machine_installs SET outcome_json = ? WHERE agent_id = ? AND product_id = ?'),
      judgedInput: p(`SELECT a.unit_id, f.facts_json, a.last_snapshot_id, a.last_collected_at, a.last_seen
        FROM agents a JOIN machine_facts f ON f.agent_id = a.id WHERE a.id = ?`),
      verdictId: p('SELECT verdict_id FROM agents WHERE id = ?'),
      storedVerdict: p(STORED_VERDICT_SQL),
      insertVerdict: p(`INSERT INTO verdicts
          (agent_id, snapshot_id, status, rules_version, finding_set_id, entitlement_set_id, findings_json, decided_at, trigger, trigger_detail)
        VALUES (?, ?, ?, ?, ?, ?, '[]', ?, ?, ?)`),
      // The outlines ride along for the reports' count of machines now (migration 12); a new verdict never holds findings itself.
      setVerdict: p(`UPDATE agents SET verdict_id = ?, status = ?, legacy_verdict = 0,
        outline_id = (SELECT outline_id FROM finding_sets WHERE id = ?), entitlement_outline_id = (SELECT outline_id FROM finding_sets WHERE id = ?) WHERE id = ?`),
    };
  }

  /** SQLite's write lock (BEGIN IMMEDIATE) already holds the whole database for the transaction. */
  lockSeats(): void {}

  /** Called as each engine transaction begins. */
  begin(): void {
    this.assessments.reset();
  }

  registryRevision(): number {
    return this.meta.revision('registry');
  }

  allocatedOn(): string {
    return this.meta.value('allocated_on');
  }

  setAllocatedOn(day: string): void {
    this.meta.set('allocated_on', day);
  }

  kmsHostsJudged(): string {
    return this.meta.value('kms_hosts');
  }

  setKmsHostsJudged(hosts: string): void {
    this.meta.set('kms_hosts', hosts);
  }

  pending(): string {
    return this.meta.pending();
  }

  clearPending(): void {
    this.meta.clearPending();
  }

  assessedWith(): string {
    return this.meta.assessedWith();
  }

  setAssessedWith(version: string): void {
    this.meta.setAssessedWith(version);
  }

  seatLicences(): SeatLicence[] {
    return this.licences.all().map(toSeatLicence);
  }

  /**
   * Read again only when the units may have changed: every unit write moves the
   * registry's revision, and a unit that enrollment creates moves the count. Reading a
   * thousand units for every snapshot was a twentieth of an ingest.
   */
  unitParents(): ReadonlyMap<number, number | null> {
    const { n, top } = this.stmts.unitsShape!.get() as { n: number; top: number | null };
    const key = `${this.registryRevision()}/${n}/${top}`;
    if (this.parents?.key !== key) {
      const rows = this.stmts.parents!.all() as { id: number; parent_id: number | null }[];
      this.parents = { key, map: new Map(rows.map((r) => [r.id, r.parent_id])) };
    }
    return this.parents.map;
  }

  licensedKmsHosts(): string[] {
    return this.seatLicences().flatMap((l) => (l.model === 'kms' ? [...l.kmsHosts] : []));
  }

  allAgentIds(): string[] {
    return (this.stmts.agents!.all() as { id: string }[]).map((r) => r.id);
  }

  basisIds(): Map<string, number> {
    const rows = this.stmts.basisIds!.raw(true).all() as [string, number][];
    return new Map(rows);
  }

  sharedStates(): ReturnType<EngineRows['sharedStates']> {
    const rows = this.stmts.sharedStates!.all() as { id: string; key: string; snapshot_id: string; collected_at: string }[];
    return new Map(rows.map((r) => [r.id, { key: r.key, snapshotId: r.snapshot_id, collectedAt: r.collected_at }]));
  }

  agentsWithKmsHost(): string[] {
    return (this.stmts.kmsAgents!.all() as { agent_id: string }[]).map((r) => r.agent_id);
  }

  demands(productIds?: readonly string[]): StoredDemand[] {
    return (this.filtered(this.stmts.demands!.source, 'i.product_id', productIds) as DemandRow[]).map(toDemand);
  }

  demandsOf(agentId: string): StoredDemand[] {
    return (this.stmts.demandsOf!.all(agentId) as DemandRow[]).map(toDemand);
  }

  lastInQueue(agentId: string): boolean {
    return this.queue.lastInQueue(agentId);
  }

  seatsInUse(productId: string): Map<number, number> {
    return this.queue.seatsInUse(productId);
  }

  waiting(productId: string, licenceId: number): number {
    return this.queue.waiting(productId, licenceId);
  }

  held(productIds?: readonly string[]): Map<string, number> {
    const rows = this.filtered(this.stmts.held!.source, 'product_id', productIds) as { agent_id: string; product_id: string; licence_id: number }[];
    return new Map(rows.map((r) => [`${r.agent_id}\u0000${r.product_id}`, r.licence_id]));
  }

  saveSeats(held: ReadonlyMap<string, number>, seats: ReadonlyMap<string, number>, since: string): void {
    for (const key of held.keys()) {
      if (!seats.has(key)) this.stmts.deleteSeat!.run(...key.split('\u0000'));
    }
    // Only seats that moved are written: a fleet-wide re-judge mostly confirms who holds what.
    for (const [key, licenceId] of seats) {
      if (held.get(key) === licenceId) continue;
      const [agentId, productId] = key.split('\u0000');
      this.stmts.upsertSeat!.run(agentId, productId, licenceId, since);
    }
  }

  /** One prepared statement per row: SQLite runs them in process, so a batch statement would save nothing. */
  saveOutcomes(changes: readonly OutcomeChange[]): void {
    for (const c of changes) this.stmts.saveOutcome!.run(JSON.stringify(c.outcome), c.agentId, c.productId);
  }

  machines(agentIds: readonly string[]): EngineMachine[] {
    const out: EngineMachine[] = [];
    for (let i = 0; i < agentIds.length; i += 500) {
      const batch = agentIds.slice(i, i + 500);
      const { rows: rowsStmt, installs: installsStmt } = this.machineStatements(batch.length);
      const rows = rowsStmt.all(...batch) as MachineRow[];
      const outcomes = new Map<string, Map<string, string>>();
      const installs = installsStmt.all(...batch) as { agent_id: string; product_id: string; outcome_json: string }[];
      for (const x of installs) {
        let own = outcomes.get(x.agent_id);
        if (!own) outcomes.set(x.agent_id, (own = new Map()));
        own.set(x.product_id, x.outcome_json);
      }
      for (const r of rows) out.push(toEngineMachine(r, outcomes.get(r.id) ?? new Map()));
    }
    return out;
  }

  /**
   * The statements of `machines` for a batch of n ids, prepared once per size: ingest asks
   * for one machine twice per snapshot, and preparing was a fixed cost of each.
   */
  private machineStatements(n: number): { rows: Statement<unknown[], unknown>; installs: Statement<unknown[], unknown> } {
    let s = this.byBatch.get(n);
    if (!s) {
      const ids = IN(Array.from({ length: n }, () => ''));
      s = {
        rows: this.db.prepare(`SELECT a.id, a.unit_id, u.name AS unit, s.snapshot_id, s.collected_at, s.basis_id, s.finding_set_id AS a_set_id,
            v.status, v.finding_set_id, v.entitlement_set_id, CASE WHEN v.finding_set_id IS NULL THEN v.findings_json END AS whole_json
          FROM agents a JOIN units u ON u.id = a.unit_id LEFT JOIN machine_assessments s ON s.agent_id = a.id
          LEFT JOIN verdicts v ON v.id = a.verdict_id WHERE a.id IN ${ids}`),
        installs: this.db.prepare(`SELECT agent_id, product_id, outcome_json FROM machine_installs WHERE agent_id IN ${ids} AND outcome_json IS NOT NULL`),
      };
      this.byBatch.set(n, s);
    }
    return s;
  }

  /** The id of the machine's current verdict (ingest's answer names it). */
  verdictIdOf(agentId: string): number {
    const id = this.currentVerdictId(agentId);
    if (id === null) throw new Error(`machine ${agentId} has no verdict`);
    return id;
  }

  currentVerdict(agentId: string): { id: number; verdict: Verdict } | undefined {
    const id = this.currentVerdictId(agentId);
    const r = id === null ? undefined : (this.stmts.storedVerdict!.get(id) as StoredVerdictRow | undefined);
    return r && { id: id!, verdict: storedVerdict(r) };
  }

  private currentVerdictId(agentId: string): number | null {
    return (this.stmts.verdictId!.get(agentId) as { verdict_id: number | null } | undefined)?.verdict_id ?? null;
  }

  judgedInput(agentId: string): ReturnType<EngineRows['judgedInput']> {
    const r = this.stmts.judgedInput!.get(agentId) as JudgedInputRow | undefined;
    if (!wasJudged(r)) return undefined;
    return judgedInputOf(r, this.software.list(agentId));
  }

  installedSince(agentId: string): ReturnType<EngineRows['installedSince']> {
    return this.software.installedSince(agentId);
  }

  saveAssessment(agentId: string, a: Assessment): StoredAssessment & { basis: AssessmentBasis } {
    return this.assessments.save(agentId, a);
  }
  saveAssessments(items: readonly MachineAssessment[]): (StoredAssessment & { basis: AssessmentBasis })[] {
    eachMachineOnce(items, 'saveAssessments');
    return items.map((m) => this.saveAssessment(m.agentId, m.assessment));
  }


  basis(id: number): AssessmentBasis {
    return this.assessments.bases.get(id);
  }

  findingSetId(findings: readonly Finding[]): number {
    return this.assessments.findingSets.idOf(findings);
  }

  findingSet(id: number): readonly Finding[] {
    return this.assessments.findingSets.get(id);
  }

  insertVerdict(agentId: string, v: VerdictRow): number {
    const id = Number(
      this.stmts.insertVerdict!.run(agentId, v.snapshotId, v.status, v.rulesVersion, v.findingSetId, v.entitlementSetId, v.decidedAt, v.trigger, v.detail)
        .lastInsertRowid,
    );
    this.stmts.setVerdict!.run(id, v.status, v.findingSetId, v.entitlementSetId, agentId);
    return id;
  }

  insertVerdicts(verdicts: readonly MachineVerdict[]): void {
    eachMachineOnce(verdicts, 'insertVerdicts');
    for (const v of verdicts) this.insertVerdict(v.agentId, v.row);
  }

  /** The statement with `AND column IN (…)` when ids are given. */
  private filtered(sql: string, column: string, ids: readonly string[] | undefined): unknown[] {
    if (ids === undefined) return this.db.prepare(sql).all();
    if (ids.length === 0) return [];
    const where = /\bWHERE\b/i.test(sql) ? 'AND' : 'WHERE';
    return this.db.prepare(`${sql} ${where} ${column} IN ${IN(ids)}`).all(...ids);
  }
}
