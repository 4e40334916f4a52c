import { expect, it } from 'vitest';
import type { ListEntryInput } from '../../src/schema/lists.js';
import type { StoreTx } from '../../src/store/tx-types.js';
import { overlapping } from './overlap.js';
import { AT, seededStore } from './registry-seed.js';
import { eachStore } from './stores.js';

/**
 * Finding the same entry, where the dialects differ: SQLite's `IS` is PostgreSQL's `IS NOT
 * DISTINCT FROM`, a pattern is compared as written, never as a LIKE pattern, and an entry
 * being added by another transaction is waited for, as SQLite's one writer at a time does.
 */

const deny = (name: string, changes: Partial<ListEntryInput> = {}): ListEntryInput => ({ list: 'deny', name, reason: 'r', ...changes });

eachStore((open) => {
  const t = seededStore(open);
  const insert = (input: ListEntryInput) => t.store.transaction((tx) => tx.lists.insert(input, AT, 'cli'));
  const same = (input: ListEntryInput) => t.store.read.lists.findSame(input);

  it('tells an empty publisher from none', async () => {
    const empty = await insert(deny('^X', { publisher: '' }));
    expect(await same(deny('^X'))).toBeUndefined();
    expect(await same(deny('^X', { publisher: '' }))).toBe(empty);
  });

  it('compares patterns as written: _ and % match only themselves, full-width characters only themselves', async () => {
    const wild = await insert(deny('^a_b%', { publisher: '金山%' }));
    expect(await same(deny('^aXb%', { publisher: '金山%' }))).toBeUndefined();
    expect(await same(deny('^a_bYZ', { publisher: '金山%' }))).toBeUndefined();
    expect(await same(deny('^a_b%', { publisher: '金山' }))).toBeUndefined();
    expect(await same(deny('^a＿b%', { publisher: '金山%' }))).toBeUndefined();
    expect(await same(deny('^a_b%', { publisher: '金山%' }))).toBe(wild);
  });

  it('finds an entry another transaction is adding once it commits, so one entry is never added twice', async () => {
    const add = async (tx: StoreTx) => (await tx.lists.findSame(deny('^KMS'))) ?? (await tx.lists.insert(deny('^KMS'), AT, 'cli'));
    const [first, second] = await overlapping(t.store, add, add);
    expect(second).toBe(first);
    expect(await t.store.read.lists.list()).toHaveLength(1);
  });
});
