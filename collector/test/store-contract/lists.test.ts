import { expect, it } from 'vitest';
import type { ListEntryInput } from '../../src/schema/lists.js';
import { AT, seededStore } from './registry-seed.js';
import { eachStore } from './stores.js';

/** The deny and allow lists as every store keeps them. */

const deny = (name: string, changes: Partial<ListEntryInput> = {}): ListEntryInput => ({ list: 'deny', name, reason: '激活工具', ...changes });

eachStore((open) => {
  const t = seededStore(open);

  const insert = (input: ListEntryInput) => t.store.transaction((tx) => tx.lists.insert(input, AT, 'token:1'));

  it('reads back an entry whole, with its unit’s name, or null for one that applies everywhere', async () => {
    const scoped = await insert(deny('^KMSpico', { publisher: 'Team', unitId: t.units.finance }));
    const global = await insert({ list: 'allow', name: '^WPS', reason: '已审' });
    expect(await t.store.read.lists.get(scoped)).toEqual({
      id: scoped,
      list: 'deny',
      name: '^KMSpico',
      publisher: 'Team',
      unitId: t.units.finance,
      unit: '财政局',
      reason: '激活工具',
      createdAt: AT,
      createdBy: 'token:1',
    });
    expect(await t.store.read.lists.get(global)).toMatchObject({ list: 'allow', publisher: null, unitId: null, unit: null });
  });

  it('answers undefined for an entry that does not exist, and after it is deleted', async () => {
    expect(await t.store.read.lists.get(999)).toBeUndefined();
    const id = await insert(deny('^KMSAuto'));
    await t.store.transaction((tx) => tx.lists.delete(id));
    expect(await t.store.read.lists.get(id)).toBeUndefined();
    expect(await t.store.read.lists.list()).toEqual([]);
  });

  it('lists allow before deny, each in the order written; filters by list', async () => {
    const d1 = await insert(deny('^A'));
    const a1 = await insert({ list: 'allow', name: '^B', reason: 'r' });
    const d2 = await insert(deny('^C'));
    const a2 = await insert({ list: 'allow', name: '^D', reason: 'r' });
    expect((await t.store.read.lists.list()).map((e) => e.id)).toEqual([a1, a2, d1, d2]);
    expect((await t.store.read.lists.list({ list: 'deny' })).map((e) => e.id)).toEqual([d1, d2]);
    expect((await t.store.read.lists.list({ list: 'allow' })).map((e) => e.id)).toEqual([a1, a2]);
  });

  it('scoped to units: those units’ entries and every global one, whatever the units', async () => {
    const global = await insert(deny('^G'));
    const finance = await insert(deny('^F', { unitId: t.units.finance }));
    const budget = await insert(deny('^B', { unitId: t.units.budget }));
    await insert(deny('^E', { unitId: t.units.education }));
    const ids = async (unitIds: number[]) => (await t.store.read.lists.list({ unitIds })).map((e) => e.id);
    expect(await ids([t.units.finance, t.units.budget])).toEqual([global, finance, budget]);
    expect(await ids([t.units.budget])).toEqual([global, budget]);
    expect(await ids([])).toEqual([global]);
    expect((await t.store.read.lists.list({ list: 'allow', unitIds: [t.units.finance] })).map((e) => e.id)).toEqual([]);
  });

  it('finds an entry with the same list, patterns and scope, and only that', async () => {
    const plain = await insert(deny('^WinRAR'));
    const withPublisher = await insert(deny('^WinRAR', { publisher: 'win.rar GmbH' }));
    const scoped = await insert(deny('^WinRAR', { unitId: t.units.finance }));
    const same = (input: ListEntryInput) => t.store.read.lists.findSame(input);
    expect(await same(deny('^WinRAR', { reason: 'another reason' }))).toBe(plain);
    expect(await same(deny('^WinRAR', { publisher: null, unitId: null }))).toBe(plain);
    expect(await same(deny('^WinRAR', { publisher: 'win.rar GmbH' }))).toBe(withPublisher);
    expect(await same(deny('^WinRAR', { unitId: t.units.finance }))).toBe(scoped);
    expect(await same(deny('^WinRAR', { unitId: t.units.budget }))).toBeUndefined();
    expect(await same({ list: 'allow', name: '^WinRAR', reason: 'r' })).toBeUndefined();
    expect(await same(deny('^winrar'))).toBeUndefined();
  });

  it('writes nothing of a transaction that throws', async () => {
    const failed = t.store.transaction(async (tx) => {
      await tx.lists.insert(deny('^KMSpico'), AT, 'cli');
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    expect(await t.store.read.lists.list()).toEqual([]);
  });
});
