import type { CompiledCatalog } from '../catalog/types.js';
import { assessMachine } from '../classify/assess.js';
import type { Assessment } from '../classify/assessment.js';
import type { ClassifyPolicy } from '../classify/context.js';
import { RULES_VERSION, rulesVersionOf } from '../classify/index.js';
import { normaliseHost } from '../classify/kms.js';
import { compileLists } from '../classify/lists.js';
import { ancestryOf } from '../engine/ancestry.js';
import { changedProducts } from '../engine/ingest-decide.js';
import { judgeStored } from '../engine/judge-stored.js';
import { datedProducts, reallocate } from '../engine/reallocate.js';
import type { MachineAssessment } from '../store/engine-types.js';
import type { Store } from '../store/store.js';
import type { RegistryDeps } from './registry-deps.js';
import type { Rejudge, RejudgeSummary } from './rejudge-types.js';

export interface RejudgeDeps {
  store: Store;
  catalog: () => Promise<CompiledCatalog>;
  policy: ClassifyPolicy;
  now: () => Date;
}

/**
 * The verdict engine after a registry, catalog, list or unit change: assess again the
 * machines the change concerns, allocate seats again, and store a new verdict for every
 * machine whose verdict changed. One transaction; it also clears the re-judge mark
 * the write left, so a crash between the two is repaired by the next run.
 */
export function createRejudge(deps: RejudgeDeps): Rejudge {
  return async (req) => {
    const started = performance.now();
    const catalog = await deps.catalog();
    const lists = compileLists(await deps.store.read.lists.list());
    const now = deps.now();
    const summary = await deps.store.transaction(async ({ engine: tx }) => {
      await tx.lockSeats();
      const reassessed = new Set<string>();
      // A KMS licence makes its hosts trusted: when the set of hosts changed, machines activated
      // through a KMS host are assessed again. A unit moved in the tree changes which scoped
      // list entries apply: all are.
      const kmsHosts = JSON.stringify([...new Set((await tx.licensedKmsHosts()).map(normaliseHost))].sort());
      const kmsChanged = kmsHosts !== (await tx.kmsHostsJudged());
      await tx.setKmsHostsJudged(kmsHosts);
      const reassess = req.reassess ?? (req.trigger === 'licence' && kmsChanged ? await tx.agentsWithKmsHost() : req.trigger === 'unit' ? 'all' : undefined);
      // A catalog or list change moves findings, and seats only where it moves installs:
      // those products are allocated again, not the fleet's every product. Other
      // re-judges that assess everything (owed at start, asked for) allocate everything.
      const onlyMoved = req.trigger === 'catalog' || req.trigger === 'list';
      const moved = new Set<string>();
      if (reassess) {
        const before = onlyMoved ? await tx.basisIds() : new Map<string, number>();
        // Saved in batches: on PostgreSQL a statement each is a round trip each. 250, not
        // more: a batch's assessments outlive many round trips and so reach the old
        // generation; at 10,000 machines a batch of 1,000 peaked 45 MiB higher, no faster.
        let pending: MachineAssessment[] = [];
        const flush = async () => {
          const stored = await tx.saveAssessments(pending);
          for (const [k, { agentId, assessment: a }] of pending.entries()) {
            const was = before.get(agentId);
            if (onlyMoved && was !== stored[k]!.basisId) for (const p of changedProducts(was === undefined ? [] : (await tx.basis(was)).installs, a.installs)) moved.add(p);
            reassessed.add(agentId);
          }
          pending = [];
        };
        const save = async (agentId: string, assessment: Assessment) => {
          pending.push({ agentId, assessment });
          if (pending.length === 250) await flush();
        };
        const ancestry = ancestryOf(await tx.unitParents());
        const policy = { trustedKmsHosts: [...deps.policy.trustedKmsHosts, ...(await tx.licensedKmsHosts())] };
        // Each distinct state (in its unit) is assessed once: machines in the same state
        // share the assessment, each naming its own snapshot. Each machine once, as a batch takes it.
        const shared = await tx.sharedStates();
        const assessed = new Map<string, Assessment>();
        for (const agentId of new Set(reassess === 'all' ? await tx.allAgentIds() : reassess)) {
          const mine = shared.get(agentId);
          const same = mine && assessed.get(mine.key);
          if (same && mine) {
            await save(agentId, { ...same, snapshotId: mine.snapshotId, collectedAt: mine.collectedAt });
            continue;
          }
          const input = await tx.judgedInput(agentId);
          if (!input) continue;
          const env = { now, policy, catalog, lists, unitAncestry: ancestry(input.unitId), installed: await tx.installedSince(agentId) };
          const a = assessMachine(input.snapshot, env);
          if (mine) assessed.set(mine.key, a);
          await save(agentId, a);
        }
        await flush();
      }
      if (reassess === 'all') await tx.setAssessedWith(assessmentVersion(catalog.version));
      const products = req.reassess ? (onlyMoved ? [...moved] : undefined) : req.products;
      const { affected, licences } = await reallocate(tx, products, now);
      // A holder's finding quotes no seat count or date (licenceLabel), so only machines whose
      // outcome moved can have a new verdict.
      for (const id of reassessed) affected.add(id);
      const run = { now, rulesVersion: rulesVersionOf(catalog.version, await tx.registryRevision()), trigger: req.trigger, detail: req.detail };
      const { changed, statusChanged } = await judgeStored(tx, affected, licences, run);
      await tx.clearPending();
      return { machines: affected.size, changed, statusChanged };
    });
    // The time includes the commit: at a fleet's scale, writing the WAL is a fair part of it.
    return { ...summary, ms: Math.round(performance.now() - started) };
  };
}

