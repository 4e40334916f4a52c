import type { Async } from '../async.js';
import type { LicenceColumns, LicenceRepo } from '../licence-repo.js';
import { toEngineLicence, toLicenceRecord, type LicenceRow } from '../registry-rows.js';
import type { LicenceFilter, LicenceRecord } from '../registry-types.js';
import { row, rows, run, stmt, type Queryable } from './query.js';

type Row = LicenceRow & Record<string, unknown>;

// The engine reads licences without `allocated` (see ../licence-repo.ts). sum() of a
// bigint is numeric, which node-postgres gives as a string: cast back to bigint.
const select = (allocated: boolean) => `
SELECT l.*, u.name AS unit_name,
  ${allocated ? 'coalesce((SELECT c.used FROM licence_seats_used c WHERE c.licence_id = l.id), 0)' : 'NULL::bigint'} AS allocated,
  (SELECT count(*) FROM licence_events e WHERE e.licence_id = l.id AND e.kind = 'disposal' AND e.seats IS NULL) AS disposed_whole,
  (SELECT coalesce(sum(e.seats), 0)::bigint FROM licence_events e WHERE e.licence_id = l.id AND e.kind = 'disposal') AS disposed_seats,
  d.file_name AS doc_file_name, d.media_type AS doc_media_type, d.sha256 AS doc_sha256, d.size AS doc_size,
  d.stored_at AS doc_stored_at, d.stored_by AS doc_stored_by
FROM licences l
JOIN units u ON u.id = l.unit_id
LEFT JOIN licence_documents d ON d.licence_id = l.id`;

/** $1: unit ids, or NULL for every unit (an empty array matches none); $2: a product id or NULL. */
const WHERE = `WHERE ($1::bigint[] IS NULL OR l.unit_id = ANY($1::bigint[]))
  AND ($2::text IS NULL OR l.product_id = $2::text)`;

const COLUMNS = [
  'product_id', 'edition', 'version_from', 'version_to', 'downgrade', 'model', 'kms_hosts_json', 'seats',
  'unit_id', 'valid_from', 'valid_until', 'vendor', 'purchase_order', 'price_fen', 'notes',
] as const;
const AT = `$${COLUMNS.length + 1}`;
const ID = `$${COLUMNS.length + 2}`;

const BY_ID = stmt('licences.get', `${select(true)} WHERE l.id = $1`);
// A write checks its change against the licence as get read it (a disposal against the
// seats left, ../../service/licence-event-service.ts), which SQLite's one writer keeps
// true until the commit. Here get holds the row until the transaction ends, so a second
// write to the licence waits and then reads what the first left. NO KEY: seats can still
// be allocated from it meanwhile.
const LOCK = stmt('licences.lock', 'SELECT FROM licences WHERE id = $1 FOR NO KEY UPDATE');
const FOR_ENGINE = stmt('licences.all', `${select(false)} ORDER BY l.id`);
const PAGE = stmt('licences.page', `${select(true)} ${WHERE} ORDER BY l.id LIMIT $3 OFFSET $4`);
const COUNT = stmt('licences.count', `SELECT count(*) AS n FROM licences l ${WHERE}`);
const INSERT = stmt(
  'licences.insert',
  `INSERT INTO licences (${COLUMNS.join(', ')}, created_at, updated_at)
   VALUES (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}, ${AT}, ${AT}) RETURNING id`,
);
const UPDATE = stmt('licences.update', `UPDATE licences SET ${COLUMNS.map((c, i) => `${c} = $${i + 1}`).join(', ')}, updated_at = ${AT} WHERE id = ${ID}`);
const DELETE = stmt('licences.delete', 'DELETE FROM licences WHERE id = $1');

/** The values of COLUMNS, in order. */
const columnValues = (c: LicenceColumns): unknown[] => [
  c.productId, c.edition, c.versionFrom, c.versionTo, c.downgrade ? 1 : 0, c.model, JSON.stringify(c.kmsHosts), c.seats,
  c.unitId, c.validFrom, c.validUntil, c.vendor, c.purchaseOrder, c.priceFen, c.notes,
];

/** `licences` on PostgreSQL: see ../licence-repo.ts. */
export class PgLicenceRepo implements Async<LicenceRepo> {
  constructor(private readonly q: Queryable) {}

  async get(id: number): Promise<LicenceRecord | undefined> {
    const r = await row<Row>(this.q, BY_ID, [id]);
    return r && toLicenceRecord(r);
  }

  /** get with the row locked until the transaction ends, for a write that depends on what it read. Locked apart from the read: a statement sees what was committed when it began, so the read must begin after the wait. */
  async getForUpdate(id: number): Promise<LicenceRecord | undefined> {
    await run(this.q, LOCK, [id]);
    return this.get(id);
  }

  async all(): Promise<Omit<LicenceRecord, 'allocated'>[]> {
    return (await rows<Row>(this.q, FOR_ENGINE)).map(toEngineLicence);
  }

  async list(f: LicenceFilter): Promise<{ licences: LicenceRecord[]; total: number }> {
    const params = [f.unitIds ?? null, f.productId ?? null];
    const [page, count] = await Promise.all([rows<Row>(this.q, PAGE, [...params, f.limit, f.offset]), row<{ n: number }>(this.q, COUNT, params)]);
    return { licences: page.map(toLicenceRecord), total: count!.n };
  }

  async insert(c: LicenceColumns, at: string): Promise<number> {
    return (await row<{ id: number }>(this.q, INSERT, [...columnValues(c), at]))!.id;
  }

  async update(id: number, c: LicenceColumns, at: string): Promise<void> {
    await run(this.q, UPDATE, [...columnValues(c), at, id]);
  }

  async delete(id: number): Promise<void> {
    await run(this.q, DELETE, [id]);
  }
}
