import { beforeEach, describe, expect, it } from 'vitest';
import { outlineJson } from '../../src/reports/finding-outline.js';
import type { Store } from '../../src/store/store.js';
import { at, buildFleet, byName, fail, pass, sqliteFleet, type Fleet } from './report-fleet.js';
import { eachStoreDb } from './stores.js';

/**
 * The reports' queries on the fleet of report-fleet.ts: machines counted by group now and
 * as they stood at a past moment, check sheets, software changes, licence events and
 * seat prices, the outlines, and the dashboard's counted days. A figure on a form is
 * what these answer, so every store answers exactly what SQLite does: the same rows in
 * the same order, numbers as numbers.
 */

const debian = outlineJson([pass('os', 'Debian')]);
const none = outlineJson([]);
const legacy = JSON.stringify([fail('office', 'not-activated', 'WPS Office'), pass('os', 'Windows')]);
const group = (unitId: string, chassis: string | null, state: string, outlineId: string | null, entitlementOutlineId: string | null, count = 1, legacyVerdictId: string | null = null) => ({
  unitId, chassis, state, outlineId, entitlementOutlineId, legacyVerdictId, count,
});
const WINDOWS_OUTLINES = [outlineJson([pass('os', 'Windows')]), outlineJson([fail('office', 'no-entitlement', 'Microsoft Office 2019')])] as const;

