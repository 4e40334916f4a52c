import { describe, expect, it } from 'vitest';
import type { UnitColumns } from '../../src/store/unit-repo.js';
import { AT, LATER, seededStore, seedMachine } from './registry-seed.js';
import { eachStore } from './stores.js';

/** Units, their people and machine moves, as every store keeps them. */

const columns = (name: string, parentId: number | null, changes: Partial<UnitColumns> = {}): UnitColumns => ({
  name, parentId, kind: 'department', sector: null, code: null, headcount: null, ...changes,
});

eachStore((open) => {
  const t = seededStore(open);

  describe('units', () => {
    it('reads back a unit whole, by id and by name, updatedAt being its creation until it changes', async () => {
      const id = await t.store.transaction(async (tx) => (await tx.units.insert(columns('审计局', t.units.city, { kind: 'other', sector: 'organ', code: '11330100', headcount: 42 }), AT)).id);
      const record = { id, name: '审计局', parentId: t.units.city, kind: 'other', sector: 'organ', code: '11330100', headcount: 42, createdAt: AT, updatedAt: AT };
      expect(await t.store.read.units.get(id)).toEqual(record);
      expect(await t.store.read.units.getByName('审计局')).toEqual(record);
      expect(await t.store.read.units.findByName('审计局')).toEqual({ id, name: '审计局', parentId: t.units.city, createdAt: AT });
    });

    it('answers undefined for a unit that does not exist, by id or name (names compared as written)', async () => {
      expect(await t.store.read.units.get(999)).toBeUndefined();
      expect(await t.store.read.units.getByName('无此单位')).toBeUndefined();
      expect(await t.store.read.units.findByName('财政局 ')).toBeUndefined();
    });

    it('lists units by name in code-point order, as the CLI has always printed them', async () => {
      await t.store.transaction((tx) => tx.units.insert(columns('Audit', null), AT));
      // 教 (U+6559) before 财 (U+8D22) though pinyin puts cai first: a PostgreSQL store sorts COLLATE "C".
      const names = ['Audit', '市政府', '教育局', '财政局', '预算科'];
      expect((await t.store.read.units.records()).map((u) => u.name)).toEqual(names);
      expect((await t.store.read.units.list()).map((u) => u.name)).toEqual(names);
    });

    it('updates every column and stamps updatedAt, keeping createdAt', async () => {
      const after = await t.store.transaction((tx) => tx.units.update(t.units.budget, columns('预算处', t.units.city, { sector: 'institution', code: 'X', headcount: 7 }), LATER));
      expect(after).toEqual({ id: t.units.budget, name: '预算处', parentId: t.units.city, kind: 'department', sector: 'institution', code: 'X', headcount: 7, createdAt: AT, updatedAt: LATER });
      expect(await t.store.read.units.get(t.units.budget)).toEqual(after);
    });

    it('refuses a second unit of the same name, writing nothing of its transaction', async () => {
      const before = await t.store.read.units.records();
      await expect(t.store.transaction(async (tx) => {
        await tx.units.insert(columns('审计局', null), AT);
        await tx.units.insert(columns('财政局', null), AT);
      })).rejects.toThrow();
      expect(await t.store.read.units.records()).toEqual(before);
    });

    it('ensures a unit by name: the one there, else a new one at the top', async () => {
      const made = await t.store.transaction(async (tx) => [await tx.units.ensure('财政局', LATER), await tx.units.ensure('审计局', LATER)]);
      expect(made[0]).toEqual({ id: t.units.finance, name: '财政局', parentId: t.units.city, createdAt: AT });
      expect(made[1]).toMatchObject({ name: '审计局', parentId: null, createdAt: LATER });
      expect(await t.store.read.units.get(made[1]!.id)).toMatchObject({ kind: 'department', updatedAt: LATER });
    });

    it('gives a subtree: the unit and every unit below it, by id; nothing for a unit that does not exist', async () => {
      const deep = await t.store.transaction(async (tx) => (await tx.units.insert(columns('综合组', t.units.budget), AT)).id);
      expect(await t.store.read.units.subtreeIds(t.units.city)).toEqual([t.units.city, t.units.finance, t.units.budget, t.units.education, deep]);
      expect(await t.store.read.units.subtreeIds(t.units.finance)).toEqual([t.units.finance, t.units.budget, deep]);
      expect(await t.store.read.units.subtreeIds(deep)).toEqual([deep]);
      expect(await t.store.read.units.subtreeIds(999)).toEqual([]);
    });

    it('counts what refers to a unit, and its machines', async () => {
      const none = { subunits: 0, machines: 0, licences: 0, listEntries: 0, enrollmentTokens: 0, adminTokens: 0, history: 0, spotChecks: 0 };
      expect(await t.store.read.units.usage(t.units.education)).toEqual(none);
      await t.store.transaction(async (tx) => {
        await seedMachine(tx, t.units.education, 'pc-1');
        await seedMachine(tx, t.units.education, 'pc-2');
        await seedMachine(tx, t.units.finance, 'pc-3');
        await tx.adminTokens.insert({ tokenHash: 'viewer', role: 'viewer', unitId: t.units.education, createdAt: AT });
      });
      expect(await t.store.read.units.usage(t.units.education)).toEqual({ ...none, machines: 2, enrollmentTokens: 2, adminTokens: 1 });
      expect(await t.store.read.units.usage(t.units.city)).toEqual({ ...none, subunits: 2 });
      expect(await t.store.read.units.machineCounts()).toEqual(new Map([[t.units.education, 2], [t.units.finance, 1]]));
    });

    it('deletes a unit, and its people with it', async () => {
      await t.store.transaction((tx) => tx.people.insert(t.units.education, { role: 'contact', name: '王五', title: null, phone: '0571-1' }, AT));
      await t.store.transaction((tx) => tx.units.delete(t.units.education));
      expect(await t.store.read.units.get(t.units.education)).toBeUndefined();
      expect(await t.store.read.people.list()).toEqual([]);
    });
  });

  describe('people', () => {
    const person = (role: 'first-responsible' | 'leader-in-charge' | 'contact', name: string) => ({ role, name, title: null, phone: '0571-87000001' });

    it('reads back a person whole; undefined once deleted or never there', async () => {
      const p = await t.store.transaction((tx) => tx.people.insert(t.units.finance, { role: 'first-responsible', name: '张三', title: '局长', phone: '0571-87000001' }, AT));
      const whole = { id: p.id, unitId: t.units.finance, role: 'first-responsible', name: '张三', title: '局长', phone: '0571-87000001', createdAt: AT, updatedAt: AT };
      expect(p).toEqual(whole);
      expect(await t.store.read.people.get(p.id)).toEqual(whole);
      await t.store.transaction((tx) => tx.people.delete(p.id));
      expect(await t.store.read.people.get(p.id)).toBeUndefined();
      expect(await t.store.read.people.get(999)).toBeUndefined();
    });

    it('updates the columns and stamps updatedAt', async () => {
      const p = await t.store.transaction((tx) => tx.people.insert(t.units.finance, person('contact', '李四'), AT));
      const after = await t.store.transaction((tx) => tx.people.update(p.id, { role: 'leader-in-charge', name: '李四', title: '副局长', phone: '0571-2' }, LATER));
      expect(after).toEqual({ ...p, role: 'leader-in-charge', title: '副局长', phone: '0571-2', updatedAt: LATER });
      expect(await t.store.read.people.get(p.id)).toEqual(after);
    });

    it('lists by unit, then role as the forms list them (主要负责人, 分管领导, 联络员), then as added; or the given units only', async () => {
      await t.store.transaction(async (tx) => {
        await tx.people.insert(t.units.education, person('contact', 'e-contact'), AT);
        await tx.people.insert(t.units.finance, person('contact', 'f-contact'), AT);
        await tx.people.insert(t.units.finance, person('leader-in-charge', 'f-leader'), AT);
        await tx.people.insert(t.units.finance, person('first-responsible', 'f-first'), AT);
        await tx.people.insert(t.units.finance, person('contact', 'f-contact-2'), AT);
      });
      const names = (people: { name: string }[]) => people.map((p) => p.name);
      const finance = ['f-first', 'f-leader', 'f-contact', 'f-contact-2'];
      // 财政局 was seeded before 教育局, so its id is the lower.
      expect(names(await t.store.read.people.list())).toEqual([...finance, 'e-contact']);
      expect(names(await t.store.read.people.list([t.units.finance]))).toEqual(finance);
      expect(await t.store.read.people.list([t.units.budget])).toEqual([]);
      expect(await t.store.read.people.list([])).toEqual([]);
    });

    it('refuses a person of a unit that does not exist', async () => {
      await expect(t.store.transaction((tx) => tx.people.insert(999, person('contact', '无名'), AT))).rejects.toThrow();
      expect(await t.store.read.people.list()).toEqual([]);
    });
  });

  describe('machine moves', () => {
    it('answers the unit a machine is in, or undefined for one never enrolled', async () => {
      await t.store.transaction((tx) => seedMachine(tx, t.units.finance, 'pc-1'));
      expect(await t.store.read.moves.unitOf('pc-1')).toBe(t.units.finance);
      expect(await t.store.read.moves.unitOf('pc-none')).toBeUndefined();
    });

    it('moves the machine and records the move with both units named; lists moves newest first', async () => {
      await t.store.transaction((tx) => seedMachine(tx, t.units.finance, 'pc-1'));
      const first = await t.store.transaction((tx) =>
        tx.moves.move({ agentId: 'pc-1', fromUnitId: t.units.finance, toUnitId: t.units.education, at: AT, actor: 'cli', reason: '调岗' }));
      expect(first).toEqual({
        id: first.id, machineId: 'pc-1', fromUnitId: t.units.finance, fromUnit: '财政局', toUnitId: t.units.education, toUnit: '教育局',
        at: AT, actor: 'cli', reason: '调岗',
      });
      expect(await t.store.read.moves.unitOf('pc-1')).toBe(t.units.education);
      const second = await t.store.transaction((tx) =>
        tx.moves.move({ agentId: 'pc-1', fromUnitId: t.units.education, toUnitId: t.units.budget, at: LATER, actor: 'token:1', reason: null }));
      expect(await t.store.read.moves.list('pc-1')).toEqual([second, first]);
      expect(await t.store.read.moves.list('pc-none')).toEqual([]);
      // History names the units, so neither can be deleted while it stands.
      expect((await t.store.read.units.usage(t.units.finance)).history).toBe(1);
      expect((await t.store.read.units.usage(t.units.education)).history).toBe(2);
    });
  });
});
