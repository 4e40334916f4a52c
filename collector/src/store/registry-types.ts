import type { CatalogOverride, CatalogProduct } from '../schema/catalog.js';
import type { LicenceDocumentInfo, LicenceView } from '../schema/licences.js';
import type { UnitView } from '../schema/units.js';

/**
 * Who made a registry write (units and people, licences, lists, catalog changes) and
 * when. Each write records itself in the audit log, bumps the registry revision and
 * marks a re-judge as owed, all in its one transaction; the service then runs the
 * re-judge, which clears the mark.
 */
export interface Write {
  actor: string;
  at: string;
}

/** A unit without its people and machine count, as the store keeps it. */
export type UnitRecord = Omit<UnitView, 'people' | 'machines'>;

export interface LicenceFilter {
  /** Only licences scoped to one of these units (a viewer's subtree). */
  unitIds?: readonly number[];
  productId?: string;
  limit: number;
  offset: number;
}

export interface LicenceDocument extends LicenceDocumentInfo {
  content: Buffer;
}

/** `product` (the catalog name) is filled in by the service; the store keeps ids. */
export type LicenceRecord = Omit<LicenceView, 'product'>;

export interface ListFilter {
  list?: 'deny' | 'allow';
  /** Only entries scoped to one of these units; global entries (unit null) are always included. */
  unitIds?: readonly number[];
}

export type NewCatalogEntry =
  | { kind: 'custom'; productId: string; product: CatalogProduct }
  | { kind: 'override'; productId: string; override: CatalogOverride };

export interface AuditFilter {
  limit: number;
  offset: number;
  /** Actions starting with this, e.g. `licence.`. */
  action?: string;
}
