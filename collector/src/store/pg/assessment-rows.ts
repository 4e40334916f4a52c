import type { Finding } from '@zhengban/shared';
import type { Assessment } from '../../classify/assessment.js';
import { outlineOf } from '../../classify/combine.js';
import { outlineJson } from '../../reports/finding-outline.js';
import type { AssessmentBasis, MachineAssessment, StoredAssessment } from '../engine-types.js';
import { basisCtes, basisRows, contentHash, findingSetCtes, findingSetRows, type ContentRows } from './content-rows.js';
import { inBatches, row, stmt, type Queryable } from './query.js';

/**
 * What ../assessment-repo.ts does in four to six statements, after `ids` (the basis and
 * the finding set): a basis that moved rewrites the machine's installs, keeping the
 * outcome stored for a product still installed (the last install of it, as the SQLite
 * repo's map keeps); an assessment that repeats the stored one writes nothing.
 * $1 agent, $2 snapshot, $3 collected at, $4–$7 the installs that demand a seat
 * (product, edition, release, KMS host).
 */
const SAVE_AFTER_IDS = `was AS (SELECT basis_id FROM machine_assessments WHERE agent_id = $1),
  moved AS (SELECT FROM ids WHERE NOT EXISTS (SELECT FROM was WHERE was.basis_id = ids.basis_id)),
  kept AS (SELECT product_id, outcome_json, idx FROM machine_installs WHERE agent_id = $1 AND EXISTS (SELECT FROM moved)),
  gone AS (DELETE FROM machine_installs WHERE agent_id = $1 AND idx >= cardinality($4::text[]) AND EXISTS (SELECT FROM moved)),
  put AS (INSERT INTO machine_installs (agent_id, idx, product_id, edition, release, kms_host, outcome_json)
    SELECT $1, n.ord - 1, n.product_id, n.edition, n.release, n.kms_host,
      (SELECT k.outcome_json FROM kept k WHERE k.product_id = n.product_id ORDER BY k.idx DESC LIMIT 1)
    FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS n(product_id, edition, release, kms_host, ord)
    WHERE EXISTS (SELECT FROM moved)
    ON CONFLICT (agent_id, idx) DO UPDATE SET product_id = excluded.product_id, edition = excluded.edition,
      release = excluded.release, kms_host = excluded.kms_host, outcome_json = excluded.outcome_json),
  saved AS (INSERT INTO machine_assessments (agent_id, snapshot_id, collected_at, basis_id, finding_set_id)
    SELECT $1, $2, $3, basis_id, set_id FROM ids
    ON CONFLICT (agent_id) DO UPDATE SET snapshot_id = excluded.snapshot_id, collected_at = excluded.collected_at,
      basis_id = excluded.basis_id, finding_set_id = excluded.finding_set_id
    WHERE (machine_assessments.snapshot_id, machine_assessments.collected_at, machine_assessments.basis_id, machine_assessments.finding_set_id)
      IS DISTINCT FROM (excluded.snapshot_id, excluded.collected_at, excluded.basis_id, excluded.finding_set_id))
  SELECT basis_id, set_id FROM ids`;

/** The save with both ids known: $8 basis, $9 finding set. */
const SAVE = stmt('engine.saveAssessment', `WITH ids AS (SELECT $8::bigint AS basis_id, $9::bigint AS set_id), ${SAVE_AFTER_IDS}`);

/**
 * The save that finds or adds the basis and the finding set first, in the same
 * statement: what an ingest (one machine, nothing cached yet) runs. No row back means a
 * concurrent collector added one of them: the caller finds both again, then saves.
 * $8 basis hash, $9 basis JSON, $10 set hash, $11 set JSON, $12 outline JSON.
 */
const SAVE_NEW = stmt(
  'engine.saveAssessmentNew',
  `WITH ${basisCtes('b_', '$8', '$9')}, ${findingSetCtes('s_', '$10', '$11', '$12')},
  ids AS (SELECT b.id AS basis_id, s.id AS set_id FROM b_id b, s_id s), ${SAVE_AFTER_IDS}`,
);

/**
 * SAVE for a batch of machines, each at most once, with their ids known: $1–$5 per
 * machine (agent, snapshot, collected at, basis, finding set), $6–$11 per install that
 * demands a seat, of every machine of the batch (agent, its index on the machine,
 * product, edition, release, KMS host). Only machines whose basis moved get theirs.
 */
