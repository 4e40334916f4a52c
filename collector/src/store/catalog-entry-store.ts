// STUB: replaced by its owner.
import type { StoreContext } from './context.js';
import { notYet } from './pending.js';
import type { CatalogEntryStore } from './registry-types.js';

export function createCatalogEntryStore(_ctx: StoreContext): CatalogEntryStore {
  return notYet<CatalogEntryStore>('CatalogEntryStore');
}
