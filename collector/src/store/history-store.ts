// STUB: replaced by its owner.
import type { StoreContext } from './context.js';
import { notYet } from './pending.js';
import type { HistoryStore } from './registry-types.js';

export function createHistoryStore(_ctx: StoreContext): HistoryStore {
  return notYet<HistoryStore>('HistoryStore');
}
