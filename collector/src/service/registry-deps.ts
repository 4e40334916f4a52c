import type { CompiledCatalog } from '../catalog/types.js';
import type { Store } from '../store/store.js';
import type { Write } from '../store/registry-types.js';
import type { Principal } from './auth-service.js';
import type { Rejudge } from './rejudge-types.js';

/** What every registry service needs: the store, the clock, the verdict engine and the catalog. */
export interface RegistryDeps {
  store: Store;
  now: () => Date;
  rejudge: Rejudge;
  /** The effective catalog at the store's current catalog revision. */
  catalog: () => Promise<CompiledCatalog>;
}

/** The audit actor of an HTTP caller (`token:<id>`) or of the CLI (`cli`). */
export function actorOf(p: Principal | 'cli'): string {
  return p === 'cli' ? 'cli' : `token:${p.tokenId}`;
}

export function writeBy(deps: Pick<RegistryDeps, 'now'>, p: Principal | 'cli'): Write {
  return { actor: actorOf(p), at: deps.now().toISOString() };
}
