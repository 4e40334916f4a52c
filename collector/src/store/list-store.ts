// STUB: replaced by its owner.
import type { StoreContext } from './context.js';
import { notYet } from './pending.js';
import type { ListStore } from './registry-types.js';

export function createListStore(_ctx: StoreContext): ListStore {
  return notYet<ListStore>('ListStore');
}
