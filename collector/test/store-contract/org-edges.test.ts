import { expect, it } from 'vitest';
import type { StoreTx } from '../../src/store/tx-types.js';
import { overlapping } from './overlap.js';
import { AT, seededStore, seedMachine } from './registry-seed.js';
import { eachStore } from './stores.js';

/**
 * Moves and people where the stores' SQL differs: the PostgreSQL repo moves a machine and
 * records the move in one statement, the SQLite one in two, and either way a foreign key
 * refuses a bad move and nothing of it stays, and a move reads the machine's unit as no
 * other move can change it before it commits, a person as no other change can; unit ids
 * come as an array or as JSON.
 */

eachStore((open) => {
  const t = seededStore(open);

  it('refuses a move of a machine never enrolled, or to a unit that does not exist, writing nothing', async () => {
    await t.store.transaction((tx) => seedMachine(tx, t.units.finance, 'pc-1'));
    const move = (agentId: string, toUnitId: number) =>
      t.store.transaction((tx) => tx.moves.move({ agentId, fromUnitId: t.units.finance, toUnitId, at: AT, actor: 'cli', reason: null }));
    await expect(move('pc-none', t.units.education)).rejects.toThrow();
    await expect(move('pc-1', 999)).rejects.toThrow();
    expect(await t.store.read.moves.unitOf('pc-1')).toBe(t.units.finance);
    expect(await t.store.read.moves.list('pc-1')).toEqual([]);
    expect(await t.store.read.moves.list('pc-none')).toEqual([]);
  });

  it('records the unit a machine left as it was when the move committed, though another move of it was under way', async () => {
    await t.store.transaction((tx) => seedMachine(tx, t.units.finance, 'pc-1'));
    const moveTo = async (tx: StoreTx, toUnitId: number) => {
      const fromUnitId = (await tx.moves.unitOf('pc-1'))!;
      return tx.moves.move({ agentId: 'pc-1', fromUnitId, toUnitId, at: AT, actor: 'cli', reason: null });
    };
    const [, second] = await overlapping(t.store, (tx) => moveTo(tx, t.units.education), (tx) => moveTo(tx, t.units.budget));
    expect(second).toMatchObject({ fromUnitId: t.units.education, toUnitId: t.units.budget });
    expect(await t.store.read.moves.unitOf('pc-1')).toBe(t.units.budget);
  });

  it('lists people of several units by unit id, whatever order the ids are given in', async () => {
    const person = { role: 'contact', title: null, phone: '1' } as const;
    await t.store.transaction(async (tx) => {
      await tx.people.insert(t.units.education, { ...person, name: 'e' }, AT);
      await tx.people.insert(t.units.finance, { ...person, name: 'f' }, AT);
    });
    expect((await t.store.read.people.list([t.units.education, t.units.finance])).map((p) => p.name)).toEqual(['f', 'e']);
  });

  it('builds a change to a person on one another transaction is making', async () => {
    const p = await t.store.transaction((tx) => tx.people.insert(t.units.finance, { role: 'contact', name: '李四', title: null, phone: '1' }, AT));
    const change = (c: { title?: string; phone?: string }) => async (tx: StoreTx) => {
      const before = (await tx.people.getForUpdate(p.id))!;
      return tx.people.update(p.id, { role: before.role, name: before.name, title: c.title ?? before.title, phone: c.phone ?? before.phone }, AT);
    };
    await overlapping(t.store, change({ title: '科长' }), change({ phone: '2' }));
    expect(await t.store.read.people.get(p.id)).toMatchObject({ title: '科长', phone: '2' });
  });
});
