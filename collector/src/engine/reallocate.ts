import { allocate, chinaToday, demandKey, type SeatLicence, validityChanged } from '../classify/allocate.js';
import type { EngineTx } from '../store/engine-types.js';
import { ancestryOf } from './ancestry.js';

/**
 * Allocates seats again for the products given (all when absent), stores the seats and
 * every outcome that changed, and returns the machines whose outcome changed.
 */
export function reallocate(
  tx: EngineTx,
  products: readonly string[] | undefined,
  now: Date,
): { affected: Set<string>; licences: SeatLicence[] } {
  const licences = tx.seatLicences();
  const demands = tx.demands(products);
  const held = tx.held(products);
  const result = allocate({
    demands,
    licences: products ? licences.filter((l) => products.includes(l.productId)) : licences,
    held,
    ancestry: ancestryOf(tx.unitParents()),
    today: chinaToday(now),
  });
  tx.saveSeats(held, result.seats, now.toISOString());
  const affected = new Set<string>();
  for (const d of demands) {
    const outcome = result.outcomes.get(demandKey(d.agentId, d.productId))!;
    if (d.outcomeJson !== JSON.stringify(outcome)) {
      tx.saveOutcome(d.agentId, d.productId, outcome);
      affected.add(d.agentId);
    }
  }
  return { affected, licences };
}

/**
 * Products whose licences came into force or ran out since seats were last allocated,
 * asked at most once a China day: the day is marked done. Ingest asks at the first
 * snapshot of a day, and `serve` asks on its own so that a fleet that does not report
 * hears of it too.
 */
export function datedProducts(tx: EngineTx, licences: readonly SeatLicence[], now: Date): { today: string; products: string[] } {
  const today = chinaToday(now);
  const since = tx.allocatedOn();
  if (since === today) return { today, products: [] };
  tx.setAllocatedOn(today);
  return { today, products: validityChanged(licences, since, today) };
}
