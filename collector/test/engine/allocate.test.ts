import { describe, expect, it } from 'vitest';
import { allocate, chinaToday, demandKey, validityChanged, type AllocationInput, type Demand, type Outcome, type SeatLicence } from '../../src/classify/allocate.js';
import { ancestryOf } from '../../src/engine/ancestry.js';

/**
 * Seat allocation, pure. Units: 1 province ← 2 city ← 3 bureau; 4 is 3's sibling under 2;
 * 5 is a second city under 1.
 */
const ancestry = ancestryOf(
  new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [4, 2],
    [5, 1],
  ]),
);
const TODAY = '2026-11-20';

function licence(id: number, over: Partial<SeatLicence> = {}): SeatLicence {
  return {
    id,
    productId: 'windows',
    edition: null,
    versionFrom: null,
    versionTo: null,
    downgrade: false,
    model: 'oem',
    kmsHosts: [],
    seats: 1,
    unitId: 1,
    unit: `unit ${over.unitId ?? 1}`,
    validFrom: null,
    validUntil: null,
    ...over,
  };
}

function demand(agentId: string, firstSeen: string, over: Partial<Demand> = {}): Demand {
  return { agentId, productId: 'windows', edition: 'pro', release: '10', kmsHost: null, unitId: 3, firstSeen, ...over };
}

function run(demands: Demand[], licences: SeatLicence[], held: [string, number][] = [], today = TODAY) {
  const input: AllocationInput = {
    demands,
    licences,
    held: new Map(held.map(([agent, id]) => [demandKey(agent, 'windows'), id])),
    ancestry,
    today,
  };
  const r = allocate(input);
  const of = (agent: string, product = 'windows'): Outcome | undefined => r.outcomes.get(demandKey(agent, product));
  return { ...r, of };
}

