import type { CatalogEntry } from '../catalog/types.js';
import { CatalogEntryRepo } from './catalog-entry-repo.js';
import type { StoreContext } from './context.js';
import type { CatalogEntryStore, NewCatalogEntry, Write } from './registry-types.js';

/** What an entry holds, as the audit log quotes it (before/after). */
const body = (e: CatalogEntry | undefined) => (e === undefined ? null : e.kind === 'custom' ? e.product : e.override);

/** `catalog.product.create`, `catalog.override.put`, `catalog.override.delete` … */
function action(kind: CatalogEntry['kind'], verb: 'create' | 'update' | 'put' | 'delete'): string {
  return `catalog.${kind === 'custom' ? 'product' : 'override'}.${verb}`;
}

/**
 * Admins' catalog entries. Each write is one transaction: the change, its audit entry
 * with the JSON before and after, and the catalog revision bump (which marks the
 * re-judge owed and makes the catalog provider compile again).
 */
export function createCatalogEntryStore(ctx: StoreContext): CatalogEntryStore {
  const repo = new CatalogEntryRepo(ctx.db);

  const put = ctx.tx((input: NewCatalogEntry, w: Write): CatalogEntry => {
    const before = repo.get(input.productId);
    const entry: CatalogEntry = { ...input, updatedAt: w.at, updatedBy: w.actor };
    repo.put(entry);
    const verb = entry.kind === 'override' ? 'put' : before ? 'update' : 'create';
    ctx.audit.record({
      at: w.at,
      actor: w.actor,
      action: action(entry.kind, verb),
      target: entry.productId,
      detail: { kind: entry.kind, before: body(before), after: body(entry) },
    });
    ctx.meta.bump('catalog', `catalog ${entry.kind} ${entry.productId} ${verb === 'create' ? 'added' : 'changed'}`);
    return entry;
  });

  const remove = ctx.tx((productId: string, w: Write): CatalogEntry | undefined => {
    const before = repo.get(productId);
    if (!before) return undefined;
    repo.delete(productId);
    ctx.audit.record({
      at: w.at,
      actor: w.actor,
      action: action(before.kind, 'delete'),
      target: productId,
      detail: { kind: before.kind, before: body(before), after: null },
    });
    ctx.meta.bump('catalog', `catalog ${before.kind} ${productId} removed`);
    return before;
  });

  return {
    list: async () => repo.list(),
    revision: async () => ctx.meta.revision('catalog'),
    put: async (entry, w) => put(entry, w),
    delete: async (productId, w) => remove(productId, w),
  };
}
