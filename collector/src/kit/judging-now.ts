import type { CompiledCatalog } from '../catalog/types.js';
import { ancestryOf } from '../engine/ancestry.js';
import type { CatalogProduct, CatalogProductView } from '../schema/catalog.js';
import type { Store } from '../store/store.js';
import type { KitJudging } from './kit-schema.js';

/** Unit ids start at 1: a kit made for no unit judges as a unit outside the tree. */
const NO_UNIT = 0;

export interface JudgingOptions {
  unitId: number | null;
  /** What `serve --trusted-kms` is given: the organisation's own KMS hosts. */
  trustedKmsHosts: readonly string[];
}

/** The product as kit.json keeps it: without the admin API's origin and override. */
function productOnly(p: CatalogProduct): CatalogProduct {
  const { origin: _origin, override: _override, ...product } = p as CatalogProductView;
  return product;
}

/**
 * What the collector judges a machine of the unit with, now: the effective catalog, the
 * list entries along the unit's ancestry, the licences that can cover it, and the KMS
 * hosts trusted as the engine trusts them (the given ones and every KMS licence's). Read
 * by `kit create` to write kit.json, and by an import to judge a kit's scan again.
 */
export async function judgingNow(store: Store, catalog: CompiledCatalog, o: JudgingOptions): Promise<KitJudging> {
  const entries = await store.read.lists.list();
  // One transaction: the licences, the tree and the revision they are quoted under agree.
  const read = await store.transaction(async ({ engine: tx }) => ({
    licences: await tx.seatLicences(),
    parents: await tx.unitParents(),
    kmsHosts: await tx.licensedKmsHosts(),
    revision: await tx.registryRevision(),
  }));
  const unitAncestry = o.unitId === null ? [NO_UNIT] : [...ancestryOf(read.parents)(o.unitId)];
  const onPath = (unitId: number | null) => unitId === null || unitAncestry.includes(unitId);
  return {
    products: catalog.products.map(productOnly),
    lists: entries.filter((e) => onPath(e.unitId)),
    licences: read.licences.filter((l) => onPath(l.unitId)).map((l) => ({ ...l, kmsHosts: [...l.kmsHosts] })),
    trustedKmsHosts: [...new Set([...o.trustedKmsHosts, ...read.kmsHosts])],
    unitAncestry,
    registryRevision: read.revision,
  };
}