describe('allocate: who gets a seat', () => {
  it('lets a holder keep its seat even when a machine seen earlier is waiting', () => {
    const r = run([demand('early', '2026-01-01'), demand('holder', '2026-06-01')], [licence(1)], [['holder', 1]]);
    expect(r.of('holder')).toEqual({ kind: 'covered', licenceId: 1 });
    expect(r.of('early')).toEqual({ kind: 'over-allocated', licenceId: 1, seats: 1, position: 1 });
    expect([...r.seats]).toEqual([[demandKey('holder', 'windows'), 1]]);
  });

  it('queues new demands by first seen, then by agent id, and numbers the queue', () => {
    const demands = [demand('w', '2026-03-01'), demand('b', '2026-02-01'), demand('z', '2026-01-01'), demand('a', '2026-02-01')];
    const r = run(demands, [licence(1, { seats: 2 })]);
    expect(r.of('z')).toEqual({ kind: 'covered', licenceId: 1 });
    expect(r.of('a')).toEqual({ kind: 'covered', licenceId: 1 });
    expect(r.of('b')).toEqual({ kind: 'over-allocated', licenceId: 1, seats: 2, position: 1 });
    expect(r.of('w')).toEqual({ kind: 'over-allocated', licenceId: 1, seats: 2, position: 2 });
  });

  it('takes the licence scoped closest to the unit first, and falls back up the tree when it is full', () => {
    const licences = [licence(1, { unitId: 1, seats: 5 }), licence(2, { unitId: 3, seats: 1 }), licence(3, { unitId: 2, seats: 1 })];
    const r = run([demand('a', '2026-01-01'), demand('b', '2026-01-02'), demand('c', '2026-01-03'), demand('sibling', '2026-01-01', { unitId: 4 })], licences);
    expect(r.of('a')).toEqual({ kind: 'covered', licenceId: 2 }); // its own unit
    expect(r.of('sibling')).toEqual({ kind: 'covered', licenceId: 3 }); // the city's, not the bureau's
    expect(r.of('b')).toEqual({ kind: 'covered', licenceId: 1 }); // the city's seat went to the sibling seen earlier
    expect(r.of('c')).toEqual({ kind: 'covered', licenceId: 1 });
  });

  it('never covers a machine outside the licence scope', () => {
    const r = run([demand('other-city', '2026-01-01', { unitId: 5 })], [licence(1, { unitId: 2, seats: 10 })]);
    expect(r.of('other-city')).toEqual({ kind: 'none' });
  });

  it('prefers an unlimited licence at the same scope and never runs it short', () => {
    const licences = [licence(1, { unitId: 3, seats: 1 }), licence(2, { unitId: 3, seats: null, model: 'site' })];
    const demands = Array.from({ length: 50 }, (_, i) => demand(`m${String(i).padStart(2, '0')}`, '2026-01-01'));
    const r = run(demands, licences);
    expect([...r.outcomes.values()].every((o) => o.kind === 'covered' && o.licenceId === 2)).toBe(true);
  });

  it('puts everyone in the queue of a licence with no seats left (0 effective seats)', () => {
    const r = run([demand('a', '2026-01-01')], [licence(1, { seats: 0 })], [['a', 1]]);
    expect(r.of('a')).toEqual({ kind: 'over-allocated', licenceId: 1, seats: 0, position: 1 });
    expect(r.seats.size).toBe(0);
  });

  it('after a disposal leaves fewer effective seats, the holders seen first keep theirs', () => {
    const demands = [demand('c', '2026-03-01'), demand('a', '2026-01-01'), demand('b', '2026-02-01')];
    const held: [string, number][] = [['a', 1], ['b', 1], ['c', 1]];
    const before = run(demands, [licence(1, { seats: 3 })], held);
    expect([...before.outcomes.values()].every((o) => o.kind === 'covered')).toBe(true);
    const after = run(demands, [licence(1, { seats: 2 })], held);
    expect(after.of('a')).toEqual({ kind: 'covered', licenceId: 1 });
    expect(after.of('b')).toEqual({ kind: 'covered', licenceId: 1 });
    expect(after.of('c')).toEqual({ kind: 'over-allocated', licenceId: 1, seats: 2, position: 1 });
  });

  it('moves a holder whose licence no longer covers it to another licence that does', () => {
    const licences = [licence(1, { edition: 'enterprise', seats: 5 }), licence(2, { edition: 'pro', seats: 5 })];
    const r = run([demand('a', '2026-01-01')], licences, [['a', 1]]);
    expect(r.of('a')).toEqual({ kind: 'covered', licenceId: 2 });
  });
});

