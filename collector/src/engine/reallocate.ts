import { allocate, allocateLast, chinaToday, demandKey, type SeatLicence, validityChanged } from '../classify/allocate.js';
import type { EngineTx, OutcomeChange } from '../store/engine-types.js';
import { ancestryOf } from './ancestry.js';

/**
 * Allocates seats again for the products given (all when absent), stores the seats and
 * every outcome that changed, and returns the machines whose outcome changed.
 */
export async function reallocate(
  tx: EngineTx,
  products: readonly string[] | undefined,
  now: Date,
): Promise<{ affected: Set<string>; licences: SeatLicence[] }> {
  const licences = await tx.seatLicences();
  const demands = await tx.demands(products);
  const held = await tx.held(products);
  const result = allocate({
    demands,
    licences: products ? licences.filter((l) => products.includes(l.productId)) : licences,
    held,
    ancestry: ancestryOf(await tx.unitParents()),
    today: chinaToday(now),
  });
  await tx.saveSeats(held, result.seats, now.toISOString());
  // Written a thousand at a time, not gathered for the whole fleet; by demand key, since
  // two installs of one product on a machine share its one outcome.
  const affected = new Set<string>();
  const written = new Set<string>();
  let batch: OutcomeChange[] = [];
  for (const d of demands) {
    const key = demandKey(d.agentId, d.productId);
    const outcome = result.outcomes.get(key)!;
    if (d.outcomeJson === JSON.stringify(outcome) || written.has(key)) continue;
    written.add(key);
    affected.add(d.agentId);
    batch.push({ agentId: d.agentId, productId: d.productId, outcome });
    if (batch.length === 1000) {
      await tx.saveOutcomes(batch);
      batch = [];
    }
  }
  await tx.saveOutcomes(batch);
  return { affected, licences };
}

/**
 * Products whose licences came into force or ran out since seats were last allocated,
 * asked at most once a China day: the day is marked done. Ingest asks at the first
 * snapshot of a day, and `serve` asks on its own so that a fleet that does not report
 * hears of it too.
 */
export async function datedProducts(tx: EngineTx, licences: readonly SeatLicence[], now: Date): Promise<{ today: string; products: string[] }> {
  const today = chinaToday(now);
  const since = await tx.allocatedOn();
  if (since === today) return { today, products: [] };
  await tx.setAllocatedOn(today);
  return { today, products: validityChanged(licences, since, today) };
}

/**
 * Seats of the products a machine that comes last in every queue (first seen after all
 * others) demands for the first time: allocated for it alone, since allocating the whole
 * fleet again would give everyone else what they have (see allocateLast).
 */
export async function allocateAlone(tx: EngineTx, agentId: string, products: readonly string[], licences: readonly SeatLicence[], now: Date): Promise<void> {
  const input = { licences, ancestry: ancestryOf(await tx.unitParents()), today: chinaToday(now) };
  for (const d of (await tx.demandsOf(agentId)).filter((x) => products.includes(x.productId))) {
    const used = await tx.seatsInUse(d.productId);
    let r = allocateLast(d, { ...input, used, waiting: () => 0 });
    // The queue is counted only for the licence it waits for, and only when it waits: asked again with the count.
    if (r.outcome.kind === 'over-allocated') {
      const queued = await tx.waiting(d.productId, r.outcome.licenceId);
      r = allocateLast(d, { ...input, used, waiting: () => queued });
    }
    if (r.seat !== undefined) await tx.saveSeats(new Map(), new Map([[demandKey(agentId, d.productId), r.seat]]), now.toISOString());
    await tx.saveOutcomes([{ agentId, productId: d.productId, outcome: r.outcome }]);
  }
}
