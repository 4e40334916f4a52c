import type { Antivirus, OfficeSuite, OperatingSystem, SoftwareItem } from '@zhengban/shared';
import type { CatalogEdition, CatalogOverride, CatalogProduct, LicenceRequirement, TraceSubject } from '../schema/catalog.js';
import type { Subject } from './subject.js';

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
  /** `2026.12-1` or, with local changes, `2026.12-1+local.3`. */
  readonly version: string;
  readonly products: readonly CatalogProduct[];
  product(id: string): CatalogProduct | undefined;
  recogniseOs(os: OperatingSystem): Recognition | undefined;
  recogniseOffice(suite: OfficeSuite): Recognition | undefined;
  recogniseAntivirus(av: Antivirus): Recognition | undefined;
  /**
   * Only rules `on: 'software'`: an Uninstall entry or package. Office suites and
   * antivirus have such rules too, so a suite the agent saw only there is still known.
   */
  recogniseSoftware(item: SoftwareItem): Recognition | undefined;
  /** A service, task, process, file, registry value or KMS host: what crack tools leave. */
  recogniseTrace(on: TraceSubject, subject: Subject): Recognition | undefined;
}

/** What admins stored: a product of their own, or a change to a built-in one. */
export type CatalogEntry =
  | { kind: 'custom'; productId: string; product: CatalogProduct; updatedAt: string; updatedBy: string }
  | { kind: 'override'; productId: string; override: CatalogOverride; updatedAt: string; updatedBy: string };