describe('allocate: what a licence covers', () => {
  it('matches the edition, or any edition when the licence names none', () => {
    const pro = licence(1, { edition: 'pro', seats: 5 });
    expect(run([demand('a', 'x', { edition: 'pro' })], [pro]).of('a')).toEqual({ kind: 'covered', licenceId: 1 });
    expect(run([demand('a', 'x', { edition: 'enterprise' })], [pro]).of('a')).toEqual({ kind: 'none', near: { licenceId: 1, mismatch: 'edition' } });
    expect(run([demand('a', 'x', { edition: null })], [pro]).of('a')).toEqual({ kind: 'none', near: { licenceId: 1, mismatch: 'edition' } });
    expect(run([demand('a', 'x', { edition: 'home' })], [licence(2, { seats: 5 })]).of('a')).toEqual({ kind: 'covered', licenceId: 2 });
  });

  it('covers releases inside the version range, older ones only with downgrade rights, never newer ones', () => {
    const range = { productId: 'ms-office', versionFrom: '2016', versionTo: '2019', seats: 5 };
    const office = (release: string | null) => demand('a', 'x', { productId: 'ms-office', edition: null, release });
    const outcome = (release: string | null, downgrade: boolean) =>
      allocate({ demands: [office(release)], licences: [licence(1, { ...range, downgrade })], held: new Map(), ancestry, today: TODAY }).outcomes.get(
        demandKey('a', 'ms-office'),
      );
    const covered = { kind: 'covered', licenceId: 1 };
    const version = { kind: 'none', near: { licenceId: 1, mismatch: 'version' } };
    expect(outcome('2016', false)).toEqual(covered);
    expect(outcome('2019', false)).toEqual(covered);
    expect(outcome('2013', false)).toEqual(version);
    expect(outcome('2013', true)).toEqual(covered);
    expect(outcome('2021', true)).toEqual(version);
    expect(outcome(null, true)).toEqual(version); // an unreadable release under a range
  });

  it('counts a KMS licence only for installs activated through one of its hosts', () => {
    const kms = licence(1, { model: 'kms', kmsHosts: ['kms.czj.gov.cn'], seats: null });
    expect(run([demand('a', 'x', { kmsHost: 'KMS.CZJ.gov.cn.:1688' })], [kms]).of('a')).toEqual({ kind: 'covered', licenceId: 1 });
    expect(run([demand('a', 'x', { kmsHost: 'kms.other.cn' })], [kms]).of('a')).toEqual({ kind: 'none', near: { licenceId: 1, mismatch: 'kms-host' } });
    expect(run([demand('a', 'x')], [kms]).of('a')).toEqual({ kind: 'none', near: { licenceId: 1, mismatch: 'kms-host' } });
    // Other models do not care how the machine activated.
    expect(run([demand('a', 'x', { kmsHost: 'kms.other.cn' })], [licence(2, { model: 'mak' })]).of('a')).toEqual({ kind: 'covered', licenceId: 2 });
  });

  it('is valid from its first day through its last, and tells expired from not yet valid', () => {
    const one = (over: Partial<SeatLicence>) => run([demand('a', 'x')], [licence(1, over)]).of('a');
    expect(one({ validUntil: TODAY })).toEqual({ kind: 'covered', licenceId: 1 });
    expect(one({ validFrom: TODAY })).toEqual({ kind: 'covered', licenceId: 1 });
    expect(one({ validUntil: '2026-11-19' })).toEqual({ kind: 'expired', licenceId: 1, validUntil: '2026-11-19' });
    expect(one({ validFrom: '2026-11-21' })).toEqual({ kind: 'none', near: { licenceId: 1, mismatch: 'not-yet-valid' } });
  });

  it('names the products whose licences came into force or ran out between two days', () => {
    const licences = [
      licence(1, { productId: 'windows', validUntil: '2026-11-30' }),
      licence(2, { productId: 'ms-office', validFrom: '2026-12-01' }),
      licence(3, { productId: 'autocad', validFrom: '2026-01-01', validUntil: '2027-12-31' }),
      licence(4, { productId: 'winrar' }),
    ];
    expect(validityChanged(licences, '2026-11-29', '2026-11-30')).toEqual([]); // still valid on its last day
    expect(validityChanged(licences, '2026-11-30', '2026-12-01')).toEqual(['windows', 'ms-office']);
    expect(validityChanged(licences, '2026-12-01', '2026-12-05')).toEqual([]);
    expect(validityChanged(licences, '', '2026-11-20')).toEqual(['autocad']); // never allocated: every date passed
    expect(validityChanged(licences, '2027-12-31', '2028-01-01')).toEqual(['autocad']);
  });

  it('judges dates on the China calendar day', () => {
    expect(chinaToday(new Date('2026-11-19T15:59:59Z'))).toBe('2026-11-19');
    expect(chinaToday(new Date('2026-11-19T16:00:00Z'))).toBe('2026-11-20');
  });

  it('tells the latest expired licence first, then the nearest miss: not yet valid, KMS host, version, edition', () => {
    const misses = [
      licence(1, { edition: 'enterprise' }),
      licence(2, { versionFrom: '11', versionTo: '11' }),
      licence(3, { model: 'kms', kmsHosts: ['kms.a'] }),
      licence(4, { validFrom: '2027-01-01' }),
    ];
    const expired = [licence(5, { validUntil: '2025-12-31' }), licence(6, { validUntil: '2026-06-30' })];
    const outOfScope = licence(7, { unitId: 5, validUntil: '2026-11-01' });
    expect(run([demand('a', 'x')], [...misses, ...expired, outOfScope]).of('a')).toEqual({ kind: 'expired', licenceId: 6, validUntil: '2026-06-30' });
    expect(run([demand('a', 'x')], misses).of('a')).toEqual({ kind: 'none', near: { licenceId: 4, mismatch: 'not-yet-valid' } });
    expect(run([demand('a', 'x')], misses.slice(0, 3)).of('a')).toEqual({ kind: 'none', near: { licenceId: 3, mismatch: 'kms-host' } });
    expect(run([demand('a', 'x')], misses.slice(0, 2)).of('a')).toEqual({ kind: 'none', near: { licenceId: 2, mismatch: 'version' } });
    expect(run([demand('a', 'x')], [outOfScope]).of('a')).toEqual({ kind: 'none' });
  });

  it('over-allocates only against a licence that would cover the machine, and only per product', () => {
    const office = licence(2, { productId: 'ms-office', seats: 1 });
    const r = allocate({
      demands: [demand('a', '1'), demand('b', '2'), demand('a', '1', { productId: 'ms-office' }), demand('b', '2', { productId: 'ms-office' })],
      licences: [licence(1, { seats: 2 }), office],
      held: new Map(),
      ancestry,
      today: TODAY,
    });
    expect(r.outcomes.get(demandKey('b', 'windows'))).toEqual({ kind: 'covered', licenceId: 1 });
    expect(r.outcomes.get(demandKey('b', 'ms-office'))).toEqual({ kind: 'over-allocated', licenceId: 2, seats: 1, position: 1 });
  });
});

