import { beforeEach, describe, expect, it } from 'vitest';
import { pairsFailing } from '../../src/service/outline-index.js';
import type { Store } from '../../src/store/store.js';
import type { MachineFilter } from '../../src/store/types.js';
import { minimalSnapshot } from '../helper.js';
import { at, buildFleet, byName, fail, pass, sqliteFleet, type Fleet } from './report-fleet.js';
import { eachStoreDb, type ContractDb } from './stores.js';

/**
 * The machine list and a machine's detail as people look at them, on the fleet of
 * report-fleet.ts: host names sorted as people read them, searches that ignore ASCII
 * case and take % and _ literally, filters that read outlines and legacy findings, and
 * the same answers on every store as on SQLite.
 *
 * At +11 h: m1 pc-01 and m3 pc-03 and m6 pc_6 are reporting; m2 PC-02 and m5 财务-05 are
 * stale; m4 Lab_1 is pending. 财政局 holds m1, m2, m5; 教育局 holds m4, m3 (moved there
 * from 预算科), m6.
 */

const STALE_BEFORE = at(11);
const FILTERS: Partial<MachineFilter>[] = [
  {}, { sort: '-hostname' }, { sort: 'unit' }, { sort: '-unit' }, { sort: 'status' }, { sort: '-status' }, { sort: 'lastSeen' }, { sort: '-lastSeen' },
  { q: 'PC-0' }, { q: 'zc-00' }, { q: '_' }, { q: '%' }, { q: '10.0.0.1', sort: '-lastSeen' }, { os: 'WINDOWS' }, { q: 'pc', limit: 2, offset: 1 }, { q: 'pc', offset: 10 },
  { limit: 2, offset: 2, sort: '-unit' }, { status: 'stale' }, { reporting: true }, { reporting: false, sort: 'unit' }, { unit: '财政局' }, { assetNumber: 'zc-001' },
];

