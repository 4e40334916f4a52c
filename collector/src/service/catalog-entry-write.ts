import type { CatalogEntry } from '../catalog/types.js';
import type { NewCatalogEntry, Write } from '../store/registry-types.js';
import type { StoreTx } from '../store/tx-types.js';

/**
 * Admins' catalog entries written inside the caller's transaction: the change, its audit
 * entry with the JSON before and after, and the catalog revision bump (which marks the
 * re-judge owed and makes the catalog provider compile again).
 */

/** What an entry holds, as the audit log quotes it (before/after). */
const body = (e: CatalogEntry | undefined) => (e === undefined ? null : e.kind === 'custom' ? e.product : e.override);

/** `catalog.product.create`, `catalog.override.put`, `catalog.override.delete` … */
function action(kind: CatalogEntry['kind'], verb: 'create' | 'update' | 'put' | 'delete'): string {
  return `catalog.${kind === 'custom' ? 'product' : 'override'}.${verb}`;
}

export async function putCatalogEntry(tx: StoreTx, input: NewCatalogEntry, w: Write): Promise<CatalogEntry> {
  const before = await tx.catalogEntries.get(input.productId);
  const entry: CatalogEntry = { ...input, updatedAt: w.at, updatedBy: w.actor };
  await tx.catalogEntries.put(entry);
  const verb = entry.kind === 'override' ? 'put' : before ? 'update' : 'create';
  await tx.audit.record({
    at: w.at,
    actor: w.actor,
    action: action(entry.kind, verb),
    target: entry.productId,
    detail: { kind: entry.kind, before: body(before), after: body(entry) },
  });
  await tx.meta.bump('catalog', `catalog ${entry.kind} ${entry.productId} ${verb === 'create' ? 'added' : 'changed'}`);
  return entry;
}

/** The entry removed, or undefined (and nothing written) when there was none. */
export async function deleteCatalogEntry(tx: StoreTx, productId: string, w: Write): Promise<CatalogEntry | undefined> {
  const before = await tx.catalogEntries.get(productId);
  if (!before) return undefined;
  await tx.catalogEntries.delete(productId);
  await tx.audit.record({
    at: w.at,
    actor: w.actor,
    action: action(before.kind, 'delete'),
    target: productId,
    detail: { kind: before.kind, before: body(before), after: null },
  });
  await tx.meta.bump('catalog', `catalog ${before.kind} ${productId} removed`);
  return before;
}
