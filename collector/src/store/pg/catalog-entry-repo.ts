import type { Async } from '../async.js';
import type { CatalogEntryRepo } from '../catalog-entry-repo.js';
import type { CatalogEntry } from '../../catalog/types.js';
import { toCatalogEntry, type CatalogEntryRow } from '../registry-rows.js';
import { row, rows, run, stmt, type Queryable } from './query.js';

const COLUMNS = 'product_id, kind, json, updated_at, updated_by';

// The order admins added entries in is the order their rules are tried in (migration 18);
// two collectors adding at once may take the same position, and the product id decides.
const ALL = stmt('catalogEntries.list', `SELECT ${COLUMNS} FROM catalog_entries ORDER BY position, product_id COLLATE "C"`);
const BY_ID = stmt('catalogEntries.get', `SELECT ${COLUMNS} FROM catalog_entries WHERE product_id = $1`);
const UPSERT = stmt(
  'catalogEntries.put',
  `INSERT INTO catalog_entries (${COLUMNS}, position) VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(position), 0) + 1 FROM catalog_entries))
   ON CONFLICT (product_id) DO UPDATE SET kind = excluded.kind, json = excluded.json,
     updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
);
const DELETE = stmt('catalogEntries.delete', 'DELETE FROM catalog_entries WHERE product_id = $1');

/** `catalog_entries` on PostgreSQL: see ../catalog-entry-repo.ts. */
export class PgCatalogEntryRepo implements Async<CatalogEntryRepo> {
  constructor(private readonly q: Queryable) {}

  async list(): Promise<CatalogEntry[]> {
    return (await rows<CatalogEntryRow & Record<string, unknown>>(this.q, ALL)).map(toCatalogEntry);
  }

  async get(productId: string): Promise<CatalogEntry | undefined> {
    const r = await row<CatalogEntryRow & Record<string, unknown>>(this.q, BY_ID, [productId]);
    return r && toCatalogEntry(r);
  }

  async put(e: CatalogEntry): Promise<void> {
    const json = JSON.stringify(e.kind === 'custom' ? e.product : e.override);
    await run(this.q, UPSERT, [e.productId, e.kind, json, e.updatedAt, e.updatedBy]);
  }

  async delete(productId: string): Promise<void> {
    await run(this.q, DELETE, [productId]);
  }
}
