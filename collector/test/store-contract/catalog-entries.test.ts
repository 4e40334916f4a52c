import { beforeEach, expect, it } from 'vitest';
import type { CatalogEntry } from '../../src/catalog/types.js';
import type { Store } from '../../src/store/store.js';
import { libreOverride, surveyProduct } from '../catalog-admin/products.js';
import { AT, LATER } from './registry-seed.js';
import { eachStore } from './stores.js';

/** Admins' catalog entries (their products and overrides of built-in ones) as every store keeps them. */

const custom = (productId: string, at = AT): CatalogEntry => ({
  kind: 'custom',
  productId,
  product: surveyProduct({ id: productId, rules: [{ id: `${productId}/name`, on: 'software', name: `^${productId}\\b` }] }),
  updatedAt: at,
  updatedBy: 'token:1',
});
const override = (productId: string, at = AT): CatalogEntry => ({
  kind: 'override',
  productId,
  override: libreOverride(['libreoffice/name']),
  updatedAt: at,
  updatedBy: 'cli',
});

eachStore((open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
  });

  const put = (e: CatalogEntry) => store.transaction((tx) => tx.catalogEntries.put(e));

  it('reads back a product and an override whole: the JSON as written, who and when', async () => {
    await put(custom('acme-survey'));
    await put(override('libreoffice'));
    expect(await store.read.catalogEntries.get('acme-survey')).toEqual(custom('acme-survey'));
    expect(await store.read.catalogEntries.get('libreoffice')).toEqual(override('libreoffice'));
  });

  it('answers undefined for a product without an entry, and after its entry is deleted', async () => {
    expect(await store.read.catalogEntries.get('windows')).toBeUndefined();
    await put(override('windows'));
    await store.transaction((tx) => tx.catalogEntries.delete('windows'));
    expect(await store.read.catalogEntries.get('windows')).toBeUndefined();
    expect(await store.read.catalogEntries.list()).toEqual([]);
    // Deleting what is not there is no error.
    await store.transaction((tx) => tx.catalogEntries.delete('windows'));
  });

  it('lists in the order the entries were first written, which rewriting one does not change', async () => {
    for (const id of ['zeta-cad', 'acme-survey', 'mid-office']) await put(custom(id));
    await put(override('libreoffice'));
    const changed = { ...custom('zeta-cad', LATER), updatedBy: 'token:2' };
    await put(changed);
    const entries = await store.read.catalogEntries.list();
    expect(entries.map((e) => e.productId)).toEqual(['zeta-cad', 'acme-survey', 'mid-office', 'libreoffice']);
    expect(entries[0]).toEqual(changed);
  });

  it('writes nothing of a transaction that throws, the catalog revision bump included', async () => {
    const failed = store.transaction(async (tx) => {
      await tx.catalogEntries.put(custom('acme-survey'));
      await tx.meta.bump('catalog', 'catalog custom acme-survey added');
      throw new Error('refused');
    });
    await expect(failed).rejects.toThrow('refused');
    expect(await store.read.catalogEntries.list()).toEqual([]);
    expect(await store.read.meta.revision('catalog')).toBe(0);
    await store.transaction((tx) => tx.meta.bump('catalog', 'catalog custom acme-survey added'));
    expect(await store.read.meta.revision('catalog')).toBe(1);
    expect(await store.read.meta.revision('registry')).toBe(0);
  });
});
