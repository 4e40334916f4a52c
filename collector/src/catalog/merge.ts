import type { CatalogOverride, CatalogProduct, CatalogProductView } from '../schema/catalog.js';
import type { CatalogEntry } from './types.js';

function applyOverride(product: CatalogProduct, override: CatalogOverride): CatalogProduct {
  const { addRules, disableRules, ...fields } = override;
  const disabled = new Set(disableRules ?? []);
  return {
    ...product,
    ...fields,
    // Admins' rules first: they are how an admin corrects what the built-in rules get wrong.
    rules: [...(addRules ?? []), ...product.rules.filter((rule) => !disabled.has(rule.id))],
  };
}

/**
 * Built-in products with admins' entries applied, in matching order: custom products
 * first (an admin's product is more specific than the catalog's), then the built-in
 * ones. A custom product with a built-in id replaces it; an override for an id that is
 * not built-in (the product was dropped from the catalog) is ignored.
 */
export function mergeCatalog(builtin: readonly CatalogProduct[], entries: readonly CatalogEntry[]): CatalogProductView[] {
  const custom: CatalogProductView[] = [];
  const overrides = new Map<string, CatalogOverride>();
  for (const entry of entries) {
    if (entry.kind === 'custom') custom.push({ ...entry.product, origin: 'custom', override: null });
    else overrides.set(entry.productId, entry.override);
  }
  const customIds = new Set(custom.map((p) => p.id));
  const rest = builtin
    .filter((product) => !customIds.has(product.id))
    .map((product): CatalogProductView => {
      const override = overrides.get(product.id);
      return override
        ? { ...applyOverride(product, override), origin: 'overridden', override }
        : { ...product, origin: 'built-in', override: null };
    });
  return [...custom, ...rest];
}
