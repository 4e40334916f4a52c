import { describe, expect, it } from 'vitest';
import { allocate, allocateLast, demandKey, type Demand, type SeatLicence } from '../../src/classify/allocate.js';
import { ancestryOf } from '../../src/engine/ancestry.js';

// A machine first seen after every other is allocated on its own (allocateLast). That is
// only right if it agrees with allocating everyone again: checked here on many random
// fleets and registries, seeded so a failure can be replayed.

const ancestry = ancestryOf(new Map<number, number | null>([[1, null], [2, 1], [3, 2], [4, 2], [5, 1]]));
const TODAY = '2026-11-20';

function random(seed: number) {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return { int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

function scenario(seed: number) {
  const r = random(seed);
  const licences: SeatLicence[] = Array.from({ length: 1 + r.int(4) }, (_, i) => ({
    id: i + 1,
    productId: r.pick(['windows', 'windows', 'ms-office']),
    edition: r.pick([null, 'pro', 'enterprise']),
    versionFrom: r.pick([null, '10']),
    versionTo: r.pick([null, '11']),
    downgrade: r.pick([true, false]),
    model: r.pick(['oem', 'kms', 'retail'] as const),
    kmsHosts: ['kms.example.cn'],
    seats: r.pick([null, 0, 1, 2, 3, 5]),
    unitId: r.pick([1, 2, 3, 4, 5]),
    unit: 'u',
    validFrom: r.pick([null, null, '2026-12-01']),
    validUntil: r.pick([null, null, '2026-10-31']),
  }));
  const demandOf = (k: number): Demand => ({
    agentId: `pc-${String(k).padStart(3, '0')}`,
    productId: r.pick(['windows', 'ms-office']),
    edition: r.pick(['pro', 'enterprise']),
    release: r.pick(['10', '11', '7']),
    kmsHost: r.pick([null, 'kms.example.cn', 'kms.elsewhere.net']),
    unitId: r.pick([2, 3, 4, 5]),
    firstSeen: `2026-11-${String(1 + r.int(9)).padStart(2, '0')}T00:00:00Z`,
  });
  const others = Array.from({ length: r.int(12) }, (_, k) => demandOf(k));
  const newcomer = { ...demandOf(999), firstSeen: '2026-11-15T00:00:00Z' };
  return { licences, others, newcomer };
}

describe('allocating a newcomer on its own', () => {
  it('agrees with allocating everyone again, and leaves everyone else as they were', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const { licences, others, newcomer } = scenario(seed);
      const input = { licences, ancestry, today: TODAY };
      const before = allocate({ ...input, demands: others, held: new Map() });
      const after = allocate({ ...input, demands: [...others, newcomer], held: before.seats });
      const used = new Map<number, number>();
      for (const [key, id] of before.seats) if (key.endsWith(`\u0000${newcomer.productId}`)) used.set(id, (used.get(id) ?? 0) + 1);
      const waiting = (licenceId: number) =>
        others.filter((d) => {
          const o = before.outcomes.get(demandKey(d.agentId, d.productId))!;
          return d.productId === newcomer.productId && o.kind === 'over-allocated' && o.licenceId === licenceId;
        }).length;
      const alone = allocateLast(newcomer, { ...input, used, waiting });
      const key = demandKey(newcomer.agentId, newcomer.productId);
      expect(alone.outcome, `seed ${seed}`).toEqual(after.outcomes.get(key));
      expect(alone.seat, `seed ${seed}`).toBe(after.seats.get(key));
      for (const d of others) {
        const k = demandKey(d.agentId, d.productId);
        expect(after.outcomes.get(k), `seed ${seed} ${k}`).toEqual(before.outcomes.get(k));
      }
    }
  });
});