describe('allocate: determinism', () => {
  /** A small fleet with ties in first seen, holders, several scopes, misses and expiries. */
  function fleet(): { demands: Demand[]; licences: SeatLicence[]; held: [string, number][] } {
    const units = [3, 4, 5, 2];
    const editions = ['pro', 'enterprise', 'home'];
    const demands = Array.from({ length: 40 }, (_, i) =>
      demand(`m${(i * 7) % 40}`, `2026-0${1 + (i % 3)}-01`, { unitId: units[i % 4]!, edition: editions[i % 3]!, release: i % 5 === 0 ? '7' : '10' }),
    );
    const licences = [
      licence(1, { unitId: 2, seats: 5, edition: 'pro' }),
      licence(2, { unitId: 3, seats: 3 }),
      licence(3, { unitId: 1, seats: 4, versionFrom: '10', versionTo: '11' }),
      licence(4, { unitId: 5, seats: 2, validUntil: '2026-01-01' }),
      licence(5, { unitId: 5, seats: 2, validUntil: '2026-01-01' }),
      licence(6, { unitId: 4, seats: 2, edition: 'enterprise', validFrom: '2027-01-01' }),
      licence(7, { unitId: 4, seats: 2, edition: 'home', versionFrom: '11' }),
    ];
    return { demands, licences, held: [['m7', 2], ['m14', 1], ['m21', 3]] };
  }

  function shuffled<T>(items: readonly T[], seed: number): T[] {
    const out = [...items];
    let s = seed;
    for (let i = out.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  const sorted = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));

  it('gives the same outcomes and seats whatever the order of demands, licences and holders', () => {
    const f = fleet();
    const base = run(f.demands, f.licences, f.held);
    expect(new Set([...base.outcomes.values()].map((o) => o.kind))).toEqual(new Set(['covered', 'over-allocated', 'none', 'expired']));
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const again = run(shuffled(f.demands, seed), shuffled(f.licences, seed + 100), shuffled(f.held, seed + 200));
      expect(sorted(again.outcomes)).toEqual(sorted(base.outcomes));
      expect(sorted(again.seats)).toEqual(sorted(base.seats));
    }
  });
});
