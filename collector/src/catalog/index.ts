/**
 * The product catalog: built-in products (builtin/), merged with admins' entries
 * (merge.ts), compiled for matching (compile.ts); release ordering for licence ranges (release.ts).
 */
export type { CatalogEntry, CompiledCatalog, Recognition } from './types.js';
export { BUILTIN_PRODUCTS } from './builtin/index.js';
export { CatalogPatternError, CatalogRuleError } from './errors.js';
export { checkCrackTool, checkPatterns } from './patterns.js';
export { mergeCatalog } from './merge.js';
export { compileCatalog } from './compile.js';
export { compareReleases, releaseCovered } from './release.js';

/** Bump when a built-in product or rule changes. */
export const BUILTIN_CATALOG_VERSION = '2026.12-1';

/** `2026.12-1` with no local changes, `2026.12-1+local.3` at local revision 3. */
export function catalogVersion(localRevision: number): string {
  return localRevision === 0 ? BUILTIN_CATALOG_VERSION : `${BUILTIN_CATALOG_VERSION}+local.${localRevision}`;
}
