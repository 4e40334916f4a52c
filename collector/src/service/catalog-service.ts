import type { Static } from 'typebox';
import { BUILTIN_PRODUCTS, catalogVersion, checkCrackTool, checkPatterns, compileCatalog, mergeCatalog } from '../catalog/index.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { CatalogOverride, CatalogProduct, CatalogProductView, CatalogView, CatalogWriteResult, MatchRule } from '../schema/catalog.js';
import type { NewCatalogEntry } from '../store/registry-types.js';
import { assertAdmin, type Caller } from './access.js';
import { deleteCatalogEntry, putCatalogEntry } from './catalog-entry-write.js';
import { ConflictError, InUseError, InvalidInputError, NotFoundError } from './errors.js';
import { actorOf, writeBy, type RegistryDeps } from './registry-deps.js';

/**
 * The catalog as admins see and change it. Products are global reference data, so
 * anyone signed in reads them; only admins (or the CLI) add products or override
 * built-in ones. Each write re-judges every machine: a rule change can change what
 * any installed program is recognised as.
 */

type WriteResult = Static<typeof CatalogWriteResult>;

const builtin = (id: string) => BUILTIN_PRODUCTS.find((p) => p.id === id);

async function effective(deps: RegistryDeps): Promise<{ entries: CatalogEntry[]; products: CatalogProductView[] }> {
  const entries = await deps.store.read.catalogEntries.list();
  return { entries, products: mergeCatalog(BUILTIN_PRODUCTS, entries) };
}

export async function viewCatalog(deps: RegistryDeps): Promise<CatalogView> {
  const { products } = await effective(deps);
  return { version: catalogVersion(await deps.store.read.meta.revision('catalog')), products };
}

export async function getProduct(deps: RegistryDeps, id: string): Promise<CatalogProductView> {
  const product = (await effective(deps)).products.find((p) => p.id === id);
  if (!product) throw new NotFoundError(`catalog product ${id}`);
  return product;
}

/**
 * Rule ids are how findings and overrides name rules, so they must be unique across the
 * catalog (built-in ones reserved even when switched off) and say whose they are.
 */
/** `others`: the effective products other than this one. */
function checkRuleIds(productId: string, rules: readonly MatchRule[], others: readonly CatalogProduct[], field: string): void {
  const taken = new Map<string, string>();
  for (const p of [...BUILTIN_PRODUCTS, ...others]) for (const r of p.rules) taken.set(r.id, p.id);
  const seen = new Set<string>();
  for (const rule of rules) {
    if (!rule.id.startsWith(`${productId}/`)) throw new InvalidInputError(`${field}: rule id ${rule.id} must start with ${productId}/`);
    if (seen.has(rule.id)) throw new ConflictError(`${field}: rule id ${rule.id} is given twice`);
    const owner = taken.get(rule.id);
    if (owner !== undefined) throw new ConflictError(`${field}: rule id ${rule.id} is already a rule of product ${owner}`);
    seen.add(rule.id);
  }
}

/** Compiles the catalog as it would be after the write, so a write never leaves a catalog that cannot load. */
/** The catalog as it would be: every pattern compiles, and the product written makes sense as a whole. */
function dryRun(entries: readonly CatalogEntry[], next: NewCatalogEntry): void {
  const placeholder = { updatedAt: '', updatedBy: '' };
  const rest = entries.filter((e) => e.productId !== next.productId);
  const products = mergeCatalog(BUILTIN_PRODUCTS, [...rest, { ...next, ...placeholder }]);
  compileCatalog(products, 'check');
  const written = products.find((q) => q.id === next.productId);
  if (written) checkCrackTool(written);
}

async function written(deps: RegistryDeps, p: Caller, id: string, what: string): Promise<WriteResult> {
  const product = await getProduct(deps, id);
  const rejudged = await deps.rejudge({ trigger: 'catalog', detail: `${what} by ${actorOf(p)}`, reassess: 'all' });
  return { product, rejudged };
}

export async function addProduct(deps: RegistryDeps, p: Caller, product: CatalogProduct): Promise<WriteResult> {
  assertAdmin(p);
  const { entries, products } = await effective(deps);
  if (builtin(product.id)) {
    throw new ConflictError(`${product.id} is a built-in product: change it with an override, not a new product`);
  }
  if (entries.some((e) => e.productId === product.id)) throw new ConflictError(`custom product ${product.id} already exists`);
  checkPatterns(product);
  checkRuleIds(product.id, product.rules, products, 'rules');
  const editions = new Set<string>();
  for (const e of product.editions ?? []) {
    if (editions.has(e.id)) throw new InvalidInputError(`editions: edition id ${e.id} is given twice`);
    editions.add(e.id);
  }
  const next: NewCatalogEntry = { kind: 'custom', productId: product.id, product };
  dryRun(entries, next);
  const w = writeBy(deps, p);
  await deps.store.transaction((tx) => putCatalogEntry(tx, next, w));
  return written(deps, p, product.id, `catalog product ${product.id} added`);
}

export async function overrideProduct(deps: RegistryDeps, p: Caller, id: string, override: CatalogOverride): Promise<WriteResult> {
  assertAdmin(p);
  const base = builtin(id);
  if (!base) throw new NotFoundError(`built-in product ${id}`);
  checkPatterns(override);
  const own = new Set(base.rules.map((r) => r.id));
  for (const ruleId of override.disableRules ?? []) {
    if (!own.has(ruleId)) throw new InvalidInputError(`disableRules: ${ruleId} is not a rule of built-in product ${id}`);
  }
  const { entries, products } = await effective(deps);
  checkRuleIds(id, override.addRules ?? [], products.filter((q) => q.id !== id), 'addRules');
  const next: NewCatalogEntry = { kind: 'override', productId: id, override };
  dryRun(entries, next);
  const w = writeBy(deps, p);
  await deps.store.transaction((tx) => putCatalogEntry(tx, next, w));
  return written(deps, p, id, `catalog product ${id} overridden`);
}

/** Drops the override: the product is the built-in one again. */
export async function resetOverride(deps: RegistryDeps, p: Caller, id: string): Promise<WriteResult> {
  assertAdmin(p);
  const { entries } = await effective(deps);
  if (!entries.some((e) => e.kind === 'override' && e.productId === id)) throw new NotFoundError(`override of catalog product ${id}`);
  const w = writeBy(deps, p);
  await deps.store.transaction((tx) => deleteCatalogEntry(tx, id, w));
  return written(deps, p, id, `override of catalog product ${id} removed`);
}

/** Removes an admin's own product; refused while licences name it, which would then point at nothing. */
export async function removeProduct(deps: RegistryDeps, p: Caller, id: string): Promise<WriteResult> {
  assertAdmin(p);
  const product = await getProduct(deps, id);
  if (product.origin !== 'custom') {
    throw new InvalidInputError(`${id} is a built-in product and cannot be removed; reset its override instead`);
  }
  const w = writeBy(deps, p);
  // Counted in the transaction that deletes it, so a licence committed just before is not missed.
  await deps.store.transaction(async (tx) => {
    const { total } = await tx.licences.list({ productId: id, limit: 1, offset: 0 });
    if (total > 0) throw new InUseError(`${total} licence(s) name product ${id}; delete them first`);
    await deleteCatalogEntry(tx, id, w);
  });
  const rejudged = await deps.rejudge({ trigger: 'catalog', detail: `catalog product ${id} removed by ${actorOf(p)}`, reassess: 'all' });
  return { product, rejudged };
}
