import { beforeEach, describe, expect, it } from 'vitest';
import type { NewEntry, NewScan, NewSpotCheck } from '../../src/store/spot-check-types.js';
import type { Store } from '../../src/store/store.js';
import { AT, LATER, seedMachine, seedUnits, type SeedUnits } from './registry-seed.js';
import { eachStoreDb, type ContractDb } from './stores.js';

/** Spot checks: the draw, its machines, the kit's scans and the unit's own checks, as every store keeps them. */

const NOT_RECORDED = { labelMatches: 'not-checked', agentPresent: 'not-checked', agentReporting: 'not-checked', unreportedJson: '[]', remark: null, recordedAt: null, recordedBy: null };

eachStoreDb((open) => {
  let db: ContractDb;
  let store: Store;
  let units: SeedUnits;
  beforeEach(async () => {
    db = await open();
    store = db.store;
    units = await store.transaction(async (tx) => {
      const u = await seedUnits(tx);
      await seedMachine(tx, u.finance, 'pc-a');
      await seedMachine(tx, u.budget, 'pc-b');
      await seedMachine(tx, u.education, 'pc-c');
      return u;
    });
  });

  const draw = (changes: Partial<NewSpotCheck> = {}): NewSpotCheck => ({
    unitId: units.finance, createdAt: AT, createdBy: 'cli', ratio: 0.1, min: 3, seed: 'abcd', population: 2,
    strataJson: '[{"unitId":1}]', gradingJson: '{"rules":[]}', recheckOf: null, ...changes,
  });
  const entry = (no: number, changes: Partial<NewEntry> = {}): NewEntry => ({
    no, origin: 'drawn', agentId: 'pc-a', unitId: units.finance, kind: 'desktop', hostname: 'pc-a',
    hardwareUuid: null, serial: null, machineId: null, frozenJson: '{"status":"licensed"}', frozenAt: AT, ...changes,
  });
  const scan = (entryId: number, sha256: string, signedAt: string): NewScan => ({
    entryId, sha256, inspector: '张三 (#1)', signedAt, matchedBy: 'serial', snapshotJson: '{}', verdictJson: '{}', agentLastSeen: null, attachedAt: LATER,
  });
  const insert = (s: NewSpotCheck) => store.transaction((tx) => tx.spotChecks.insert(s));
  const reads = () => store.read.spotChecks;

  describe('the machines drawn from', () => {
    it('lists the machines of the given units by id, identified as their latest facts measured them, else as enrolled', async () => {
      await db.exec(`UPDATE agents SET hardware_uuid = 'U-ENROLLED', serial = 'S-ENROLLED', chassis = 'laptop', user_name = '张三',
        asset_number = 'ZC-1', last_seen = '${LATER}' WHERE id = 'pc-b'`);
      await db.exec(`INSERT INTO machine_facts (agent_id, facts_json)
        VALUES ('pc-a', '{"machine":{"hostname":"pc-a","hardwareUuid":"U-MEASURED","serial":"S-MEASURED","machineId":"M-1"}}')`);
      expect(await reads().population([units.budget, units.finance])).toEqual([
        { id: 'pc-a', hostname: 'pc-a', unitId: units.finance, chassis: null, hardwareUuid: 'U-MEASURED', serial: 'S-MEASURED', machineId: 'M-1', user: null, assetNumber: null, lastSeen: null },
        { id: 'pc-b', hostname: 'pc-b', unitId: units.budget, chassis: 'laptop', hardwareUuid: 'U-ENROLLED', serial: 'S-ENROLLED', machineId: null, user: '张三', assetNumber: 'ZC-1', lastSeen: LATER },
      ]);
      expect(await reads().population([])).toEqual([]);
    });

    it('gives a machine’s latest facts and verdict, null when it has none, and when it was last heard from', async () => {
      await db.exec(`INSERT INTO machine_facts (agent_id, facts_json) VALUES ('pc-a', '{"machine":{"hostname":"pc-a"}}')`);
      await db.exec(`UPDATE agents SET last_seen = '${LATER}' WHERE id = 'pc-a'`);
      expect(await reads().evidence('pc-a')).toEqual({ facts: { machine: { hostname: 'pc-a' } }, verdict: null });
      expect(await reads().evidence('pc-none')).toEqual({ facts: null, verdict: null });
      expect(await reads().agentLastSeen('pc-a')).toBe(LATER);
      expect(await reads().agentLastSeen('pc-b')).toBeNull();
      expect(await reads().agentLastSeen('pc-none')).toBeNull();
    });
  });

  describe('spot checks', () => {
    it('reads a spot check back whole, open, with its unit named; undefined for one never drawn', async () => {
      const id = await insert(draw());
      expect(await reads().get(id)).toEqual({ ...draw(), id, unit: '财政局', state: 'open', closedAt: null });
      expect(await reads().get(999)).toBeUndefined();
    });

    it('lists newest first, of the given units or of all', async () => {
      const first = await insert(draw());
      const other = await insert(draw({ unitId: units.education }));
      const recheck = await insert(draw({ recheckOf: first }));
      expect((await reads().list(null)).map((s) => s.id)).toEqual([recheck, other, first]);
      expect((await reads().list([units.finance, units.budget])).map((s) => s.id)).toEqual([recheck, first]);
      expect(await reads().list([])).toEqual([]);
      expect((await reads().get(recheck))?.recheckOf).toBe(first);
    });

    it('closes with the date', async () => {
      const id = await insert(draw());
      await store.transaction((tx) => tx.spotChecks.close(id, LATER));
      expect(await reads().get(id)).toMatchObject({ state: 'closed', closedAt: LATER });
    });

    it('refuses a spot check of a unit that does not exist, or a share of none', async () => {
      await expect(insert(draw({ unitId: 999 }))).rejects.toThrow();
      await expect(insert(draw({ ratio: 0 }))).rejects.toThrow();
      expect(await reads().list(null)).toEqual([]);
    });
  });

  describe('its machines', () => {
    it('lists them by number, with their unit named and nothing recorded yet; a PC the collector does not know has no machine id', async () => {
      const id = await insert(draw());
      const [second, first] = await store.transaction(async (tx) => [
        await tx.spotChecks.addEntry(id, entry(2, { origin: 'on-site', agentId: null, hostname: 'found', unitId: units.budget, kind: 'laptop', serial: 'S-1', frozenJson: null, frozenAt: null })),
        await tx.spotChecks.addEntry(id, entry(1)),
      ]);
      expect(await reads().entries(id)).toEqual([
        { ...entry(1), ...NOT_RECORDED, id: first, unit: '财政局' },
        { ...entry(2, { origin: 'on-site', agentId: null, hostname: 'found', unitId: units.budget, kind: 'laptop', serial: 'S-1', frozenJson: null, frozenAt: null }), ...NOT_RECORDED, id: second, unit: '预算科' },
      ]);
      expect(await reads().entries(999)).toEqual([]);
    });

    it('records what the inspector saw, replacing what was recorded before', async () => {
      const id = await insert(draw());
      const entryId = await store.transaction((tx) => tx.spotChecks.addEntry(id, entry(1)));
      const record = { labelMatches: 'yes', agentPresent: 'no', agentReporting: 'not-checked', unreportedJson: '["WinRAR"]', remark: '贴纸缺失', recordedAt: AT, recordedBy: 'cli' } as const;
      await store.transaction((tx) => tx.spotChecks.setRecord(entryId, record));
      await store.transaction((tx) => tx.spotChecks.setRecord(entryId, { ...record, remark: null, recordedAt: LATER }));
      expect((await reads().entries(id))[0]).toMatchObject({ ...record, remark: null, recordedAt: LATER });
    });

    it('refuses a number given twice, and a machine drawn twice, in one spot check', async () => {
      const id = await insert(draw());
      const other = await insert(draw());
      await store.transaction((tx) => tx.spotChecks.addEntry(id, entry(1)));
      await expect(store.transaction((tx) => tx.spotChecks.addEntry(id, entry(1, { agentId: 'pc-b', hostname: 'pc-b' })))).rejects.toThrow();
      await expect(store.transaction((tx) => tx.spotChecks.addEntry(id, entry(2)))).rejects.toThrow();
      await store.transaction((tx) => tx.spotChecks.addEntry(other, entry(1)));
      expect(await reads().entries(id)).toHaveLength(1);
    });
  });

  describe('the kit’s scans', () => {
    it('lists scans by signing time, then as attached; finds one by its envelope’s hash', async () => {
      const id = await insert(draw());
      const entryId = await store.transaction((tx) => tx.spotChecks.addEntry(id, entry(1)));
      const [late, early, again] = await store.transaction(async (tx) => [
        await tx.spotChecks.addScan(id, scan(entryId, 'h-late', LATER)),
        await tx.spotChecks.addScan(id, scan(entryId, 'h-early', AT)),
        await tx.spotChecks.addScan(id, scan(entryId, 'h-again', AT)),
      ]);
      expect((await reads().scans(id)).map((s) => s.id)).toEqual([early, again, late]);
      expect(await reads().scanByHash(id, 'h-late')).toEqual({ ...scan(entryId, 'h-late', LATER), id: late });
      expect(await reads().scanByHash(id, 'h-none')).toBeUndefined();
    });

    it('refuses an envelope attached twice to one spot check, not to another', async () => {
      const [one, two] = [await insert(draw()), await insert(draw())];
      const [e1, e2] = await store.transaction(async (tx) => [await tx.spotChecks.addEntry(one, entry(1)), await tx.spotChecks.addEntry(two, entry(1))]);
      await store.transaction((tx) => tx.spotChecks.addScan(one, scan(e1, 'h', AT)));
      await expect(store.transaction((tx) => tx.spotChecks.addScan(one, scan(e1, 'h', LATER)))).rejects.toThrow();
      await store.transaction((tx) => tx.spotChecks.addScan(two, scan(e2, 'h', AT)));
      expect([(await reads().scans(one)).length, (await reads().scans(two)).length]).toEqual([1, 1]);
    });
  });

  describe('the unit’s own checks', () => {
    it('are undefined until recorded, then replaced whole', async () => {
      const id = await insert(draw());
      expect(await reads().unitChecks(id)).toBeUndefined();
      const checks = { ledger: 'yes', documents: 'no', remark: '台账不全', recordedAt: AT, recordedBy: 'cli' } as const;
      await store.transaction((tx) => tx.spotChecks.setUnitChecks(id, checks));
      await store.transaction((tx) => tx.spotChecks.setUnitChecks(id, { ...checks, documents: 'yes', remark: null, recordedAt: LATER }));
      expect(await reads().unitChecks(id)).toEqual({ ...checks, documents: 'yes', remark: null, recordedAt: LATER });
    });
  });

  it('counts a spot check and a machine of it against their units', async () => {
    const id = await insert(draw());
    await store.transaction((tx) => tx.spotChecks.addEntry(id, entry(1, { agentId: 'pc-b', hostname: 'pc-b', unitId: units.budget })));
    expect((await store.read.units.usage(units.finance)).spotChecks).toBe(1);
    expect((await store.read.units.usage(units.budget)).spotChecks).toBe(1);
    expect((await store.read.units.usage(units.education)).spotChecks).toBe(0);
  });
});
