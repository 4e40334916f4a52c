import type { CatalogProduct, MatchRule } from '../../src/schema/catalog.js';

/** Small hand-made products for the unit tests, independent of the built-in data. */
export function product(id: string, rules: Omit<MatchRule, 'id'>[], extra: Partial<CatalogProduct> = {}): CatalogProduct {
  return {
    id,
    name: id,
    nameZh: id,
    category: 'other',
    vendor: 'Vendor',
    domestic: false,
    licence: 'commercial',
    rules: rules.map((r, i) => ({ id: `${id}/r${i + 1}`, ...r })),
    ...extra,
  };
}
