import { beforeEach, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/types.js';
import type { Store } from '../../src/store/types.js';
import { libreOverride } from '../catalog-admin/products.js';
import { AT } from './registry-seed.js';
import { eachStore } from './stores.js';

/** The order catalog entries are tried in, once some were deleted: an entry written again goes last. */

const override = (productId: string): CatalogEntry => ({ kind: 'override', productId, override: libreOverride([]), updatedAt: AT, updatedBy: 'cli' });

eachStore((open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });

  it('puts an entry deleted and written again after the others', async () => {
    for (const id of ['c', 'a', 'b']) await store.transaction((tx) => tx.catalogEntries.put(override(id)));
    await store.transaction((tx) => tx.catalogEntries.delete('c'));
    await store.transaction((tx) => tx.catalogEntries.put(override('d')));
    await store.transaction((tx) => tx.catalogEntries.put(override('c')));
    expect((await store.read.catalogEntries.list()).map((e) => e.productId)).toEqual(['a', 'b', 'd', 'c']);
  });
});
