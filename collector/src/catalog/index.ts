// STUB written by the integrator; the catalog helper replaces the bodies (not the signatures).
import { ZhengbanError } from '@zhengban/shared';
import type { CatalogOverride, CatalogProduct, CatalogProductView } from '../schema/catalog.js';
import type { CatalogEntry, CompiledCatalog } from './types.js';

export type { CatalogEntry, CompiledCatalog, Recognition } from './types.js';

/** Bump when a built-in product or rule changes. */
export const BUILTIN_CATALOG_VERSION = '2026.11-1';

export const BUILTIN_PRODUCTS: readonly CatalogProduct[] = [];

/** A pattern in a product, rule or override that is not a valid regular expression. */
export class CatalogPatternError extends ZhengbanError {
  constructor(where: string, cause: unknown) {
    super('E_CATALOG_PATTERN', `${where} is not a valid regular expression: ${(cause as Error).message}`, { status: 400, cause });
  }
}

/** `2026.11-1` with no local changes, `2026.11-1+local.3` at local revision 3. */
export function catalogVersion(localRevision: number): string {
  return localRevision === 0 ? BUILTIN_CATALOG_VERSION : `${BUILTIN_CATALOG_VERSION}+local.${localRevision}`;
}

/** Built-in products with admins' entries applied, in matching order (custom products first). */
export function mergeCatalog(_builtin: readonly CatalogProduct[], _entries: readonly CatalogEntry[]): CatalogProductView[] {
  throw new Error('not implemented');
}

/** Compiles every pattern once; throws CatalogPatternError naming the rule whose pattern is bad. */
export function compileCatalog(_products: readonly CatalogProduct[], _version: string): CompiledCatalog {
  throw new Error('not implemented');
}

/** Throws CatalogPatternError when a pattern of the product or override does not compile. */
export function checkPatterns(_what: CatalogProduct | CatalogOverride): void {
  throw new Error('not implemented');
}

/** Orders releases: `7` < `10` < `11`, `2016` < `2019`, `V10` < `V10 SP1`; numbers compare as numbers. */
export function compareReleases(_a: string, _b: string): number {
  throw new Error('not implemented');
}

/**
 * Whether a licence's version range covers a release. Without a range every release is
 * covered. With one: `from ≤ release ≤ to`, or with downgrade rights `release ≤ to`.
 * An unreadable release (undefined) under a range is not covered.
 */
export function releaseCovered(
  _release: string | undefined,
  _range: { from: string | null; to: string | null; downgrade: boolean },
): boolean {
  throw new Error('not implemented');
}