const SAVE_MANY = stmt(
  'engine.saveAssessments',
  `WITH g AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
      AS g(agent_id, snapshot_id, collected_at, basis_id, set_id)),
  n AS (SELECT * FROM unnest($6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[])
      AS n(agent_id, idx, product_id, edition, release, kms_host)),
  moved AS (SELECT g.agent_id, (SELECT count(*) FROM n WHERE n.agent_id = g.agent_id) AS installs
    FROM g LEFT JOIN machine_assessments m ON m.agent_id = g.agent_id WHERE m.basis_id IS DISTINCT FROM g.basis_id),
  kept AS (SELECT DISTINCT ON (i.agent_id, i.product_id) i.agent_id, i.product_id, i.outcome_json
    FROM machine_installs i JOIN moved USING (agent_id) ORDER BY i.agent_id, i.product_id, i.idx DESC),
  gone AS (DELETE FROM machine_installs i USING moved WHERE i.agent_id = moved.agent_id AND i.idx >= moved.installs),
  put AS (INSERT INTO machine_installs (agent_id, idx, product_id, edition, release, kms_host, outcome_json)
    SELECT n.agent_id, n.idx, n.product_id, n.edition, n.release, n.kms_host, k.outcome_json
    FROM n JOIN moved USING (agent_id) LEFT JOIN kept k ON k.agent_id = n.agent_id AND k.product_id = n.product_id
    ON CONFLICT (agent_id, idx) DO UPDATE SET product_id = excluded.product_id, edition = excluded.edition,
      release = excluded.release, kms_host = excluded.kms_host, outcome_json = excluded.outcome_json),
  saved AS (INSERT INTO machine_assessments (agent_id, snapshot_id, collected_at, basis_id, finding_set_id)
    SELECT agent_id, snapshot_id, collected_at, basis_id, set_id FROM g
    ON CONFLICT (agent_id) DO UPDATE SET snapshot_id = excluded.snapshot_id, collected_at = excluded.collected_at,
      basis_id = excluded.basis_id, finding_set_id = excluded.finding_set_id
    WHERE (machine_assessments.snapshot_id, machine_assessments.collected_at, machine_assessments.basis_id, machine_assessments.finding_set_id)
      IS DISTINCT FROM (excluded.snapshot_id, excluded.collected_at, excluded.basis_id, excluded.finding_set_id))
  SELECT count(*)::int AS n FROM g`,
);

/**
 * The engine's assessments on PostgreSQL (the twin of ../assessment-repo.ts): the
 * snapshot each machine was assessed from, its basis and finding set stored once by
 * content, and the installs that demand a seat.
 */
export class PgAssessmentRows {
  readonly bases: ContentRows<AssessmentBasis>;
  readonly findingSets: ContentRows<readonly Finding[]>;

  constructor(private readonly q: Queryable) {
    this.bases = basisRows(q);
    this.findingSets = findingSetRows(q);
  }

  async save(agentId: string, a: Assessment): Promise<StoredAssessment & { basis: AssessmentBasis }> {
    const basis: AssessmentBasis = { installs: a.installs, outline: outlineOf(a.findings) };
    const basisJson = JSON.stringify(basis);
    const setJson = JSON.stringify(a.findings);
    // An install covered without the registry (Windows with the firmware's OEM key) demands no seat.
    const installs = a.installs.filter((i) => !i.implicit);
    const common = [
      agentId,
      a.snapshotId,
      a.collectedAt,
      installs.map((i) => i.productId),
      installs.map((i) => i.edition),
      installs.map((i) => i.release),
      installs.map((i) => i.kmsHost),
    ];
    let basisId = this.bases.known(basisJson);
    let setId = this.findingSets.known(setJson);
    if (basisId === undefined || setId === undefined) {
      const added = await row<{ basis_id: number; set_id: number }>(this.q, SAVE_NEW, [
        ...common,
        contentHash(basisJson),
        basisJson,
        contentHash(setJson),
        setJson,
        outlineJson(a.findings),
      ]);
      if (added) {
        basisId = added.basis_id;
        setId = added.set_id;
      } else {
        basisId = await this.bases.idOf(basis, basisJson);
        setId = await this.findingSets.idOf(a.findings, setJson);
        await row(this.q, SAVE, [...common, basisId, setId]);
      }
      this.bases.remember(basisJson, basisId);
      this.findingSets.remember(setJson, setId);
    } else {
      await row(this.q, SAVE, [...common, basisId, setId]);
    }
    return { snapshotId: a.snapshotId, collectedAt: a.collectedAt, basisId, findingSetId: setId, basis };
  }

  /** save for many machines (each at most once), a thousand to a statement, the content's ids found together first. */
  async saveMany(items: readonly MachineAssessment[]): Promise<(StoredAssessment & { basis: AssessmentBasis })[]> {
    const saved: (StoredAssessment & { basis: AssessmentBasis })[] = [];
    await inBatches(items, async (part) => {
      const bases = part.map(({ assessment: a }) => {
        const value: AssessmentBasis = { installs: a.installs, outline: outlineOf(a.findings) };
        return { value, json: JSON.stringify(value) };
      });
      const basisIds = await this.bases.idsOf(bases);
      const setIds = await this.findingSets.idsOf(part.map(({ assessment: a }) => ({ value: a.findings, json: JSON.stringify(a.findings) })));
      const installs = part.flatMap(({ agentId, assessment: a }) => a.installs.filter((i) => !i.implicit).map((i, idx) => ({ agentId, idx, i })));
      await row(this.q, SAVE_MANY, [
        part.map((m) => m.agentId),
        part.map((m) => m.assessment.snapshotId),
        part.map((m) => m.assessment.collectedAt),
        basisIds,
        setIds,
        installs.map((x) => x.agentId),
        installs.map((x) => x.idx),
        installs.map((x) => x.i.productId),
        installs.map((x) => x.i.edition),
        installs.map((x) => x.i.release),
        installs.map((x) => x.i.kmsHost),
      ]);
      part.forEach(({ assessment: a }, k) =>
        saved.push({ snapshotId: a.snapshotId, collectedAt: a.collectedAt, basisId: basisIds[k]!, findingSetId: setIds[k]!, basis: bases[k]!.value }),
      );
    });
    return saved;
  }
}
