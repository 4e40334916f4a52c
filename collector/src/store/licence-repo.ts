import type { Database, Statement } from 'better-sqlite3';
import type { LicenceModel } from '../schema/licences.js';
import { toEngineLicence, toLicenceRecord, type LicenceRow } from './registry-rows.js';
import type { LicenceFilter, LicenceRecord } from './registry-types.js';

/** A licence as its columns hold it: price in fen, KMS hosts as JSON. */
export interface LicenceColumns {
  productId: string;
  edition: string | null;
  versionFrom: string | null;
  versionTo: string | null;
  downgrade: boolean;
  model: LicenceModel;
  kmsHosts: string[];
  seats: number | null;
  unitId: number;
  validFrom: string | null;
  validUntil: string | null;
  vendor: string | null;
  purchaseOrder: string | null;
  priceFen: number | null;
  notes: string | null;
}

// `allocated` counts the seats held, for people reading licences; the engine, which
// allocates seats itself, reads licences without it (counting 50,000 allocations of a
// county licence was most of an ingest's time at 100,000 machines).
const select = (allocated: boolean) => `
SELECT l.*, u.name AS unit_name,
  ${allocated ? 'coalesce((SELECT c.used FROM licence_seats_used c WHERE c.licence_id = l.id), 0)' : 'NULL'} AS allocated,
  (SELECT count(*) FROM licence_events e WHERE e.licence_id = l.id AND e.kind = 'disposal' AND e.seats IS NULL) AS disposed_whole,
  (SELECT coalesce(sum(e.seats), 0) FROM licence_events e WHERE e.licence_id = l.id AND e.kind = 'disposal') AS disposed_seats,
  d.file_name AS doc_file_name, d.media_type AS doc_media_type, d.sha256 AS doc_sha256, d.size AS doc_size,
  d.stored_at AS doc_stored_at, d.stored_by AS doc_stored_by
FROM licences l
JOIN units u ON u.id = l.unit_id
LEFT JOIN licence_documents d ON d.licence_id = l.id`;

/** `@units`: a JSON array of unit ids, or NULL for every unit. */
const WHERE = `WHERE (@units IS NULL OR l.unit_id IN (SELECT value FROM json_each(@units)))
  AND (@product IS NULL OR l.product_id = @product)`;

interface FilterParams {
  units: string | null;
  product: string | null;
}

const columnParams = (c: LicenceColumns) => ({
  product_id: c.productId,
  edition: c.edition,
  version_from: c.versionFrom,
  version_to: c.versionTo,
  downgrade: c.downgrade ? 1 : 0,
  model: c.model,
  kms_hosts_json: JSON.stringify(c.kmsHosts),
  seats: c.seats,
  unit_id: c.unitId,
  valid_from: c.validFrom,
  valid_until: c.validUntil,
  vendor: c.vendor,
  purchase_order: c.purchaseOrder,
  price_fen: c.priceFen,
  notes: c.notes,
});
type ColumnParams = ReturnType<typeof columnParams>;

/** SQL for `licences`, read with what the view needs: unit name, seats held, disposals, document info. */
export class LicenceRepo {
  private readonly byId: Statement<[number], LicenceRow>;
  private readonly forEngine: Statement<[], LicenceRow>;
  private readonly page: Statement<[FilterParams & { limit: number; offset: number }], LicenceRow>;
  private readonly count: Statement<[FilterParams], { n: number }>;
  private readonly insertStmt: Statement<[ColumnParams & { at: string }], { id: number }>;
  private readonly updateStmt: Statement<[ColumnParams & { id: number; at: string }]>;
  private readonly deleteStmt: Statement<[number]>;

  constructor(db: Database) {
    this.byId = db.prepare(`${select(true)} WHERE l.id = ?`);
    this.page = db.prepare(`${select(true)} ${WHERE} ORDER BY l.id LIMIT @limit OFFSET @offset`);
    this.forEngine = db.prepare(`${select(false)} ORDER BY l.id`);
    this.count = db.prepare(`SELECT count(*) AS n FROM licences l ${WHERE}`);
    const cols = 'product_id, edition, version_from, version_to, downgrade, model, kms_hosts_json, seats, unit_id, valid_from, valid_until, vendor, purchase_order, price_fen, notes';
    const values = cols.split(', ').map((c) => `@${c}`).join(', ');
    this.insertStmt = db.prepare(`INSERT INTO licences (${cols}, created_at, updated_at) VALUES (${values}, @at, @at) RETURNING id`);
    const sets = cols.split(', ').map((c) => `${c} = @${c}`).join(', ');
    this.updateStmt = db.prepare(`UPDATE licences SET ${sets}, updated_at = @at WHERE id = @id`);
    this.deleteStmt = db.prepare('DELETE FROM licences WHERE id = ?');
  }

  get(id: number): LicenceRecord | undefined {
    const row = this.byId.get(id);
    return row && toLicenceRecord(row);
  }

  /** get, to write the row after: SQLite's write transaction already holds the whole database, so nothing more to take. */
  getForUpdate(id: number): LicenceRecord | undefined {
    return this.get(id);
  }

  /** Every licence, for the verdict engine's seat allocation: without the count of seats held, which the engine keeps itself. */
  all(): Omit<LicenceRecord, 'allocated'>[] {
    return this.forEngine.all().map(toEngineLicence);
  }

  list(f: LicenceFilter): { licences: LicenceRecord[]; total: number } {
    const params: FilterParams = { units: f.unitIds === undefined ? null : JSON.stringify(f.unitIds), product: f.productId ?? null };
    return {
      licences: this.page.all({ ...params, limit: f.limit, offset: f.offset }).map(toLicenceRecord),
      total: this.count.get(params)!.n,
    };
  }

  insert(c: LicenceColumns, at: string): number {
    return this.insertStmt.get({ ...columnParams(c), at })!.id;
  }

  update(id: number, c: LicenceColumns, at: string): void {
    this.updateStmt.run({ ...columnParams(c), id, at });
  }

  delete(id: number): void {
    this.deleteStmt.run(id);
  }
}
