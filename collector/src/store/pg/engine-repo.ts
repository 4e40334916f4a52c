import type { Finding, Verdict } from '@zhengban/shared';
import type { Outcome, SeatLicence } from '../../classify/allocate.js';
import type { Assessment } from '../../classify/assessment.js';
import type { InstalledBetween } from '../../classify/context.js';
import { eachMachineOnce, judgedInputOf, toEngineMachine, wasJudged, type JudgedInputRow, type MachineRow } from '../engine-rows.js';
import type { AssessmentBasis, EngineMachine, EngineTx, MachineAssessment, MachineVerdict, OutcomeChange, StoredAssessment, StoredDemand, VerdictRow } from '../engine-types.js';
import { installedSinceOf, toItem, type SoftwareRow } from '../software-rows.js';
import { VERDICT_FINDINGS_COLUMNS, storedVerdict, type StoredVerdictRow } from '../verdict-findings.js';
import { PgAssessmentRows } from './assessment-rows.js';
import { PgMetaRepo } from './meta-repo.js';
import { inBatches, row, rows, run, stmt, type Queryable } from './query.js';
import { PgSeatRows } from './seat-rows.js';
import { PgSoftwareRepo, SOFTWARE_COLUMNS } from './software-repo.js';
import { unitParents } from './unit-parents.js';

type MachineOutcomesRow = MachineRow & {
  products: string[] | null;
  outcomes: string[] | null;
};

type InputRow = JudgedInputRow & { software: SoftwareRow[] | null };

const S = {
  // Every machine that reported: one whose stored assessment was dropped is assessed again.
  agents: stmt(
    'engine.allAgentIds',
    'SELECT a.id FROM agents a JOIN machine_facts f ON f.agent_id = a.id WHERE a.last_snapshot_id IS NOT NULL ORDER BY a.id COLLATE "C"',
  ),
  // The facts' collectedAt only for a machine from before migration 13 (judgedInput reads the same).
  sharedStates: stmt(
    'engine.sharedStates',
    `SELECT a.id, a.state_hash || '/' || a.unit_id AS key, a.last_snapshot_id AS snapshot_id,
      coalesce(a.last_collected_at, f.facts_json::json ->> 'collectedAt', a.last_seen) AS collected_at
    FROM agents a JOIN machine_facts f ON f.agent_id = a.id
    WHERE a.state_hash IS NOT NULL AND a.last_snapshot_id IS NOT NULL
      AND NOT EXISTS (SELECT FROM machine_software s WHERE s.agent_id = a.id AND s.installed_snapshot_id IS NOT NULL)`,
  ),
  basisIds: stmt('engine.basisIds', 'SELECT agent_id, basis_id FROM machine_assessments'),
  kmsAgents: stmt(
    'engine.agentsWithKmsHost',
    'SELECT agent_id FROM machine_installs WHERE kms_host IS NOT NULL GROUP BY agent_id ORDER BY agent_id COLLATE "C"',
  ),
  // A batch in one statement, with the outcomes stored per product (the last install's, as SQLite's map keeps).
  machines: stmt(
    'engine.machines',
    `SELECT a.id, a.unit_id, u.name AS unit, s.snapshot_id, s.collected_at, s.basis_id, s.finding_set_id AS a_set_id,
      v.status, v.finding_set_id, v.entitlement_set_id, CASE WHEN v.finding_set_id IS NULL THEN v.findings_json END AS whole_json,
      o.products, o.outcomes
    FROM agents a JOIN units u ON u.id = a.unit_id LEFT JOIN machine_assessments s ON s.agent_id = a.id
    LEFT JOIN verdicts v ON v.id = a.verdict_id
    LEFT JOIN LATERAL (SELECT array_agg(i.product_id ORDER BY i.product_id COLLATE "C", i.idx) AS products,
        array_agg(i.outcome_json ORDER BY i.product_id COLLATE "C", i.idx) AS outcomes
      FROM machine_installs i WHERE i.agent_id = a.id AND i.outcome_json IS NOT NULL) o ON true
    WHERE a.id = ANY($1::text[]) ORDER BY a.id COLLATE "C"`,
  ),
  verdictId: stmt('engine.verdictId', 'SELECT verdict_id FROM agents WHERE id = $1'),
  currentVerdict: stmt(
    'engine.currentVerdict',
    `SELECT v.id, v.status, v.rules_version, v.decided_at, v.snapshot_id, s.collected_at, ${VERDICT_FINDINGS_COLUMNS}
    FROM agents a JOIN verdicts v ON v.id = a.verdict_id LEFT JOIN snapshots s ON s.snapshot_id = v.snapshot_id WHERE a.id = $1`,
  ),
  // The machine and its current list together: a re-assessment reads one such per state.
  judgedInput: stmt(
    'engine.judgedInput',
    `SELECT a.unit_id, f.facts_json, a.last_snapshot_id, a.last_collected_at, a.last_seen,
      (SELECT json_agg(x ORDER BY x.rowid) FROM (SELECT rowid, ${SOFTWARE_COLUMNS} FROM machine_software s
        WHERE s.agent_id = a.id AND s.gen = a.software_gen) x) AS software
    FROM agents a JOIN machine_facts f ON f.agent_id = a.id WHERE a.id = $1`,
  ),
  // The outlines ride along for the reports' count of machines now; a new verdict never holds findings itself.
  insertVerdict: stmt(
    'engine.insertVerdict',
    `WITH v AS (INSERT INTO verdicts
        (agent_id, snapshot_id, status, rules_version, finding_set_id, entitlement_set_id, findings_json, decided_at, trigger, trigger_detail)
      VALUES ($1, $2, $3, $4, $5, $6, '[]', $7, $8, $9) RETURNING id),
    current AS (UPDATE agents SET verdict_id = (SELECT id FROM v), status = $3, legacy_verdict = 0,
      outline_id = (SELECT outline_id FROM finding_sets WHERE id = $5),
      entitlement_outline_id = (SELECT outline_id FROM finding_sets WHERE id = $6) WHERE id = $1)
    SELECT id FROM v`,
  ),
  // insertVerdict for a batch, in the order given (ids rise with it, as one row at a time would give).
  insertVerdicts: stmt(
    'engine.insertVerdicts',
    `WITH given AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[])
        WITH ORDINALITY AS g(agent_id, snapshot_id, status, rules_version, finding_set_id, entitlement_set_id, decided_at, trigger, detail, n)),
    v AS (INSERT INTO verdicts
        (agent_id, snapshot_id, status, rules_version, finding_set_id, entitlement_set_id, findings_json, decided_at, trigger, trigger_detail)
      SELECT agent_id, snapshot_id, status, rules_version, finding_set_id, entitlement_set_id, '[]', decided_at, trigger, detail FROM given ORDER BY n
      RETURNING id, agent_id, status, finding_set_id, entitlement_set_id)
    UPDATE agents a SET verdict_id = v.id, status = v.status, legacy_verdict = 0, outline_id = f.outline_id, entitlement_outline_id = e.outline_id
    FROM v LEFT JOIN finding_sets f ON f.id = v.finding_set_id LEFT JOIN finding_sets e ON e.id = v.entitlement_set_id
    WHERE a.id = v.agent_id`,
  ),
  // The fleet's seats: an advisory lock on a key of its own (the ASCII of "seats" as a bigint).
  lockSeats: stmt('engine.lockSeats', 'SELECT pg_advisory_xact_lock(495622124659)'),
};

