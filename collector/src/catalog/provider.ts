import type { Store } from '../store/store.js';
import { BUILTIN_PRODUCTS, catalogVersion, compileCatalog, mergeCatalog } from './index.js';
import type { CompiledCatalog } from './types.js';

/**
 * The effective catalog, compiled again only when the stored catalog revision moves
 * (an admin's change here or through another process on the same database).
 */
export function catalogProvider(store: Store): () => Promise<CompiledCatalog> {
  let cached: { revision: number; catalog: CompiledCatalog } | undefined;
  return async () => {
    const revision = await store.read.meta.revision('catalog');
    if (cached?.revision !== revision) {
      const products = mergeCatalog(BUILTIN_PRODUCTS, await store.read.catalogEntries.list());
      cached = { revision, catalog: compileCatalog(products, catalogVersion(revision)) };
    }
    return cached.catalog;
  };
}
