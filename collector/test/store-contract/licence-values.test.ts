import { expect, it } from 'vitest';
import type { NewEventRow } from '../../src/store/licence-event-repo.js';
import type { StoreTx } from '../../src/store/tx-types.js';
import { overlapping } from './overlap.js';
import { AT, seededDb, seedMachine, windowsColumns } from './registry-seed.js';
import { eachStoreDb } from './stores.js';

/**
 * Licences where the two dialects could answer differently: counts and sums that
 * PostgreSQL types as int8 or numeric, product ids compared as written, an empty
 * document, the CHECKs a refused event relies on, and a write that reads the licence while
 * another write to it is under way.
 */

const event = (licenceId: number, changes: Partial<NewEventRow>): NewEventRow => ({
  licence_id: licenceId, kind: 'disposal', disposal: 'scrap', date: '2026-03-01', seats: null, to_unit_id: null, valid_until: null,
  version_to: null, created_licence_id: null, notes: null, actor: 'test', created_at: AT, ...changes,
});

eachStoreDb((open) => {
  const t = seededDb(open);
  const insert = (changes: Parameters<typeof windowsColumns>[1] = {}) => t.store.transaction((tx) => tx.licences.insert(windowsColumns(t.units.finance, changes), AT));

  it('answers seats held, seats disposed of, price and document size as numbers', async () => {
    const id = await insert({ seats: 9_000_000_000, priceFen: 90_000_000_000_000 });
    await t.store.transaction(async (tx) => {
      await seedMachine(tx, t.units.finance, 'pc-1');
      await seedMachine(tx, t.units.finance, 'pc-2');
      await tx.licenceEvents.insert(event(id, { seats: 4_000_000_000 }));
      await tx.licenceEvents.insert(event(id, { seats: 1 }));
      await tx.licenceDocuments.put(id, { fileName: 'a.pdf', mediaType: 'application/pdf', sha256: 'a'.repeat(64), size: 3, content: Buffer.from('pdf'), storedAt: AT, storedBy: 'cli' });
    });
    // The seat triggers count what the engine allocates.
    await t.db.exec(`INSERT INTO seat_allocations (agent_id, product_id, licence_id, since) VALUES ('pc-1', 'windows', ${id}, '${AT}'), ('pc-2', 'windows', ${id}, '${AT}')`);
    const l = (await t.store.read.licences.get(id))!;
    expect([l.seats, l.effectiveSeats, l.price, l.allocated, l.document?.size]).toEqual([9_000_000_000, 4_999_999_999, 900_000_000_000, 2, 3]);
    for (const n of [l.id, l.unitId, l.seats, l.effectiveSeats, l.price, l.allocated, l.document?.size]) expect(typeof n).toBe('number');
    const [listed] = (await t.store.read.licences.list({ limit: 1, offset: 0 })).licences;
    expect(listed).toEqual(l);
    const { allocated: _, ...forEngine } = l;
    expect(await t.store.read.licences.all()).toEqual([forEngine]);
  });

  it('compares product ids as written: case matters', async () => {
    await insert();
    expect((await t.store.read.licences.list({ productId: 'Windows', limit: 10, offset: 0 })).total).toBe(0);
    expect((await t.store.read.licences.list({ productId: 'windows', limit: 10, offset: 0 })).total).toBe(1);
  });

  it('gives back an empty document as an empty Buffer', async () => {
    const id = await insert();
    await t.store.transaction((tx) =>
      tx.licenceDocuments.put(id, { fileName: '空.txt', mediaType: 'text/plain', sha256: 'e'.repeat(64), size: 0, content: Buffer.alloc(0), storedAt: AT, storedBy: 'cli' }),
    );
    const got = (await t.store.read.licenceDocuments.get(id))!;
    expect(Buffer.isBuffer(got.content)).toBe(true);
    expect(got.content.length).toBe(0);
    expect(got.fileName).toBe('空.txt');
  });

  it('refuses an event the table forbids, writing nothing: a reallocation to no unit, a disposal of no kind, zero seats', async () => {
    const id = await insert();
    const refused = [
      event(id, { disposal: 'reallocation', seats: 5 }),
      event(id, { disposal: null }),
      event(id, { kind: 'purchase', disposal: 'scrap' }),
      event(id, { seats: 0 }),
      event(999, {}),
    ];
    for (const e of refused) await expect(t.store.transaction((tx) => tx.licenceEvents.insert(e))).rejects.toThrow();
    expect(await t.store.read.licenceEvents.list(id)).toEqual([]);
    expect((await t.store.read.licences.get(id))!.effectiveSeats).toBe(50);
  });

  it('reads a licence for update once another transaction disposing of it commits, so two disposals never take the same seats', async () => {
    const id = await insert();
    const dispose = async (tx: StoreTx) => {
      const left = (await tx.licences.getForUpdate(id))!.effectiveSeats!;
      await tx.licenceEvents.insert(event(id, { seats: 30 }));
      return left;
    };
    expect(await overlapping(t.store, dispose, dispose)).toEqual([50, 20]);
  });
});
