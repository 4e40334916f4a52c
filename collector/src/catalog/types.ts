import type { Antivirus, OfficeSuite, OperatingSystem, SoftwareItem } from '@zhengban/shared';
import type { CatalogEdition, CatalogOverride, CatalogProduct, LicenceRequirement } from '../schema/catalog.js';

/** What the catalog made of one reported product. */
export interface Recognition {
  product: CatalogProduct;
  /** The id of the rule that matched, quoted in findings. */
  ruleId: string;
  edition: CatalogEdition | undefined;
  /** `10`, `2019`, `V10`: the version a licence speaks of; undefined when unreadable. */
  release: string | undefined;
  /** The edition's requirement when it has one, else the product's. */
  licence: LicenceRequirement;
}

/**
 * The effective catalog (built-in merged with admins' entries), its patterns compiled
 * once. First matching rule wins: admins' rules, then built-in ones in catalog order,
 * so specific products sit before general ones.
 */
export interface CompiledCatalog {
  /** `2026.11-1` or, with local changes, `2026.11-1+local.3`. */
  readonly version: string;
  readonly products: readonly CatalogProduct[];
  product(id: string): CatalogProduct | undefined;
  recogniseOs(os: OperatingSystem): Recognition | undefined;
  recogniseOffice(suite: OfficeSuite): Recognition | undefined;
  recogniseAntivirus(av: Antivirus): Recognition | undefined;
  /** Only rules `on: 'software'`: office, OS and antivirus are recognised from their own lists. */
  recogniseSoftware(item: SoftwareItem): Recognition | undefined;
}

/** What admins stored: a product of their own, or a change to a built-in one. */
export type CatalogEntry =
  | { kind: 'custom'; productId: string; product: CatalogProduct; updatedAt: string; updatedBy: string }
  | { kind: 'override'; productId: string; override: CatalogOverride; updatedAt: string; updatedBy: string };
