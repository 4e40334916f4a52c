import type { Database, Statement } from 'better-sqlite3';
import type { CatalogEntry } from '../catalog/types.js';
import type { CatalogOverride, CatalogProduct } from '../schema/catalog.js';

interface EntryRow {
  product_id: string;
  kind: 'custom' | 'override';
  json: string;
  updated_at: string;
  updated_by: string;
}

/** The JSON was checked against the schema before it was stored, so it is read back as is. */
function toEntry(r: EntryRow): CatalogEntry {
  const base = { productId: r.product_id, updatedAt: r.updated_at, updatedBy: r.updated_by };
  return r.kind === 'custom'
    ? { kind: 'custom', ...base, product: JSON.parse(r.json) as CatalogProduct }
    : { kind: 'override', ...base, override: JSON.parse(r.json) as CatalogOverride };
}

/** SQL for `catalog_entries`: admins' own products and their overrides of built-in ones. */
export class CatalogEntryRepo {
  private readonly all: Statement<[], EntryRow>;
  private readonly byId: Statement<[string], EntryRow>;
  private readonly upsert: Statement<[EntryRow]>;
  private readonly deleteStmt: Statement<[string]>;

  constructor(db: Database) {
    // Oldest first: the order admins added them in is the order their rules are tried in.
    this.all = db.prepare('SELECT * FROM catalog_entries ORDER BY rowid');
    this.byId = db.prepare('SELECT * FROM catalog_entries WHERE product_id = ?');
    this.upsert = db.prepare(
      `INSERT INTO catalog_entries (product_id, kind, json, updated_at, updated_by)
       VALUES (@product_id, @kind, @json, @updated_at, @updated_by)
       ON CONFLICT (product_id) DO UPDATE SET kind = excluded.kind, json = excluded.json,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    );
    this.deleteStmt = db.prepare('DELETE FROM catalog_entries WHERE product_id = ?');
  }

  list(): CatalogEntry[] {
    return this.all.all().map(toEntry);
  }

  get(productId: string): CatalogEntry | undefined {
    const row = this.byId.get(productId);
    return row && toEntry(row);
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
