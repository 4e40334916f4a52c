import type { Verdict } from '@zhengban/shared';
import type { CompiledCatalog } from '../catalog/types.js';
import type { JudgedSnapshot } from '../classify/assess.js';
import type { Assessment, Install } from '../classify/assessment.js';
import type { AssessEnv, ClassifyPolicy } from '../classify/context.js';
import { rulesVersionOf } from '../classify/index.js';
import { judgeInstalls, verdictOf } from '../classify/judge.js';
import type { CompiledLists } from '../classify/lists.js';
import type { EngineTx } from '../store/engine-types.js';
import { ancestryOf } from './ancestry.js';
import { judgeStored, parseOutcomes, verdictRow } from './judge-stored.js';
import { datedProducts, reallocate } from './reallocate.js';

export interface IngestJudgeOptions {
  now: Date;
  policy: ClassifyPolicy;
  catalog: CompiledCatalog;
  lists: CompiledLists;
  assess: (snapshot: JudgedSnapshot, env: AssessEnv) => Assessment;
}

/** What a seat is allocated against; an implicit install (OEM firmware key) demands none. */
const demandOf = (i: Install) => (i.implicit ? 'implicit' : JSON.stringify([i.edition, i.release, i.kmsHost]));

/** Products whose demand appeared, left or changed (edition, release, KMS host, implicit) with this snapshot. */
function changedProducts(before: readonly Install[], after: readonly Install[]): string[] {
  const old = new Map(before.map((i) => [i.productId, demandOf(i)]));
  const now = new Map(after.map((i) => [i.productId, demandOf(i)]));
  const ids = new Set([...old.keys(), ...now.keys()]);
  return [...ids].filter((id) => old.get(id) !== now.get(id));
}

/**
 * Judges a machine inside its ingest transaction. Its seats are allocated again only
 * for products whose demand changed (a nightly snapshot that repeats itself costs no
 * allocation), and, at the first snapshot of a day, for products whose licences came
 * into force or ran out since; machines that gain or lose a seat because of it get a
 * new verdict too.
 */
export function judgeAtIngest(tx: EngineTx, agentId: string, unitId: number, snapshot: JudgedSnapshot, o: IngestJudgeOptions): Verdict {
  const ancestry = ancestryOf(tx.unitParents());
  const policy = { trustedKmsHosts: [...o.policy.trustedKmsHosts, ...tx.licensedKmsHosts()] };
  const env = { now: o.now, policy, catalog: o.catalog, lists: o.lists, unitAncestry: ancestry(unitId), installed: tx.installedSince(agentId) };
  const was = tx.machines([agentId])[0]?.assessment;
  const previous = was ? tx.basis(was.basisId).installs : [];
  const a = o.assess(snapshot, env);
  const stored = tx.saveAssessment(agentId, a);
  const before = tx.machines([agentId])[0]!;
  const missing = a.installs.filter((i) => !i.implicit && !before.outcomes.has(i.productId)).map((i) => i.productId);
  let licences = tx.seatLicences();
  const { today, products: dated } = datedProducts(tx, licences, o.now);
  const products = [...new Set([...changedProducts(previous, a.installs), ...missing, ...dated])];
  let others = new Set<string>();
  if (products.length > 0) {
    const r = reallocate(tx, products, o.now);
    licences = r.licences;
    others = r.affected;
    others.delete(agentId);
  }
  const rulesVersion = rulesVersionOf(o.catalog.version, tx.registryRevision());
  const m = tx.machines([agentId])[0]!;
  const judged = judgeInstalls(a.installs, stored.basis.outline, parseOutcomes(m.outcomes), new Map(licences.map((l) => [l.id, l])), m.unit);
  const row = { status: judged.status, entitlementSetId: tx.findingSetId(judged.entitlement) };
  tx.insertVerdict(agentId, verdictRow(stored, row, { now: o.now, rulesVersion, trigger: 'snapshot', detail: null }));
  if (others.size > 0) {
    const dates = dated.length > 0 ? `; licences of ${dated.join(', ')} came into force or ran out by ${today}` : '';
    const detail = `seats of ${products.join(', ')} allocated again after snapshot ${snapshot.snapshotId} of machine ${agentId}${dates}`;
    judgeStored(tx, others, licences, { now: o.now, rulesVersion, trigger: 'seat', detail });
  }
  return verdictOf(a, judged, { now: o.now, rulesVersion });
}
