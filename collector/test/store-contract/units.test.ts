import { describe, expect, it } from 'vitest';
import { seedAgent } from './agent-seed.js';
import { AT, LATER, seededStore } from './registry-seed.js';
import { eachStore } from './stores.js';

/** What org.test.ts leaves to machines with software lists: units' counts, and a unit ensured by two writers at once. */

eachStore((open) => {
  const t = seededStore(open);

  describe('units', () => {
    it('counts what refers to a unit, each as a number, history summed over moves both ways', async () => {
      await t.store.transaction(async (tx) => {
        await seedAgent(tx, t.units.education, 'pc-1');
        await seedAgent(tx, t.units.education, 'pc-2');
        await seedAgent(tx, t.units.finance, 'pc-3');
        await tx.adminTokens.insert({ tokenHash: 'viewer', role: 'viewer', unitId: t.units.education, createdAt: AT });
        await tx.moves.move({ agentId: 'pc-1', fromUnitId: t.units.education, toUnitId: t.units.finance, at: AT, actor: 'cli', reason: null });
        await tx.moves.move({ agentId: 'pc-1', fromUnitId: t.units.finance, toUnitId: t.units.education, at: LATER, actor: 'cli', reason: null });
      });
      const none = { subunits: 0, machines: 0, licences: 0, listEntries: 0, enrollmentTokens: 0, adminTokens: 0, history: 0, spotChecks: 0 };
      expect(await t.store.read.units.usage(t.units.education)).toEqual({ ...none, machines: 2, enrollmentTokens: 2, adminTokens: 1, history: 2 });
      expect(await t.store.read.units.usage(t.units.finance)).toEqual({ ...none, subunits: 1, machines: 1, enrollmentTokens: 1, history: 2 });
      expect(await t.store.read.units.usage(999)).toEqual(none);
      expect([...(await t.store.read.units.machineCounts())].sort((a, b) => a[0] - b[0])).toEqual([[t.units.finance, 1], [t.units.education, 2]].sort((a, b) => a[0]! - b[0]!));
    });

    it('ensures a unit once when two transactions ask for the same new name at once', async () => {
      // Connections open before the race, so that neither transaction is done before the other begins.
      await Promise.all([1, 2, 3, 4].map(() => t.store.read.units.list()));
      const [a, b] = await Promise.all([1, 2].map(() => t.store.transaction((tx) => tx.units.ensure('审计局', LATER))));
      expect(a).toEqual(b);
      expect((await t.store.read.units.list()).filter((u) => u.name === '审计局')).toEqual([a]);
    });

    it('refuses to update a unit that does not exist', async () => {
      await expect(t.store.transaction((tx) => tx.units.update(999, { name: 'x', parentId: null, kind: 'other', sector: null, code: null, headcount: null }, LATER))).rejects.toThrow();
    });
  });
});