eachStoreDb((open) => {
  let store: Store;
  let fleet: Fleet;
  const reference = sqliteFleet();
  beforeEach(async () => {
    const db = await open();
    store = db.store;
    fleet = await buildFleet(store, db);
  });
  const named = async (value: unknown) => byName(store, await value);

  describe('machines by group', () => {
    it('counts them now by unit, kind, state and outlines, in the order of those', async () => {
      expect(await named(store.read.reports.machineGroups(undefined, at(11)))).toEqual([
        group('财政局', 'desktop', 'reporting', outlineJson([fail('os', 'no-entitlement', 'Debian')]), none),
        group('财政局', 'laptop', 'stale', ...WINDOWS_OUTLINES),
        group('财政局', 'unknown', 'stale', null, null, 1, legacy),
        group('教育局', null, 'pending', null, null),
        group('教育局', 'desktop', 'reporting', debian, none, 2),
      ]);
    });

    it('counts them as they stood at a past moment: unit then, last verdict and report by then, none enrolled later', async () => {
      expect(await named(store.read.reports.machineGroups(fleet.asOf, at(3)))).toEqual([
        group('财政局', 'desktop', 'stale', debian, none),
        group('财政局', 'laptop', 'stale', ...WINDOWS_OUTLINES),
        group('财政局', 'unknown', 'reporting', null, null, 1, legacy),
        group('预算科', 'desktop', 'reporting', debian, none),
        group('教育局', null, 'pending', null, null),
      ]);
      expect(await store.read.reports.machineGroups(at(-1), at(-2))).toEqual([]);
      const counts = (await store.read.reports.machineGroups(at(100), at(20))).map((g) => g.count);
      expect(counts.reduce((a, b) => a + b)).toBe(6);
      expect(counts.every((n) => typeof n === 'number')).toBe(true);
    });
  });

  describe('check sheets', () => {
    it('lists every machine by host name as bytes, with its labels, facts, last report and verdict of now', async () => {
      const sheets = await store.read.reports.machineSheets(undefined);
      expect(sheets.map((s) => s.id)).toEqual(['m4', 'm2', 'm1', 'm3', 'm6', 'm5']);
      expect(sheets[0]).toEqual({
        id: 'm4', hostname: 'Lab_1', unitId: fleet.units.education, user: null, assetNumber: null, factsJson: null, lastReport: null,
        status: null, decidedAt: null, snapshotId: null, v_findings_json: '[]', v_set_json: null, v_entitlement_json: null,
      });
      expect(sheets[2]).toMatchObject({ id: 'm1', user: '张三', assetNumber: 'ZC-001', lastReport: at(30), status: 'unauthorized', decidedAt: at(30), snapshotId: 'snap-m1-2', v_findings_json: '[]' });
      expect(JSON.parse(sheets[2]!.v_set_json!)).toEqual([fail('os', 'no-entitlement', 'Debian')]);
      expect(sheets[5]).toMatchObject({ id: 'm5', user: 'Li Si', v_findings_json: legacy, v_set_json: null, v_entitlement_json: null });
    });

    it('as of a past moment: the unit, last report and verdict of then; only the units asked for', async () => {
      expect((await store.read.reports.machineSheets(fleet.asOf)).map((s) => [s.id, s.unitId, s.lastReport, s.snapshotId])).toEqual([
        ['m4', fleet.units.education, null, null],
        ['m2', fleet.units.finance, at(2), 'snap-m2-1'],
        ['m1', fleet.units.finance, at(1), 'snap-m1-1'],
        ['m3', fleet.units.budget, at(8), 'snap-m3-2'],
        ['m5', fleet.units.finance, at(4), 'snap-m5-1'],
      ]);
      expect((await store.read.reports.machineSheets(fleet.asOf, [fleet.units.budget])).map((s) => s.id)).toEqual(['m3']);
      expect((await store.read.reports.machineSheets(undefined, [fleet.units.finance, fleet.units.budget])).map((s) => s.id)).toEqual(['m2', 'm1', 'm5']);
      expect(await store.read.reports.machineSheets(undefined, [])).toEqual([]);
    });
  });

  it('lists software changes of a period, both ends included, each with the unit of its machine then', async () => {
    const sets = await store.read.reports.changeSets(at(0), at(100));
    expect(sets.map((s) => [s.agentId, s.hostname, s.user, s.unitId, s.at])).toEqual([
      ['m3', 'pc-03', null, fleet.units.budget, at(8)],
      ['m3', 'pc-03', null, fleet.units.education, at(12)],
      ['m1', 'pc-01', '张三', fleet.units.finance, at(30)],
    ]);
    expect(JSON.parse(sets[2]!.changesJson)).toEqual(expect.arrayContaining([expect.arrayContaining(['WinRAR'])]));
    expect((await store.read.reports.changeSets(at(8), at(12))).map((s) => s.at)).toEqual([at(8), at(12)]);
  });

  it('lists licence events of a period by date, with the licence’s unit and price in yuan', async () => {
    expect(await named(store.read.reports.licenceEvents('2026-01-01', '2026-12-31'))).toEqual([
      { unitId: '财政局', kind: 'purchase', disposal: null, date: '2026-03-01', seats: null, toUnitId: null, priceYuan: 19_999.99 },
      { unitId: '预算科', kind: 'purchase', disposal: null, date: '2026-03-01', seats: null, toUnitId: null, priceYuan: null },
      { unitId: '教育局', kind: 'install', disposal: null, date: '2026-03-05', seats: 10, toUnitId: null, priceYuan: 1_000 },
      { unitId: '财政局', kind: 'disposal', disposal: 'reallocation', date: '2026-06-01', seats: 2, toUnitId: '教育局', priceYuan: 19_999.99 },
    ]);
    expect(await store.read.reports.licenceEvents('2026-03-01', '2026-03-01')).toHaveLength(2);
  });

  it('prices a seat of each product and edition from the priced licences with seats', async () => {
    expect(await store.read.reports.seatPrices()).toEqual([
      { productId: 'windows', edition: 'pro', yuanPerSeat: (1_999_999 + 100_000) / 100 / 60 },
      { productId: 'wps', edition: null, yuanPerSeat: 10 },
    ]);
  });

  it('reads outlines by id and those added after one, a legacy verdict’s findings, and when the first report came', async () => {
    const after = await store.read.reports.outlinesAfter(0);
    expect(after.map((o) => o.id)).toEqual([...after.map((o) => o.id)].sort((a, b) => a - b));
    expect(after.map((o) => o.json)).toEqual(expect.arrayContaining([debian, none, ...WINDOWS_OUTLINES]));
    expect(await store.read.reports.outlinesAfter(after.at(-1)!.id)).toEqual([]);
    expect(await store.read.reports.outline(after[1]!.id)).toBe(after[1]!.json);
    expect(await store.read.reports.outline(after.at(-1)!.id + 1)).toBeUndefined();
    const old = (await store.read.reports.machineGroups(undefined, at(11))).find((g) => g.legacyVerdictId !== null);
    expect(await store.read.reports.legacyFindings(old!.legacyVerdictId!)).toBe(legacy);
    expect(await store.read.reports.firstReport()).toBe(at(1));
  });

  it('knows no first report in a store without snapshots', async () => {
    expect(await (await open()).store.read.reports.firstReport()).toBeNull();
  });

  describe("the dashboard's counted days", () => {
    const day = (unitId: number, computers: number) => ({ unitId, computers, reporting: computers - 1, os: 3, office: 2, antivirus: 1, allThree: 1, licensed: 0 });
    const save = (d: string, rows: ReturnType<typeof day>[], window = 3_600_000) => store.transaction((tx) => tx.trend.save(d, window, rows, at(1)));

    it('keeps a day whole, replaced when counted again, read by day then unit; other windows apart', async () => {
      await save('2026-11-21', [day(fleet.units.education, 7), day(fleet.units.city, 5)]);
      await save('2026-11-20', [day(fleet.units.finance, 4)]);
      await save('2026-11-22', []);
      await save('2026-11-20', [day(fleet.units.finance, 9)], 60_000);
      await save('2026-11-21', [day(fleet.units.education, 8)]);
      expect(await store.read.trend.counted('2026-11-01', '2026-11-30', 3_600_000)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22']);
      expect(await store.read.trend.counted('2026-11-21', '2026-11-21', 3_600_000)).toEqual(['2026-11-21']);
      expect(await store.read.trend.rows('2026-11-01', '2026-11-30', 3_600_000)).toEqual([
        { day: '2026-11-20', ...day(fleet.units.finance, 4) },
        { day: '2026-11-21', ...day(fleet.units.city, 5) },
        { day: '2026-11-21', ...day(fleet.units.education, 8) },
      ]);
      expect(await store.read.trend.rows('2026-11-20', '2026-11-20', 60_000)).toEqual([{ day: '2026-11-20', ...day(fleet.units.finance, 9) }]);
    });
  });

  it('answers every report query as SQLite does for the same fleet', async () => {
    const sqlite = await reference();
    const both = async (read: (s: Store) => Promise<unknown>) => {
      const [mine, theirs] = [await byName(store, await read(store)), await byName(sqlite, await read(sqlite))];
      expect(mine).toEqual(theirs);
      // Keys in the same order too: an answer serialised as it came reads the same.
      expect(JSON.stringify(mine)).toBe(JSON.stringify(theirs));
    };
    for (const [asOf, staleBefore] of [[undefined, at(11)], [fleet.asOf, at(3)], [at(36), at(20)], [at(0.5), at(0)]] as const) {
      await both((s) => s.read.reports.machineGroups(asOf, staleBefore));
      await both((s) => s.read.reports.machineSheets(asOf));
      await both(async (s) => {
        const units = (await s.read.units.list()).filter((u) => ['财政局', '预算科'].includes(u.name)).map((u) => u.id);
        return s.read.reports.machineSheets(asOf, units);
      });
    }
    await both((s) => s.read.reports.changeSets(at(0), at(100)));
    await both((s) => s.read.reports.licenceEvents('2025-01-01', '2026-12-31'));
    await both((s) => s.read.reports.seatPrices());
    await both((s) => s.read.reports.outlinesAfter(0).then((all) => all.map((o) => o.json)));
    await both((s) => s.read.reports.firstReport());
    for (const id of ['m1', 'm3', 'm5']) await both((s) => s.read.verdictHistory.list(id, 10).then((h) => h.map(({ id: _, ...r }) => r)));
    await both(async (s) => (await s.read.reviews.candidates()).map((c) => ({ ...c, versions: [...c.versions].sort() })));
  });
});
