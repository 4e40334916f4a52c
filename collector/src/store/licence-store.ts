// STUB: replaced by its owner.
import type { StoreContext } from './context.js';
import { notYet } from './pending.js';
import type { LicenceStore } from './registry-types.js';

export function createLicenceStore(_ctx: StoreContext): LicenceStore {
  return notYet<LicenceStore>('LicenceStore');
}