/** What an assessment depends on besides the data: the rules and the catalog. */
export function assessmentVersion(catalogVersion: string): string {
  return `${RULES_VERSION}; catalog ${catalogVersion}`;
}

/**
 * The re-judge a collector owes when it starts: a write whose re-judge did not finish (a
 * crash between the two, or a migration that dropped what the engine keeps), or
 * assessments made by older rules or an older catalog (an upgraded collector). Returns
 * why it ran, with what it did, or undefined when nothing was owed.
 */
export async function rejudgeOwed(deps: RegistryDeps): Promise<{ owed: string; rejudged: RejudgeSummary } | undefined> {
  const current = assessmentVersion((await deps.catalog()).version);
  const owed = await deps.store.transaction(async ({ engine: tx }) => {
    // Under the seats' lock: a collector starting beside one that is re-judging reads the mark after it is cleared.
    await tx.lockSeats();
    const pending = await tx.pending();
    if (pending) return pending;
    const was = await tx.assessedWith();
    return (await tx.allAgentIds()).length > 0 && was !== current ? `assessed with ${was || 'rules before the registry'}, now ${current}` : '';
  });
  if (!owed) return undefined;
  const rejudged = await deps.rejudge({ trigger: 'manual', detail: `re-judge owed at start (${owed})`, reassess: 'all' });
  return { owed, rejudged };
}

/**
 * Seats again for products whose licences came into force or ran out since the last
 * allocation, at most once a China day; machines whose seat outcome moved get a new
 * verdict (trigger `licence`). Undefined when nothing was due today.
 */
export async function rejudgeDated(deps: RegistryDeps): Promise<RejudgeSummary | undefined> {
  const started = performance.now();
  const now = deps.now();
  const catalog = await deps.catalog();
  const summary = await deps.store.transaction(async ({ engine: tx }) => {
    // Under the seats' lock, so of collectors asking at once, the first marks the day and the others find it done.
    await tx.lockSeats();
    const { today, products } = await datedProducts(tx, await tx.seatLicences(), now);
    if (products.length === 0) return undefined;
    const { affected, licences } = await reallocate(tx, products, now);
    const detail = `licences of ${products.join(', ')} came into force or ran out by ${today}`;
    const run = { now, rulesVersion: rulesVersionOf(catalog.version, await tx.registryRevision()), trigger: 'licence' as const, detail };
    return { machines: affected.size, ...(await judgeStored(tx, affected, licences, run)) };
  });
  return summary && { ...summary, ms: Math.round(performance.now() - started) };
}