/**
 * The verdict engine's SQL on PostgreSQL (the twin of ../engine-repo.ts), made per
 * transaction: its caches (content by id and by JSON) live as long as the transaction.
 */
export class PgEngineRepo implements EngineTx {
  private readonly meta: PgMetaRepo;
  private readonly seats: PgSeatRows;
  private readonly assessments: PgAssessmentRows;
  private readonly software: PgSoftwareRepo;
  /** The programs judgedInput read, for the installedSince of the same machine that follows it (a re-assessment asks both). */
  private lastInput: { agentId: string; installed: Map<string, InstalledBetween> } | undefined;

  constructor(private readonly q: Queryable) {
    this.meta = new PgMetaRepo(q);
    this.seats = new PgSeatRows(q);
    this.assessments = new PgAssessmentRows(q);
    this.software = new PgSoftwareRepo(q);
  }

  /** The fleet's seats, held until the transaction ends (whichever way): a lock of its own, not a row, so nothing else waits on it. */
  async lockSeats(): Promise<void> {
    await row(this.q, S.lockSeats);
  }

  registryRevision(): Promise<number> {
    return this.meta.revision('registry');
  }

  allocatedOn(): Promise<string> {
    return this.meta.value('allocated_on');
  }

  setAllocatedOn(day: string): Promise<void> {
    return this.meta.set('allocated_on', day);
  }

  kmsHostsJudged(): Promise<string> {
    return this.meta.value('kms_hosts');
  }

  setKmsHostsJudged(hosts: string): Promise<void> {
    return this.meta.set('kms_hosts', hosts);
  }

  pending(): Promise<string> {
    return this.meta.pending();
  }

  clearPending(): Promise<void> {
    return this.meta.clearPending();
  }

  assessedWith(): Promise<string> {
    return this.meta.assessedWith();
  }

  setAssessedWith(version: string): Promise<void> {
    return this.meta.setAssessedWith(version);
  }

  seatLicences(): Promise<SeatLicence[]> {
    return this.seats.seatLicences();
  }

  licensedKmsHosts(): Promise<string[]> {
    return this.seats.licensedKmsHosts();
  }

  unitParents(): Promise<ReadonlyMap<number, number | null>> {
    return unitParents(this.q);
  }

  demands(productIds?: readonly string[]): Promise<StoredDemand[]> {
    return this.seats.demands(productIds);
  }

  demandsOf(agentId: string): Promise<StoredDemand[]> {
    return this.seats.demandsOf(agentId);
  }

  lastInQueue(agentId: string): Promise<boolean> {
    return this.seats.lastInQueue(agentId);
  }

