import { compileLists, type CompiledLists } from '../classify/lists.js';
import type { Store } from '../store/store.js';

const cache = new WeakMap<Store, { revision: number; lists: CompiledLists }>();

/**
 * The deny and allow lists compiled, again only when the registry's revision moved
 * (every list write bumps it): compiling them for each snapshot judged was a fixed cost
 * of every ingest. The revision is read before the lists, so a write in between leaves
 * newer lists under an older revision, which are compiled again next time, never the
 * other way round.
 */
export async function listsCache(store: Store): Promise<CompiledLists> {
  const revision = await store.read.engine.registryRevision();
  const hit = cache.get(store);
  if (hit && hit.revision === revision) return hit.lists;
  const lists = compileLists(await store.read.lists.list());
  cache.set(store, { revision, lists });
  return lists;
}
