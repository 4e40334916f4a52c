// STUB: replaced by the verdict engine.
import type { CompiledCatalog } from '../catalog/types.js';
import type { ClassifyPolicy } from '../classify/context.js';
import type { Store } from '../store/types.js';
import type { Rejudge } from './rejudge-types.js';

export interface RejudgeDeps {
  store: Store;
  catalog: () => Promise<CompiledCatalog>;
  policy: ClassifyPolicy;
  now: () => Date;
}

export function createRejudge(_deps: RejudgeDeps): Rejudge {
  return async () => ({ machines: 0, changed: 0, statusChanged: 0, ms: 0 });
}
