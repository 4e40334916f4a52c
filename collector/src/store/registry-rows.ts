import type { CatalogEntry } from '../catalog/types.js';
import type { CatalogOverride, CatalogProduct } from '../schema/catalog.js';
import type { DisposalKind, LicenceEvent, LicenceEventKind, LicenceModel } from '../schema/licences.js';
import type { LicenceRecord } from './registry-types.js';

/**
 * Rows of the registry's tables as both stores read them, and what they become: the
 * stores' SQL differs, the rows it answers do not (`allocated` is NULL where the engine
 * reads licences without it).
 */

export interface LicenceRow {
  id: number;
  product_id: string;
  edition: string | null;
  version_from: string | null;
  version_to: string | null;
  downgrade: number;
  model: LicenceModel;
  kms_hosts_json: string;
  seats: number | null;
  unit_id: number;
  unit_name: string;
  valid_from: string | null;
  valid_until: string | null;
  vendor: string | null;
  purchase_order: string | null;
  price_fen: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  allocated: number | null;
  disposed_whole: number;
  disposed_seats: number;
  doc_file_name: string | null;
  doc_media_type: string | null;
  doc_sha256: string | null;
  doc_size: number | null;
  doc_stored_at: string | null;
  doc_stored_by: string | null;
}

/**
 * Seats left after disposals. A disposal without a count took all that remained, so
 * once one exists nothing is left; an unlimited licence stays unlimited until then.
 * `disposed_whole` is how many such disposals there are, or whether there is one.
 */
export function effectiveSeats(r: { seats: number | null; disposed_whole: number | boolean; disposed_seats: number }): number | null {
  if (r.disposed_whole) return 0;
  if (r.seats === null) return null;
  return Math.max(0, r.seats - r.disposed_seats);
}

export function toLicenceRecord(r: LicenceRow): LicenceRecord {
  return {
    id: r.id,
    productId: r.product_id,
    edition: r.edition,
    versionFrom: r.version_from,
    versionTo: r.version_to,
    downgrade: r.downgrade === 1,
    model: r.model,
    kmsHosts: JSON.parse(r.kms_hosts_json) as string[],
    seats: r.seats,
    effectiveSeats: effectiveSeats(r),
    unitId: r.unit_id,
    unit: r.unit_name,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    vendor: r.vendor,
    purchaseOrder: r.purchase_order,
    price: r.price_fen === null ? null : r.price_fen / 100,
    notes: r.notes,
    document:
      r.doc_sha256 === null
        ? null
        : {
            fileName: r.doc_file_name!,
            mediaType: r.doc_media_type!,
            sha256: r.doc_sha256,
            size: r.doc_size!,
            storedAt: r.doc_stored_at!,
            storedBy: r.doc_stored_by!,
          },
    allocated: r.allocated ?? 0,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A licence as the verdict engine reads it, which counts the seats held itself. */
export function toEngineLicence(r: LicenceRow): Omit<LicenceRecord, 'allocated'> {
  const { allocated: _, ...rest } = toLicenceRecord(r);
  return rest;
}

export interface LicenceEventRow {
  id: number;
  licence_id: number;
  kind: LicenceEventKind;
  disposal: DisposalKind | null;
  date: string;
  seats: number | null;
  to_unit_id: number | null;
  valid_until: string | null;
  version_to: string | null;
  created_licence_id: number | null;
  notes: string | null;
  actor: string;
  created_at: string;
}

export const toLicenceEvent = (r: LicenceEventRow): LicenceEvent => ({
  id: r.id,
  licenceId: r.licence_id,
  kind: r.kind,
  disposal: r.disposal,
  date: r.date,
  seats: r.seats,
  toUnitId: r.to_unit_id,
  validUntil: r.valid_until,
  versionTo: r.version_to,
  createdLicenceId: r.created_licence_id,
  notes: r.notes,
  actor: r.actor,
  createdAt: r.created_at,
});

export interface CatalogEntryRow {
  product_id: string;
  kind: 'custom' | 'override';
  json: string;
  updated_at: string;
  updated_by: string;
}

/** The JSON was checked against the schema before it was stored, so it is read back as is. */
export function toCatalogEntry(r: CatalogEntryRow): CatalogEntry {
  const base = { productId: r.product_id, updatedAt: r.updated_at, updatedBy: r.updated_by };
  return r.kind === 'custom'
    ? { kind: 'custom', ...base, product: JSON.parse(r.json) as CatalogProduct }
    : { kind: 'override', ...base, override: JSON.parse(r.json) as CatalogOverride };
}
