import { beforeEach, expect, it } from 'vitest';
import { seededStore, seedMachine } from './registry-seed.js';
import { eachStore } from './stores.js';

/** The user (使用人) and asset number (资产编号) admins set on machines, and how machines are named. */

eachStore((open) => {
  const t = seededStore(open);
  beforeEach(async () => {
    await t.store.transaction(async (tx) => {
      for (const id of ['pc-1', 'pc-2', 'PC-1']) await seedMachine(tx, t.units.finance, id);
    });
  });
  const set = (id: string, user: string | null, assetNumber: string | null) => t.store.transaction((tx) => tx.machines.setLabels(id, { user, assetNumber }));

  it('reads a machine’s labels, null until set; undefined for a machine never enrolled', async () => {
    expect(await t.store.read.machines.labels('pc-1')).toEqual({ id: 'pc-1', hostname: 'pc-1', user: null, assetNumber: null });
    await set('pc-1', '张三', 'ZC-0012');
    expect(await t.store.read.machines.labels('pc-1')).toEqual({ id: 'pc-1', hostname: 'pc-1', user: '张三', assetNumber: 'ZC-0012' });
    await t.store.transaction((tx) => tx.machines.clearAssetNumber('pc-1'));
    expect(await t.store.read.machines.labels('pc-1')).toEqual({ id: 'pc-1', hostname: 'pc-1', user: '张三', assetNumber: null });
    expect(await t.store.read.machines.labels('pc-none')).toBeUndefined();
  });

  it('finds the other machine holding an asset number, ASCII case ignored, never the machine itself', async () => {
    await set('pc-1', null, 'ZC-0012');
    expect(await t.store.read.machines.assetHolder('zc-0012', 'pc-2')).toEqual({ id: 'pc-1', hostname: 'pc-1' });
    expect(await t.store.read.machines.assetHolder('ZC-0012', 'pc-1')).toBeUndefined();
    expect(await t.store.read.machines.assetHolder('ZC-9999', 'pc-2')).toBeUndefined();
  });

  it('refuses an asset number another machine holds, whatever its ASCII case; many machines hold none', async () => {
    await set('pc-1', null, 'ZC-0012');
    await set('pc-2', '李四', null);
    await set('PC-1', null, null);
    await expect(set('pc-2', '李四', 'zc-0012')).rejects.toThrow();
    expect(await t.store.read.machines.labels('pc-2')).toMatchObject({ assetNumber: null });
  });

  it('names machines by id or by hostname, ASCII case ignored, ordered by hostname then id as code points', async () => {
    expect(await t.store.read.machines.identities(['pc-2'], ['Pc-1'])).toEqual([
      { id: 'PC-1', hostname: 'PC-1' },
      { id: 'pc-1', hostname: 'pc-1' },
      { id: 'pc-2', hostname: 'pc-2' },
    ]);
    expect(await t.store.read.machines.identities(['pc-none'], [])).toEqual([]);
    expect(await t.store.read.machines.identities([], [])).toEqual([]);
  });
});
