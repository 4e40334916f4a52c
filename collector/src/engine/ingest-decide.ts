import type { Verdict } from '@zhengban/shared';
import type { CompiledCatalog } from '../catalog/types.js';
import type { Assessment, Install } from '../classify/assessment.js';
import type { AssessEnv, ClassifyPolicy, InstalledBetween } from '../classify/context.js';
import { rulesVersionOf } from '../classify/index.js';
import { judgeInstalls, verdictOf } from '../classify/judge.js';
import type { JudgedSnapshot } from '../classify/judged-snapshot.js';
import type { CompiledLists } from '../classify/lists.js';
import type { EngineTx } from '../store/engine-types.js';
import { ancestryOf } from './ancestry.js';
import { judgeStored, parseOutcomes, verdictRow } from './judge-stored.js';
import { chinaToday } from '../classify/allocate.js';
import { allocateAlone, datedProducts, reallocate } from './reallocate.js';

export interface IngestJudgeOptions {
  now: Date;
  policy: ClassifyPolicy;
  catalog: CompiledCatalog;
  lists: CompiledLists;
  assess: (snapshot: JudgedSnapshot, env: AssessEnv) => Assessment;
}

/** What a seat is allocated against (edition, release, KMS host). */
const demandOf = (i: Install) => JSON.stringify([i.edition, i.release, i.kmsHost]);

/**
 * Products whose seat demand appeared, left or changed with this snapshot. An implicit
 * install (Windows with the OEM key in the firmware) demands no seat: one appearing on a
 * new machine leaves the fleet's seats as they are.
 */
export function changedProducts(before: readonly Install[], after: readonly Install[]): string[] {
  const demands = (installs: readonly Install[]) => new Map(installs.filter((i) => !i.implicit).map((i) => [i.productId, demandOf(i)]));
  const old = demands(before);
  const now = demands(after);
  const ids = new Set([...old.keys(), ...now.keys()]);
  return [...ids].filter((id) => old.get(id) !== now.get(id));
}

/**
 * Judges a machine inside its ingest transaction. Its seats are allocated again only
 * for products whose demand changed (a nightly snapshot that repeats itself costs no
 * allocation; a new machine's products are allocated for it alone), and, at the first snapshot of a day, for products whose licences came
 * into force or ran out since; machines that gain or lose a seat because of it get a
 * new verdict too.
 */
export async function judgeAtIngest(
  tx: EngineTx,
  agentId: string,
  machine: { unitId: number; installed: ReadonlyMap<string, InstalledBetween> },
  snapshot: JudgedSnapshot,
  o: IngestJudgeOptions,
): Promise<Verdict> {
  const { unitId } = machine;
  const ancestry = ancestryOf(await tx.unitParents());
  const policy = { trustedKmsHosts: [...o.policy.trustedKmsHosts, ...(await tx.licensedKmsHosts())] };
  const env = { now: o.now, policy, catalog: o.catalog, lists: o.lists, unitAncestry: ancestry(unitId), installed: machine.installed };
  const before = (await tx.machines([agentId]))[0];
  const previous = before?.assessment ? (await tx.basis(before.assessment.basisId)).installs : [];
  const a = o.assess(snapshot, env);
  const stored = await tx.saveAssessment(agentId, a);
  // Saving keeps the outcomes of products still installed, so those stored before tell which are new.
  const missing = a.installs.filter((i) => !i.implicit && !before?.outcomes.has(i.productId)).map((i) => i.productId);
  let licences = await tx.seatLicences();
  const { today, products: dated } = await datedProducts(tx, licences, o.now);
  // A machine first seen after all others comes last in every queue: what it demands for the
  // first time is allocated for it alone, not for the whole fleet again.
  const alone = (await tx.lastInQueue(agentId)) ? missing.filter((p) => !dated.includes(p) && !previous.some((i) => i.productId === p)) : [];
  if (alone.length > 0) await allocateAlone(tx, agentId, alone, licences, o.now);
  const products = [...new Set([...changedProducts(previous, a.installs), ...missing, ...dated])].filter((p) => !alone.includes(p));
  let others = new Set<string>();
  if (products.length > 0) {
    const r = await reallocate(tx, products, o.now);
    licences = r.licences;
    others = r.affected;
    others.delete(agentId);
  }
  const rulesVersion = rulesVersionOf(o.catalog.version, await tx.registryRevision());
  const m = (await tx.machines([agentId]))[0]!;
  const judged = judgeInstalls(a.installs, stored.basis.outline, parseOutcomes(m.outcomes), new Map(licences.map((l) => [l.id, l])), m.unit);
  const row = { status: judged.status, entitlementSetId: await tx.findingSetId(judged.entitlement) };
  await tx.insertVerdict(agentId, verdictRow(stored, row, { now: o.now, rulesVersion, trigger: 'snapshot', detail: null }));
  if (others.size > 0) {
    const dates = dated.length > 0 ? `; licences of ${dated.join(', ')} came into force or ran out by ${today}` : '';
    const detail = `seats of ${products.join(', ')} allocated again after snapshot ${snapshot.snapshotId} of machine ${agentId}${dates}`;
    await judgeStored(tx, others, licences, { now: o.now, rulesVersion, trigger: 'seat', detail });
  }
  return verdictOf(a, judged, { now: o.now, rulesVersion });
}

/**
 * The machine's verdict, when a snapshot that repeats the state it was judged from
 * cannot change it: decided under the rules and catalog of now, and the licence dates
 * already looked at today (the day's first snapshot takes the judging path, which does
 * that for the fleet). Seats other machines took or freed meanwhile are already in it:
 * their reallocation judged this machine again.
 */
export async function standingVerdict(tx: EngineTx, agentId: string, o: { now: Date; catalogVersion: string }): Promise<{ id: number; verdict: Verdict } | undefined> {
  if ((await tx.allocatedOn()) !== chinaToday(o.now)) return undefined;
  const current = await tx.currentVerdict(agentId);
  return current && current.verdict.rulesVersion === rulesVersionOf(o.catalogVersion, await tx.registryRevision()) ? current : undefined;
}
