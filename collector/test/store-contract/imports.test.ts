import { describe, expect, it } from 'vitest';
import type { NewBundleImport } from '../../src/store/import-types.js';
import { seedAgent } from './agent-seed.js';
import { AT, LATER, seededStore } from './registry-seed.js';
import { eachStore } from './stores.js';

/** Bundle imports as recorded, and the machines of an offline network an import reports on. */

const bundle = (n: number, changes: Partial<NewBundleImport> = {}): NewBundleImport => ({
  sha256: `sha-${n}`, fileName: `离线包-${n}.zbb`, network: '内网', createdAt: AT, createdBy: 'collector at 内网', importedAt: LATER, actor: 'cli',
  entries: 12, accepted: 9, duplicates: 2, refused: 1, reportJson: `{"n":${n}}`, ...changes,
});

eachStore((open) => {
  const t = seededStore(open);

  describe('bundle imports', () => {
    it('reads an import back whole, its counts as numbers; undefined for one never recorded', async () => {
      const id = await t.store.transaction((tx) => tx.imports.insert(bundle(1)));
      const { actor, ...rest } = bundle(1);
      expect(await t.store.read.imports.find(id)).toEqual({ id, ...rest, actor });
      expect(await t.store.read.imports.find(id + 1)).toBeUndefined();
    });

    it('gives the earlier imports of a file in the order they were made, and the latest imports newest first', async () => {
      const ids: number[] = [];
      for (const b of [bundle(1), bundle(2), bundle(1, { importedAt: '2026-12-01T00:00:00.000Z' }), bundle(3)]) ids.push(await t.store.transaction((tx) => tx.imports.insert(b)));
      expect((await t.store.read.imports.earlier('sha-1')).map((i) => i.id)).toEqual([ids[0], ids[2]]);
      expect(await t.store.read.imports.earlier('sha-9')).toEqual([]);
      expect((await t.store.read.imports.list(3)).map((i) => i.id)).toEqual([ids[3], ids[2], ids[1]]);
    });
  });

  describe('the machines of a network', () => {
    const seed = () =>
      t.store.transaction(async (tx) => {
        await seedAgent(tx, t.units.finance, 'ag_3', { hostname: 'pc-a', network: 'net' });
        await seedAgent(tx, t.units.finance, 'ag_2', { hostname: 'pc-a', network: 'net' });
        await seedAgent(tx, t.units.finance, 'ag_1', { hostname: 'PC-b', network: 'net' });
        await seedAgent(tx, t.units.education, 'ag_4', { hostname: 'a', network: 'net' });
        await seedAgent(tx, t.units.education, 'ag_5', { hostname: 'pc-5', network: 'other' });
        await seedAgent(tx, t.units.budget, 'ag_6', { hostname: 'pc-6', network: '' });
        await seedAgent(tx, t.units.budget, 'ag_7', { hostname: 'pc-7', network: '' });
        await seedAgent(tx, t.units.education, 'ag_8', { hostname: 'pc-8', network: '' });
        await seedAgent(tx, t.units.budget, 'ag_9', { hostname: 'pc-9' });
      });
    const machine = (agentId: string, hostname: string, unit: string) => ({ agentId, hostname, unit, lastSeen: null });

    it('lists a named network’s by unit, hostname and id, each as code points (upper case first)', async () => {
      await seed();
      // 教 (U+6559) before 财 (U+8D22); 'PC-b' before 'pc-a'.
      expect(await t.store.read.imports.networkMachines('net', [])).toEqual([
        machine('ag_4', 'a', '教育局'), machine('ag_1', 'PC-b', '财政局'), machine('ag_2', 'pc-a', '财政局'), machine('ag_3', 'pc-a', '财政局'),
      ]);
      expect(await t.store.read.imports.networkMachines('none', ['ag_1'])).toEqual([]);
    });

    it('takes the unnamed network as the units of the bundle’s agents, leaving out machines enrolled over HTTP', async () => {
      await seed();
      expect(await t.store.read.imports.networkMachines('', ['ag_6'])).toEqual([machine('ag_6', 'pc-6', '预算科'), machine('ag_7', 'pc-7', '预算科')]);
      expect((await t.store.read.imports.networkMachines('', ['ag_6', 'ag_4', 'ag_unknown'])).map((m) => m.agentId)).toEqual(['ag_8', 'ag_6', 'ag_7']);
      expect(await t.store.read.imports.networkMachines('', [])).toEqual([]);
    });
  });
});
