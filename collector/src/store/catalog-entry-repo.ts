import type { Database, Statement } from 'better-sqlite3';
import type { CatalogEntry } from '../catalog/types.js';
import { toCatalogEntry, type CatalogEntryRow } from './registry-rows.js';

/** SQL for `catalog_entries`: admins' own products and their overrides of built-in ones. */
export class CatalogEntryRepo {
  private readonly all: Statement<[], CatalogEntryRow>;
  private readonly byId: Statement<[string], CatalogEntryRow>;
  private readonly upsert: Statement<[CatalogEntryRow]>;
  private readonly deleteStmt: Statement<[string]>;

  constructor(db: Database) {
    // Oldest first: the order admins added them in is the order their rules are tried in.
    this.all = db.prepare('SELECT * FROM catalog_entries ORDER BY position, product_id');
    this.byId = db.prepare('SELECT * FROM catalog_entries WHERE product_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO catalog_entries (product_id, kind, json, updated_at, updated_by, position)
       VALUES (@product_id, @kind, @json, @updated_at, @updated_by, (SELECT coalesce(max(position), 0) + 1 FROM catalog_entries))
       ON CONFLICT (product_id) DO UPDATE SET kind = excluded.kind, json = excluded.json,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    this.deleteStmt = db.prepare('DELETE FROM catalog_entries WHERE product_id = ?');
  }

  list(): CatalogEntry[] {
    return this.all.all().map(toCatalogEntry);
  }

  get(productId: string): CatalogEntry | undefined {
    const row = this.byId.get(productId);
    return row && toCatalogEntry(row);
  }

  put(entry: CatalogEntry): void {
    this.upsert.run({
      product_id: entry.productId,
      kind: entry.kind,
      json: JSON.stringify(entry.kind === 'custom' ? entry.product : entry.override),
      updated_at: entry.updatedAt,
      updated_by: entry.updatedBy,
    });
  }

  delete(productId: string): void {
    this.deleteStmt.run(productId);
  }
}
