import { expect, it } from 'vitest';
import type { NewInspector } from '../../src/store/inspector-types.js';
import { AT, LATER } from './registry-seed.js';
import { eachStore } from './stores.js';

/** Inspectors of kits: one key and one kit each, revoked once. */

const inspector = (n: number, changes: Partial<NewInspector> = {}): NewInspector => ({
  name: `检查员${n}`, publicKey: `key-${n}`, kitId: `kit_${n}`, unit: '财政局', spotCheckId: null, createdAt: AT, ...changes,
});

eachStore((open) => {
  it('reads an inspector back whole, not revoked; lists them as registered; undefined for one never registered', async () => {
    const store = await open();
    const first = await store.transaction((tx) => tx.inspectors.insert(inspector(1, { spotCheckId: '7' })));
    expect(first).toEqual({ id: first.id, name: '检查员1', publicKey: 'key-1', kitId: 'kit_1', unit: '财政局', spotCheckId: '7', createdAt: AT, revokedAt: null });
    const second = await store.transaction((tx) => tx.inspectors.insert(inspector(2, { unit: null })));
    expect(await store.read.inspectors.find(first.id)).toEqual(first);
    expect(await store.read.inspectors.list()).toEqual([first, second]);
    expect(await store.read.inspectors.find(999)).toBeUndefined();
  });

  it('revokes once: the first date stays, a second revoke says it changed nothing', async () => {
    const store = await open();
    const { id } = await store.transaction((tx) => tx.inspectors.insert(inspector(1)));
    expect(await store.transaction((tx) => tx.inspectors.revoke(id, AT))).toBe(true);
    expect(await store.transaction((tx) => tx.inspectors.revoke(id, LATER))).toBe(false);
    expect((await store.read.inspectors.find(id))?.revokedAt).toBe(AT);
    expect(await store.transaction((tx) => tx.inspectors.revoke(999, AT))).toBe(false);
  });

  it('refuses a second inspector with the same key or the same kit', async () => {
    const store = await open();
    await store.transaction((tx) => tx.inspectors.insert(inspector(1)));
    await expect(store.transaction((tx) => tx.inspectors.insert(inspector(2, { publicKey: 'key-1' })))).rejects.toThrow();
    await expect(store.transaction((tx) => tx.inspectors.insert(inspector(3, { kitId: 'kit_1' })))).rejects.toThrow();
    expect(await store.read.inspectors.list()).toHaveLength(1);
  });
});
