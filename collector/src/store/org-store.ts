// STUB: replaced by its owner.
import type { StoreContext } from './context.js';
import { notYet } from './pending.js';
import type { OrgStore } from './registry-types.js';

export function createOrgStore(_ctx: StoreContext): OrgStore {
  return notYet<OrgStore>('OrgStore');
}