  seatsInUse(productId: string): Promise<Map<number, number>> {
    return this.seats.seatsInUse(productId);
  }

  waiting(productId: string, licenceId: number): Promise<number> {
    return this.seats.waiting(productId, licenceId);
  }

  held(productIds?: readonly string[]): Promise<Map<string, number>> {
    return this.seats.held(productIds);
  }

  saveSeats(held: ReadonlyMap<string, number>, seats: ReadonlyMap<string, number>, since: string): Promise<void> {
    return this.seats.saveSeats(held, seats, since);
  }

  saveOutcomes(changes: readonly OutcomeChange[]): Promise<void> {
    return this.seats.saveOutcomes(changes);
  }

  async allAgentIds(): Promise<string[]> {
    return (await rows<{ id: string }>(this.q, S.agents)).map((r) => r.id);
  }

  async basisIds(): Promise<Map<string, number>> {
    return new Map((await rows<{ agent_id: string; basis_id: number }>(this.q, S.basisIds)).map((r) => [r.agent_id, r.basis_id]));
  }

  async sharedStates(): ReturnType<EngineTx['sharedStates']> {
    const found = await rows<{ id: string; key: string; snapshot_id: string; collected_at: string }>(this.q, S.sharedStates);
    return new Map(found.map((r) => [r.id, { key: r.key, snapshotId: r.snapshot_id, collectedAt: r.collected_at }]));
  }

  async agentsWithKmsHost(): Promise<string[]> {
    return (await rows<{ agent_id: string }>(this.q, S.kmsAgents)).map((r) => r.agent_id);
  }

  async machines(agentIds: readonly string[]): Promise<EngineMachine[]> {
    if (agentIds.length === 0) return [];
    return (await rows<MachineOutcomesRow>(this.q, S.machines, [agentIds])).map((r) =>
      toEngineMachine(r, new Map((r.products ?? []).map((p, i) => [p, r.outcomes![i]!]))),
    );
  }

  async verdictIdOf(agentId: string): Promise<number> {
    const id = (await row<{ verdict_id: number | null }>(this.q, S.verdictId, [agentId]))?.verdict_id ?? null;
    if (id === null) throw new Error(`machine ${agentId} has no verdict`);
    return id;
  }

  async currentVerdict(agentId: string): Promise<{ id: number; verdict: Verdict } | undefined> {
    const r = await row<StoredVerdictRow & { id: number }>(this.q, S.currentVerdict, [agentId]);
    return r && { id: r.id, verdict: storedVerdict(r) };
  }

  async judgedInput(agentId: string): ReturnType<EngineTx['judgedInput']> {
    this.lastInput = undefined;
    const r = await row<InputRow>(this.q, S.judgedInput, [agentId]);
    if (!wasJudged(r)) return undefined;
    const software = r.software ?? [];
    this.lastInput = { agentId, installed: installedSinceOf(software) };
    return judgedInputOf(r, software.map(toItem));
  }

  async installedSince(agentId: string): Promise<Map<string, InstalledBetween>> {
    const input = this.lastInput;
    this.lastInput = undefined;
    if (input?.agentId === agentId) return input.installed;
    return this.software.installedSince(agentId);
  }

  saveAssessment(agentId: string, a: Assessment): Promise<StoredAssessment & { basis: AssessmentBasis }> {
    return this.assessments.save(agentId, a);
  }

  async saveAssessments(items: readonly MachineAssessment[]): Promise<(StoredAssessment & { basis: AssessmentBasis })[]> {
    eachMachineOnce(items, 'saveAssessments');
    return this.assessments.saveMany(items);
  }

  basis(id: number): Promise<AssessmentBasis> {
    return this.assessments.bases.get(id);
  }

  findingSetId(findings: readonly Finding[]): Promise<number> {
    return this.assessments.findingSets.idOf(findings);
  }

  findingSet(id: number): Promise<readonly Finding[]> {
    return this.assessments.findingSets.get(id);
  }

  async insertVerdict(agentId: string, v: VerdictRow): Promise<number> {
    const r = await row<{ id: number }>(this.q, S.insertVerdict, [
      agentId, v.snapshotId, v.status, v.rulesVersion, v.findingSetId, v.entitlementSetId, v.decidedAt, v.trigger, v.detail,
    ]);
    return r!.id;
  }

  async insertVerdicts(verdicts: readonly MachineVerdict[]): Promise<void> {
    eachMachineOnce(verdicts, 'insertVerdicts');
    await inBatches(verdicts, (part) => {
      const column = <T>(pick: (v: MachineVerdict) => T) => part.map(pick);
      return run(this.q, S.insertVerdicts, [
        column((v) => v.agentId), column((v) => v.row.snapshotId), column((v) => v.row.status), column((v) => v.row.rulesVersion),
        column((v) => v.row.findingSetId), column((v) => v.row.entitlementSetId), column((v) => v.row.decidedAt),
        column((v) => v.row.trigger), column((v) => v.row.detail),
      ]);
    });
  }
}
