import { BUILTIN_PRODUCTS, catalogVersion, compileCatalog, mergeCatalog } from '../../src/catalog/index.js';
import type { CompiledCatalog } from '../../src/catalog/types.js';
import type { SeatLicence } from '../../src/classify/allocate.js';

let compiled: CompiledCatalog | undefined;

/** The built-in catalog, compiled once per test file. */
export function builtinCatalog(): CompiledCatalog {
  compiled ??= compileCatalog(mergeCatalog(BUILTIN_PRODUCTS, []), catalogVersion(0));
  return compiled;
}

/**
 * A site licence, unlimited, at unit 1 for every commercial product: tests of activation
 * and protection rules judge as if the unit had bought everything, so only those rules decide.
 */
export function everythingBought(unitId = 1): SeatLicence[] {
  return builtinCatalog().products.filter((p) => p.licence === 'commercial').map((p, i) => ({
    id: 1000 + i,
    productId: p.id,
    edition: null,
    versionFrom: null,
    versionTo: null,
    downgrade: false,
    model: 'site',
    kmsHosts: [],
    seats: null,
    unitId,
    unit: '测试单位',
    validFrom: null,
    validUntil: null,
  }));
}
