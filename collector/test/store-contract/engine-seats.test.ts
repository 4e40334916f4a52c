import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/classify/allocate.js';
import { assessment, covered, install, reported } from './engine-seed.js';
import { AT, LATER, seededStore, windowsColumns } from './registry-seed.js';
import { eachStore } from './stores.js';

/** The verdict engine's seats: demands, seats held and counted, the queue, the licences and units they come from, the lock. */

const key = (agentId: string, productId: string) => `${agentId}\u0000${productId}`;

eachStore((open) => {
  const t = seededStore(open);

  /** pc-1 (Windows and Office), pc-2 and pc-3 (Windows), reported in that order; a licence of each product. */
  async function fleet() {
    return t.store.transaction(async (tx) => {
      const minute = (n: number) => `2026-11-20T08:0${n}:00.000Z`;
      await reported(tx, t.units.finance, 'pc-1', { at: minute(1) });
      await reported(tx, t.units.finance, 'pc-2', { at: minute(2) });
      await reported(tx, t.units.budget, 'pc-3', { at: minute(3) });
      await tx.engine.saveAssessment('pc-1', assessment('snap-pc-1', [install('windows'), install('ms-office', { category: 'office' })]));
      await tx.engine.saveAssessment('pc-2', assessment('snap-pc-2', [install('windows')]));
      await tx.engine.saveAssessment('pc-3', assessment('snap-pc-3', [install('windows')]));
      return {
        one: await tx.licences.insert(windowsColumns(t.units.finance, { seats: 1 }), AT),
        two: await tx.licences.insert(windowsColumns(t.units.city, { seats: 2 }), AT),
        office: await tx.licences.insert(windowsColumns(t.units.finance, { productId: 'ms-office', edition: null }), AT),
      };
    });
  }

  describe('seats', () => {
    it('are held, moved and freed as saved, and counted by licence as they are', async () => {
      const l = await fleet();
      await t.store.transaction(async ({ engine }) => {
        const seats = new Map([[key('pc-1', 'windows'), l.one], [key('pc-2', 'windows'), l.two], [key('pc-1', 'ms-office'), l.office]]);
        await engine.saveSeats(await engine.held(), seats, AT);
      });
      const read = t.store.read.engine;
      expect(await read.held()).toEqual(new Map([[key('pc-1', 'windows'), l.one], [key('pc-2', 'windows'), l.two], [key('pc-1', 'ms-office'), l.office]]));
      expect(await read.held(['windows'])).toEqual(new Map([[key('pc-1', 'windows'), l.one], [key('pc-2', 'windows'), l.two]]));
      expect(await read.held([])).toEqual(new Map());
      expect(await read.seatsInUse('windows')).toEqual(new Map([[l.one, 1], [l.two, 1]]));

      // pc-2 gives its seat up, pc-1 moves to the larger licence, pc-3 takes a seat of it.
      await t.store.transaction(async ({ engine }) => {
        const held = await engine.held(['windows']);
        await engine.saveSeats(held, new Map([[key('pc-1', 'windows'), l.two], [key('pc-3', 'windows'), l.two]]), LATER);
      });
      expect(await read.held(['windows'])).toEqual(new Map([[key('pc-1', 'windows'), l.two], [key('pc-3', 'windows'), l.two]]));
      // A licence whose seats are all given up is not in use.
      expect(await read.seatsInUse('windows')).toEqual(new Map([[l.two, 2]]));
      expect(await read.seatsInUse('ms-office')).toEqual(new Map([[l.office, 1]]));
      expect(await read.seatsInUse('visio')).toEqual(new Map());
      expect((await t.store.read.licences.get(l.two))!.allocated).toBe(2);
      expect((await t.store.read.licences.get(l.one))!.allocated).toBe(0);
      // Saving what is held writes nothing, and the counts stay.
      await t.store.transaction(async ({ engine }) => engine.saveSeats(await engine.held(), await engine.held(), LATER));
      expect(await read.seatsInUse('windows')).toEqual(new Map([[l.two, 2]]));
    });

    it('are demanded from the stored installs, with their outcomes, of the products asked for', async () => {
      const l = await fleet();
      const waiting: Outcome = { kind: 'over-allocated', licenceId: l.one, seats: 1, position: 1 };
      await t.store.transaction(({ engine }) =>
        engine.saveOutcomes([
          { agentId: 'pc-1', productId: 'windows', outcome: covered(l.one) },
          { agentId: 'pc-2', productId: 'windows', outcome: waiting },
          { agentId: 'pc-3', productId: 'windows', outcome: waiting },
        ]),
      );
      const read = t.store.read.engine;
      const demands = await read.demands();
      expect(demands.map((d) => [d.agentId, d.productId, d.unitId, d.firstSeen, d.outcomeJson])).toEqual([
        ['pc-1', 'windows', t.units.finance, '2026-11-20T08:01:00.000Z', JSON.stringify(covered(l.one))],
        ['pc-1', 'ms-office', t.units.finance, '2026-11-20T08:01:00.000Z', null],
        ['pc-2', 'windows', t.units.finance, '2026-11-20T08:02:00.000Z', JSON.stringify(waiting)],
        ['pc-3', 'windows', t.units.budget, '2026-11-20T08:03:00.000Z', JSON.stringify(waiting)],
      ]);
      expect((await read.demands(['ms-office', 'visio'])).map((d) => d.agentId)).toEqual(['pc-1']);
      expect(await read.demands([])).toEqual([]);
      // Machines over-allocated on a licence wait for a seat of it.
      expect(await read.waiting('windows', l.one)).toBe(2);
      expect(await read.waiting('windows', l.two)).toBe(0);
      expect(await read.waiting('ms-office', l.one)).toBe(0);
    });

    it('come from the licences with what their disposals left, and KMS licences name the trusted hosts', async () => {
      const ids = await t.store.transaction(async (tx) => {
        const oem = await tx.licences.insert(windowsColumns(t.units.finance, { seats: 10 }), AT);
        const kms = await tx.licences.insert(windowsColumns(t.units.city, { model: 'kms', kmsHosts: ['kms.gov.local', 'kms2.gov.local'], seats: null }), AT);
        const gone = await tx.licences.insert(windowsColumns(t.units.city, { model: 'kms', kmsHosts: ['old.gov.local'], seats: 5, downgrade: false }), AT);
        const disposal = { kind: 'disposal' as const, date: '2026-06-01', to_unit_id: null, valid_until: null, version_to: null, created_licence_id: null, notes: null, actor: 'test', created_at: AT };
        await tx.licenceEvents.insert({ ...disposal, licence_id: oem, disposal: 'scrap', seats: 3 });
        await tx.licenceEvents.insert({ ...disposal, licence_id: gone, disposal: 'transfer', seats: null });
        return { oem, kms, gone };
      });
      const licences = await t.store.read.engine.seatLicences();
      expect(licences.map((l) => [l.id, l.model, l.seats, l.unit, l.downgrade, l.kmsHosts])).toEqual([
        [ids.oem, 'oem', 7, '财政局', true, []],
        [ids.kms, 'kms', null, '市政府', true, ['kms.gov.local', 'kms2.gov.local']],
        [ids.gone, 'kms', 0, '市政府', false, ['old.gov.local']],
      ]);
      const { productId, edition, versionFrom, versionTo, downgrade, model, kmsHosts, unitId, validFrom, validUntil } = windowsColumns(t.units.finance);
      expect(licences[0]).toEqual({ id: ids.oem, productId, edition, versionFrom, versionTo, downgrade, model, kmsHosts, seats: 7, unitId, unit: '财政局', validFrom, validUntil });
      expect(await t.store.read.engine.licensedKmsHosts()).toEqual(['kms.gov.local', 'kms2.gov.local', 'old.gov.local']);
    });
  });

  describe('the queue', () => {
    it('has a machine last when it was first seen strictly after every other', async () => {
      await fleet();
      const read = t.store.read.engine;
      expect([await read.lastInQueue('pc-3'), await read.lastInQueue('pc-2'), await read.lastInQueue('nobody')]).toEqual([true, false, false]);
      // Seen at the same time as the last: neither is last.
      await t.store.transaction((tx) => reported(tx, t.units.finance, 'pc-4', { at: '2026-11-20T08:03:00.000Z' }));
      expect([await read.lastInQueue('pc-3'), await read.lastInQueue('pc-4')]).toEqual([false, false]);
    });
  });

  describe('units', () => {
    it('give their parents as the registry has them now', async () => {
      const read = t.store.read.engine;
      const u = t.units;
      expect(await read.unitParents()).toEqual(new Map([[u.city, null], [u.finance, u.city], [u.budget, u.finance], [u.education, u.city]]));
      const added = await t.store.transaction((tx) => tx.units.ensure('新单位', AT));
      expect((await read.unitParents()).get(added.id)).toBeNull();
      await t.store.transaction(async (tx) => {
        await tx.units.update(u.budget, { name: '预算科', parentId: u.education, kind: 'department', sector: null, code: null, headcount: null }, LATER);
        await tx.meta.bump('registry', 'unit moved');
      });
      for (let i = 0; i < 3; i++) expect((await t.store.transaction(({ engine }) => engine.unitParents())).get(u.budget)).toBe(u.education);
      expect((await read.unitParents()).get(u.budget)).toBe(u.education);
    });
  });

  describe('what the engine keeps between runs', () => {
    it('starts empty, and reads back what was set and the registry’s revision', async () => {
      const read = t.store.read.engine;
      expect([await read.allocatedOn(), await read.kmsHostsJudged(), await read.pending(), await read.assessedWith()]).toEqual(['', '', '', '']);
      const revision = await read.registryRevision();
      await t.store.transaction(async ({ engine, meta }) => {
        await engine.setAllocatedOn('2026-11-20');
        await engine.setKmsHostsJudged('["kms.gov.local"]');
        await engine.setAssessedWith('rules 9; catalog 3');
        await meta.bump('registry', 'licence #1 created');
      });
      expect([await read.allocatedOn(), await read.kmsHostsJudged(), await read.pending(), await read.assessedWith()]).toEqual([
        '2026-11-20', '["kms.gov.local"]', 'licence #1 created', 'rules 9; catalog 3',
      ]);
      expect(await read.registryRevision()).toBe(revision + 1);
      await t.store.transaction(({ engine }) => engine.clearPending());
      expect(await read.pending()).toBe('');
    });
  });

  describe('the seats’ lock', () => {
    it('holds a second transaction until the first ends, committed or not', async () => {
      const events: string[] = [];
      const hold = async (name: string, fail: boolean) => {
        let release!: () => void;
        let locked!: () => void;
        const released = new Promise<void>((r) => (release = r));
        const taken = new Promise<void>((r) => (locked = r));
        const done = t.store.transaction(async ({ engine }) => {
          await engine.lockSeats();
          events.push(`${name} locked`);
          locked();
          await released;
          events.push(`${name} ends`);
          if (fail) throw new Error(`${name} failed`);
        });
        await taken;
        return { release, done };
      };
      const first = await hold('first', true);
      const second = t.store.transaction(async ({ engine }) => {
        await engine.lockSeats();
        events.push('second locked');
      });
      await new Promise((r) => setTimeout(r, 100));
      events.push('first released');
      first.release();
      await expect(first.done).rejects.toThrow('first failed');
      await second;
      expect(events).toEqual(['first locked', 'first released', 'first ends', 'second locked']);
    });
  });
});