eachStoreDb((open) => {
  let db: ContractDb;
  let store: Store;
  let fleet: Fleet;
  const reference = sqliteFleet();
  beforeEach(async () => {
    db = await open();
    store = db.store;
    fleet = await buildFleet(store, db);
  });
  const list = (f: Partial<MachineFilter>) => store.read.machines.list({ staleBefore: STALE_BEFORE, limit: 50, offset: 0, ...f });
  const ids = async (f: Partial<MachineFilter>) => (await list(f)).rows.map((r) => r.id);

  describe('the list', () => {
    it('sorts by host name ignoring ASCII case, then id; each column both ways, never-seen machines first by when last seen', async () => {
      expect(await ids({})).toEqual(['m4', 'm1', 'm2', 'm3', 'm6', 'm5']);
      expect(await ids({ sort: '-hostname' })).toEqual(['m5', 'm6', 'm3', 'm2', 'm1', 'm4']);
      expect(await ids({ sort: 'unit' })).toEqual(['m4', 'm3', 'm6', 'm1', 'm2', 'm5']);
      expect(await ids({ sort: '-unit' })).toEqual(['m1', 'm2', 'm5', 'm4', 'm3', 'm6']);
      expect(await ids({ sort: 'status' })).toEqual(['m3', 'm6', 'm4', 'm1', 'm2', 'm5']);
      expect(await ids({ sort: '-status' })).toEqual(['m1', 'm2', 'm5', 'm4', 'm3', 'm6']);
      expect(await ids({ sort: 'lastSeen' })).toEqual(['m4', 'm2', 'm5', 'm3', 'm1', 'm6']);
      expect(await ids({ sort: '-lastSeen' })).toEqual(['m6', 'm1', 'm3', 'm5', 'm2', 'm4']);
      // Host names equal but for case come by id, whichever way the names sort.
      await db.exec("UPDATE agents SET hostname = 'PC-01' WHERE id = 'm5'");
      expect(await ids({})).toEqual(['m4', 'm1', 'm5', 'm2', 'm3', 'm6']);
      expect(await ids({ sort: '-hostname' })).toEqual(['m6', 'm3', 'm2', 'm1', 'm5', 'm4']);
    });

    it('answers rows with the unit named, flags as booleans and what was last heard', async () => {
      const { rows, total } = await list({ q: 'PC-02' });
      expect(total).toBe(1);
      expect(rows).toEqual([
        { id: 'm2', hostname: 'PC-02', unit: '财政局', unitId: fleet.units.finance, status: 'unauthorized', stale: true, chassis: 'laptop', osName: 'Microsoft Windows 10 Pro', lastSeen: at(2), user: null, assetNumber: 'zc-002', ip: '10.0.0.1' },
      ]);
      expect((await list({ assetNumber: 'ZC-001' })).rows[0]).toMatchObject({ id: 'm1', status: 'unauthorized', stale: false, user: '张三' });
      expect((await list({ status: 'pending' })).rows).toEqual([
        { id: 'm4', hostname: 'Lab_1', unit: '教育局', unitId: fleet.units.education, status: 'pending', stale: true, chassis: null, osName: null, lastSeen: null, user: null, assetNumber: null, ip: null },
      ]);
    });

    it('searches host name, user, asset number and address for a part, ASCII case ignored, % and _ taken literally', async () => {
      expect(await ids({ q: 'PC-0' })).toEqual(['m1', 'm2', 'm3']);
      expect(await ids({ q: 'zc-00' })).toEqual(['m1', 'm2']);
      expect(await ids({ q: 'LI SI' })).toEqual(['m5']);
      expect(await ids({ q: '张' })).toEqual(['m1']);
      expect(await ids({ q: '_' })).toEqual(['m4', 'm6']);
      expect(await ids({ q: '%' })).toEqual([]);
      expect(await ids({ q: '10.0.0.1', sort: '-lastSeen' })).toEqual(['m6', 'm5', 'm2']);
      expect(await ids({ os: 'WINDOWS' })).toEqual(['m2']);
      expect(await ids({ os: 'debian', sort: 'lastSeen' })).toEqual(['m5', 'm3', 'm1', 'm6']);
    });

    it('pages a search and a plain list, each with the whole count', async () => {
      expect(await list({ q: 'pc', limit: 2, offset: 1 })).toMatchObject({ rows: [{ id: 'm2' }, { id: 'm3' }], total: 4 });
      expect(await list({ q: 'pc', offset: 10 })).toEqual({ rows: [], total: 4 });
      expect(await list({ q: 'nobody' })).toEqual({ rows: [], total: 0 });
      expect(await list({ limit: 2, offset: 2 })).toMatchObject({ rows: [{ id: 'm2' }, { id: 'm3' }], total: 6 });
      expect(await list({ limit: 2, offset: 2, sort: 'unit' })).toMatchObject({ rows: [{ id: 'm6' }, { id: 'm1' }], total: 6 });
    });

    it('finds the machine with an asset number, ASCII case ignored', async () => {
      expect(await ids({ assetNumber: 'zc-001' })).toEqual(['m1']);
      expect(await ids({ assetNumber: 'ZC-002' })).toEqual(['m2']);
      expect(await ids({ assetNumber: 'ZC-003' })).toEqual([]);
    });

    it('filters by state, by a unit with the units below it, and by scope', async () => {
      expect(await ids({ status: 'stale' })).toEqual(['m4', 'm2', 'm5']);
      expect(await ids({ reporting: true })).toEqual(['m1', 'm3', 'm6']);
      expect(await ids({ reporting: false })).toEqual(['m4', 'm2', 'm5']);
      expect(await ids({ unit: '财政局' })).toEqual(['m1', 'm2', 'm5']);
      expect(await ids({ unit: '市政府' })).toHaveLength(6);
      expect(await ids({ scopeUnitId: fleet.units.education })).toEqual(['m4', 'm3', 'm6']);
      expect(await ids({ scopeUnitId: fleet.units.city, status: 'licensed' })).toEqual(['m3', 'm6']);
      expect(await list({ scopeUnitId: fleet.units.budget, status: 'stale' })).toEqual({ rows: [], total: 0 });
    });

    it('finds the machines failing a category by their outlines, or by the findings of a verdict from before outlines', async () => {
      const failing = async (category?: 'os' | 'office', code?: 'not-activated') => ids({ failing: { ...(category ? { category } : {}), ...(code ? { code } : {}), pairs: await pairsFailing(store, category, code) } });
      expect(await failing('office')).toEqual(['m2', 'm5']);
      expect(await failing('os')).toEqual(['m1']);
      expect(await failing('office', 'not-activated')).toEqual(['m5']);
      expect(await ids({ failing: { pairs: [] } })).toEqual(['m5']);
      expect(await ids({ failing: { pairs: [] }, q: 'pc' })).toEqual([]);
    });
  });

  describe('one machine', () => {
    it('answers it whole: labels, facts, numbers as numbers, the verdict with its findings naming the snapshot', async () => {
      const m = await store.read.machines.get('m2', { staleBefore: STALE_BEFORE });
      expect(m).toMatchObject({
        id: 'm2', hostname: 'PC-02', unit: '财政局', status: 'unauthorized', stale: true, assetNumber: 'zc-002',
        hardwareUuid: null, machineId: null, serial: null, agentVersion: '0.1.0', enrolledAt: at(0), lastSeq: 1, lastSnapshotId: 'snap-m2-1', softwareCount: 2,
        facts: { machine: { hostname: 'PC-02', chassis: 'laptop' }, os: { ...minimalSnapshot().os, name: 'Microsoft Windows 10 Pro' }, office: [], antivirus: [] },
        verdict: { status: 'unauthorized', rulesVersion: 'r1', decidedAt: at(2) },
      });
      expect(m!.verdict!.findings).toEqual([
        { ...pass('os', 'Windows'), snapshotId: 'snap-m2-1' },
        { ...fail('office', 'no-entitlement', 'Microsoft Office 2019'), snapshotId: 'snap-m2-1' },
      ]);
      expect((await store.read.machines.get('m5', { staleBefore: STALE_BEFORE }))!.verdict!.findings.map((f) => [f.category, f.code])).toEqual([
        ['os', 'licensed'],
        ['office', 'not-activated'],
      ]);
      expect(await store.read.machines.get('m4', { staleBefore: STALE_BEFORE })).toMatchObject({ status: 'pending', lastSeq: null, softwareCount: 0, facts: null, verdict: null });
      expect(await store.read.machines.get('nope', { staleBefore: STALE_BEFORE })).toBeUndefined();
    });

    it('is found within a scope holding it, and not outside', async () => {
      expect(await store.read.machines.get('m3', { staleBefore: STALE_BEFORE, scopeUnitId: fleet.units.finance })).toBeUndefined();
      expect(await store.read.machines.get('m3', { staleBefore: STALE_BEFORE, scopeUnitId: fleet.units.city })).toMatchObject({ unit: '教育局', stale: false });
    });
  });

  it('answers every filter, the detail and the outline pairs as SQLite does for the same fleet, keys in the same order', async () => {
    const sqlite = await reference();
    const both = async (read: (s: Store) => Promise<unknown>, label: unknown) => {
      const [mine, theirs] = [await byName(store, await read(store)), await byName(sqlite, await read(sqlite))];
      expect({ label, answer: mine }).toEqual({ label, answer: theirs });
      expect(JSON.stringify(mine)).toBe(JSON.stringify(theirs));
    };
    for (const f of [...FILTERS, { failing: { category: 'office' as const, pairs: await pairsFailing(store, 'office', undefined) } }]) {
      const filter = { staleBefore: STALE_BEFORE, limit: 50, offset: 0, ...f };
      await both((s) => s.read.machines.list(filter), filter);
    }
    for (const id of ['m1', 'm2', 'm4', 'm5']) await both((s) => s.read.machines.get(id, { staleBefore: STALE_BEFORE }), id);
    await both((s) => s.read.machines.labels('m1'), 'labels');
    await both(async (s) => ((await byName(s, await s.read.machines.outlinePairs())) as unknown[]).map((p) => JSON.stringify(p)).sort(), 'pairs');
    expect(await store.read.machines.outlinePairs()).toHaveLength(4);
  });
});
