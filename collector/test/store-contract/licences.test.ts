import { describe, expect, it } from 'vitest';
import type { NewEventRow } from '../../src/store/licence-event-repo.js';
import { AT, LATER, seededStore, windowsColumns } from './registry-seed.js';
import { eachStore } from './stores.js';

/** Licences as every store keeps them: columns in, records out, filters, order and paging. */

const event = (licenceId: number, changes: Partial<NewEventRow> = {}): NewEventRow => ({
  licence_id: licenceId,
  kind: 'purchase',
  disposal: null,
  date: '2026-03-01',
  seats: null,
  to_unit_id: null,
  valid_until: null,
  version_to: null,
  created_licence_id: null,
  notes: null,
  actor: 'test',
  created_at: AT,
  ...changes,
});

eachStore((open) => {
  const t = seededStore(open);

  const insert = (unitId: number, changes: Parameters<typeof windowsColumns>[1] = {}) =>
    t.store.transaction((tx) => tx.licences.insert(windowsColumns(unitId, changes), AT));

  describe('licences', () => {
    it('reads back what was inserted: every column, the unit name, price in yuan, and nothing held or disposed of', async () => {
      const id = await insert(t.units.finance);
      const { priceFen: _fen, ...columns } = windowsColumns(t.units.finance);
      expect(await t.store.read.licences.get(id)).toEqual({
        id,
        ...columns,
        price: 19999.99,
        unit: '财政局',
        effectiveSeats: 50,
        allocated: 0,
        document: null,
        createdAt: AT,
        updatedAt: AT,
      });
    });

    it('keeps nulls as nulls, KMS hosts in order, and unlimited seats as null', async () => {
      const id = await insert(t.units.city, {
        edition: null,
        versionFrom: null,
        versionTo: null,
        downgrade: false,
        model: 'kms',
        kmsHosts: ['kms2.gov.local', 'kms1.gov.local'],
        seats: null,
        validFrom: null,
        validUntil: null,
        vendor: null,
        purchaseOrder: null,
        priceFen: null,
        notes: null,
      });
      expect(await t.store.read.licences.get(id)).toMatchObject({
        edition: null,
        versionFrom: null,
        downgrade: false,
        model: 'kms',
        kmsHosts: ['kms2.gov.local', 'kms1.gov.local'],
        seats: null,
        effectiveSeats: null,
        price: null,
        notes: null,
      });
    });

    it('answers undefined for a licence that does not exist, in a transaction and out of one', async () => {
      expect(await t.store.read.licences.get(999)).toBeUndefined();
      expect(await t.store.transaction((tx) => tx.licences.get(999))).toBeUndefined();
    });

    it('updates every column and updated_at, and keeps created_at', async () => {
      const id = await insert(t.units.finance);
      await t.store.transaction((tx) =>
        tx.licences.update(id, windowsColumns(t.units.education, { edition: 'enterprise', seats: 80, priceFen: 1, notes: '改' }), LATER),
      );
      expect(await t.store.read.licences.get(id)).toMatchObject({
        edition: 'enterprise',
        seats: 80,
        unitId: t.units.education,
        unit: '教育局',
        price: 0.01,
        notes: '改',
        createdAt: AT,
        updatedAt: LATER,
      });
    });

    it('deletes a licence with its events and document; a licence another one was reallocated from is unlinked, not deleted', async () => {
      const [from, to] = [await insert(t.units.finance), await insert(t.units.education)];
      await t.store.transaction(async (tx) => {
        await tx.licenceEvents.insert(event(from, { kind: 'disposal', disposal: 'reallocation', seats: 5, to_unit_id: t.units.education, created_licence_id: to }));
        await tx.licenceDocuments.put(from, { fileName: 'a.pdf', mediaType: 'application/pdf', sha256: 'a'.repeat(64), size: 1, content: Buffer.from([1]), storedAt: AT, storedBy: 'test' });
      });
      await t.store.transaction((tx) => tx.licences.delete(to));
      expect((await t.store.read.licenceEvents.list(from))[0]!.createdLicenceId).toBeNull();
      await t.store.transaction((tx) => tx.licences.delete(from));
      expect(await t.store.read.licences.get(from)).toBeUndefined();
      expect(await t.store.read.licenceEvents.list(from)).toEqual([]);
      expect(await t.store.read.licenceDocuments.get(from)).toBeUndefined();
      expect((await t.store.read.licences.list({ limit: 10, offset: 0 })).total).toBe(0);
    });

    it('lists in id order, a page at a time, with the total of all that match', async () => {
      const ids = [];
      for (let i = 0; i < 5; i++) ids.push(await insert(t.units.finance, { seats: i + 1 }));
      const page = await t.store.read.licences.list({ limit: 2, offset: 1 });
      expect(page.total).toBe(5);
      expect(page.licences.map((l) => l.id)).toEqual(ids.slice(1, 3));
      expect((await t.store.read.licences.list({ limit: 10, offset: 5 })).licences).toEqual([]);
    });

    it('filters by product and by units, together; an empty unit list matches nothing', async () => {
      const winFinance = await insert(t.units.finance);
      const winBudget = await insert(t.units.budget);
      const officeFinance = await insert(t.units.finance, { productId: 'ms-office', edition: null });
      await insert(t.units.education);
      const ids = async (f: { productId?: string; unitIds?: number[] }) => {
        const page = await t.store.read.licences.list({ ...f, limit: 100, offset: 0 });
        return { ids: page.licences.map((l) => l.id), total: page.total };
      };
      expect(await ids({ unitIds: [t.units.finance, t.units.budget] })).toEqual({ ids: [winFinance, winBudget, officeFinance], total: 3 });
      expect(await ids({ productId: 'windows', unitIds: [t.units.finance] })).toEqual({ ids: [winFinance], total: 1 });
      expect(await ids({ productId: 'ms-office' })).toEqual({ ids: [officeFinance], total: 1 });
      expect(await ids({ productId: 'no-such-product' })).toEqual({ ids: [], total: 0 });
      expect(await ids({ unitIds: [] })).toEqual({ ids: [], total: 0 });
    });

    it('counts disposals: seats left after counted ones, none after one that took what remained', async () => {
      const counted = await insert(t.units.finance, { seats: 50 });
      const whole = await insert(t.units.finance, { seats: 50 });
      const unlimited = await insert(t.units.finance, { model: 'site', seats: null });
      const unlimitedGone = await insert(t.units.finance, { model: 'site', seats: null });
      await t.store.transaction(async (tx) => {
        await tx.licenceEvents.insert(event(counted, { kind: 'disposal', disposal: 'scrap', seats: 5 }));
        await tx.licenceEvents.insert(event(counted, { kind: 'disposal', disposal: 'transfer', seats: 10 }));
        await tx.licenceEvents.insert(event(counted, { kind: 'install', seats: 20 }));
        await tx.licenceEvents.insert(event(whole, { kind: 'disposal', disposal: 'donation' }));
        await tx.licenceEvents.insert(event(unlimitedGone, { kind: 'disposal', disposal: 'scrap' }));
      });
      const seats = async (id: number) => (await t.store.read.licences.get(id))!.effectiveSeats;
      expect(await seats(counted)).toBe(35);
      expect(await seats(whole)).toBe(0);
      expect(await seats(unlimited)).toBeNull();
      expect(await seats(unlimitedGone)).toBe(0);
      const listed = (await t.store.read.licences.list({ limit: 10, offset: 0 })).licences;
      expect(listed.map((l) => l.effectiveSeats)).toEqual([35, 0, null, 0]);
    });

    it('gives the engine every licence in id order, without the count of seats held', async () => {
      const [a, b] = [await insert(t.units.finance), await insert(t.units.education, { model: 'kms', kmsHosts: ['kms.gov.local'], seats: null })];
      const all = await t.store.read.licences.all();
      expect(all.map((l) => [l.id, l.unit, l.kmsHosts])).toEqual([
        [a, '财政局', []],
        [b, '教育局', ['kms.gov.local']],
      ]);
      expect(all[0]).not.toHaveProperty('allocated');
    });

    it('writes nothing of a transaction that throws', async () => {
      const failed = t.store.transaction(async (tx) => {
        await tx.licences.insert(windowsColumns(t.units.finance), AT);
        throw new Error('refused after the insert');
      });
      await expect(failed).rejects.toThrow('refused after the insert');
      expect((await t.store.read.licences.list({ limit: 10, offset: 0 })).total).toBe(0);
    });

    it('sees its own writes inside the transaction', async () => {
      const seen = await t.store.transaction(async (tx) => {
        const id = await tx.licences.insert(windowsColumns(t.units.finance), AT);
        await tx.licences.update(id, windowsColumns(t.units.finance, { seats: 7 }), LATER);
        return (await tx.licences.get(id))!.seats;
      });
      expect(seen).toBe(7);
    });
  });

  describe('licence events', () => {
    it('answers the stored event whole, and lists a licence’s events by date, then by the order written', async () => {
      const id = await insert(t.units.finance);
      const other = await insert(t.units.education);
      const stored = await t.store.transaction(async (tx) => {
        const renewal = await tx.licenceEvents.insert(event(id, { kind: 'renewal', date: '2026-06-01', valid_until: '2028-12-31', notes: '续订' }));
        const purchase = await tx.licenceEvents.insert(event(id, { date: '2026-01-01', seats: 50 }));
        const upgrade = await tx.licenceEvents.insert(event(id, { kind: 'upgrade', date: '2026-06-01', version_to: '11' }));
        await tx.licenceEvents.insert(event(other));
        return { renewal, purchase, upgrade };
      });
      expect(stored.renewal).toEqual({
        id: stored.renewal.id,
        licenceId: id,
        kind: 'renewal',
        disposal: null,
        date: '2026-06-01',
        seats: null,
        toUnitId: null,
        validUntil: '2028-12-31',
        versionTo: null,
        createdLicenceId: null,
        notes: '续订',
        actor: 'test',
        createdAt: AT,
      });
      const events = await t.store.read.licenceEvents.list(id);
      expect(events.map((e) => e.id)).toEqual([stored.purchase.id, stored.renewal.id, stored.upgrade.id]);
      expect(events[1]).toEqual(stored.renewal);
    });

    it('keeps a reallocation’s receiving unit and the licence it created', async () => {
      const [from, to] = [await insert(t.units.finance), await insert(t.units.education, { seats: 5 })];
      const e = await t.store.transaction((tx) =>
        tx.licenceEvents.insert(event(from, { kind: 'disposal', disposal: 'reallocation', seats: 5, to_unit_id: t.units.education, created_licence_id: to })),
      );
      expect(e).toMatchObject({ kind: 'disposal', disposal: 'reallocation', seats: 5, toUnitId: t.units.education, createdLicenceId: to });
    });

    it('answers no events for a licence without any, or one that does not exist', async () => {
      expect(await t.store.read.licenceEvents.list(await insert(t.units.finance))).toEqual([]);
      expect(await t.store.read.licenceEvents.list(999)).toEqual([]);
    });
  });

  describe('licence documents', () => {
    // Every byte value, and a NUL first: a store that keeps text would lose some.
    const bytes = Buffer.from([0, ...Array.from({ length: 256 }, (_, i) => i), 0xff, 0]);
    const doc = (content: Buffer, fileName = '授权书.pdf') => ({
      fileName,
      mediaType: 'application/pdf',
      sha256: 'b'.repeat(64),
      size: content.length,
      content,
      storedAt: AT,
      storedBy: 'token:1',
    });

    it('gives back the bytes exactly, with what was stored about them; the licence shows the info', async () => {
      const id = await insert(t.units.finance);
      await t.store.transaction((tx) => tx.licenceDocuments.put(id, doc(bytes)));
      const got = (await t.store.read.licenceDocuments.get(id))!;
      expect(Buffer.isBuffer(got.content)).toBe(true);
      expect(got.content.equals(bytes)).toBe(true);
      expect({ ...got, content: null }).toEqual({ ...doc(bytes), content: null });
      expect((await t.store.read.licences.get(id))!.document).toEqual({
        fileName: '授权书.pdf',
        mediaType: 'application/pdf',
        sha256: 'b'.repeat(64),
        size: bytes.length,
        storedAt: AT,
        storedBy: 'token:1',
      });
    });

    it('replaces the document when one is stored again', async () => {
      const id = await insert(t.units.finance);
      await t.store.transaction((tx) => tx.licenceDocuments.put(id, doc(bytes)));
      const second = Buffer.from('second scan');
      await t.store.transaction((tx) => tx.licenceDocuments.put(id, { ...doc(second, 'scan.png'), mediaType: 'image/png', storedAt: LATER }));
      const got = (await t.store.read.licenceDocuments.get(id))!;
      expect(got).toMatchObject({ fileName: 'scan.png', mediaType: 'image/png', size: second.length, storedAt: LATER });
      expect(got.content.equals(second)).toBe(true);
    });

    it('answers undefined for a licence without a document', async () => {
      expect(await t.store.read.licenceDocuments.get(await insert(t.units.finance))).toBeUndefined();
      expect(await t.store.read.licenceDocuments.get(999)).toBeUndefined();
    });
  });
});
