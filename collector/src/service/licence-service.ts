import type { CompiledCatalog } from '../catalog/types.js';
import type { LicenceInput, LicenceList, LicencePatch, LicenceView } from '../schema/licences.js';
import type { LicenceRecord, Write } from '../store/registry-types.js';
import type { Store } from '../store/store.js';
import { assertAdmin, type Caller, visibleUnits } from './access.js';
import { NotFoundError } from './errors.js';
import { assertUnitExists, changes, columnsOf, existingLicence, inputOf, insertLicence, licenceTarget } from './licence-write.js';
import { licenceProblem, refuseProblem, seatsProblem } from './licence-validate.js';
import { actorOf, writeBy, type RegistryDeps } from './registry-deps.js';
import type { RejudgeSummary } from './rejudge-types.js';

/**
 * The licence registry for admins, viewers and the CLI: viewers read the licences of
 * their subtree (others answer 404) and write nothing; every write is checked against
 * the catalog, committed with its audit entry, then re-judged for its products.
 */

export interface LicenceWrite {
  licence: LicenceView;
  rejudged: RejudgeSummary;
}

export interface LicenceQuery {
  productId?: string;
  /** The licences of this unit and the units below it. */
  unitId?: number;
  limit: number;
  offset: number;
}

/** The view of a stored licence: the product's catalog name filled in. */
export function viewOf(r: LicenceRecord, catalog: CompiledCatalog): LicenceView {
  return { ...r, product: catalog.product(r.productId)?.name ?? r.productId };
}

/** The licence, or 404 when it is missing or outside what the caller may read. */
export async function visibleLicence(deps: RegistryDeps, who: Caller, id: number): Promise<LicenceRecord> {
  const record = await deps.store.read.licences.get(id);
  const visible = await visibleUnits(deps.store, who);
  if (!record || (visible !== undefined && !visible.includes(record.unitId))) throw new NotFoundError(licenceTarget(id));
  return record;
}

/** The units a list or export covers: the caller's subtree, narrowed to a unit's subtree when asked. */
export async function unitsInScope(deps: RegistryDeps, who: Caller, unitId?: number): Promise<readonly number[] | undefined> {
  const visible = await visibleUnits(deps.store, who);
  if (unitId === undefined) return visible;
  const subtree = await deps.store.read.units.subtreeIds(unitId);
  return visible === undefined ? subtree : subtree.filter((id) => visible.includes(id));
}

export async function listLicences(deps: RegistryDeps, who: Caller, q: LicenceQuery): Promise<LicenceList> {
  const unitIds = await unitsInScope(deps, who, q.unitId);
  const page = await deps.store.read.licences.list({
    limit: q.limit,
    offset: q.offset,
    ...(unitIds === undefined ? {} : { unitIds }),
    ...(q.productId === undefined ? {} : { productId: q.productId }),
  });
  const catalog = await deps.catalog();
  return { licences: page.licences.map((r) => viewOf(r, catalog)), total: page.total };
}

export async function getLicence(deps: RegistryDeps, who: Caller, id: number): Promise<LicenceView> {
  return viewOf(await visibleLicence(deps, who, id), await deps.catalog());
}

/** Re-judges the machines a licence write can change: those with one of these products. */
export async function rejudgeProducts(deps: RegistryDeps, detail: string, products: readonly string[]): Promise<RejudgeSummary> {
  return deps.rejudge({ trigger: 'licence', detail, products: [...new Set(products)] });
}

export async function createLicence(deps: RegistryDeps, who: Caller, input: LicenceInput): Promise<LicenceWrite> {
  assertAdmin(who);
  const catalog = await deps.catalog();
  refuseProblem(licenceProblem(input, catalog));
  const record = await commitLicence(deps.store, input, writeBy(deps, who));
  const summary = await rejudgeProducts(deps, `licence #${record.id} created by ${actorOf(who)}`, [record.productId]);
  return { licence: viewOf(record, catalog), rejudged: summary };
}

/**
 * The new licence, its audit entry and the registry revision bump (which marks the
 * re-judge owed), in one transaction; the caller then runs the re-judge.
 */
export function commitLicence(store: Store, input: LicenceInput, w: Write): Promise<LicenceRecord> {
  return store.transaction(async (tx) => {
    await assertUnitExists(tx, input.unitId, 'unitId');
    const record = await insertLicence(tx, input, w, 'api');
    await tx.meta.bump('registry', `${licenceTarget(record.id)} created`);
    return record;
  });
}

export async function updateLicence(deps: RegistryDeps, who: Caller, id: number, patch: LicencePatch): Promise<LicenceWrite> {
  assertAdmin(who);
  const catalog = await deps.catalog();
  const w = writeBy(deps, who);
  const { previous, record } = await deps.store.transaction(async (tx) => {
    const current = await existingLicence(tx, id);
    const before = inputOf(current);
    const after: LicenceInput = { ...before, ...patch };
    refuseProblem(licenceProblem(after, catalog) ?? seatsProblem(current, after));
    if (after.unitId !== before.unitId) await assertUnitExists(tx, after.unitId, 'unitId');
    await tx.licences.update(id, columnsOf(after), w.at);
    await tx.audit.record({ at: w.at, actor: w.actor, action: 'licence.update', target: licenceTarget(id), detail: changes(before, after) });
    await tx.meta.bump('registry', `${licenceTarget(id)} updated`);
    return { previous: current, record: (await tx.licences.get(id))! };
  });
  const summary = await rejudgeProducts(deps, `licence #${id} updated by ${actorOf(who)}`, [record.productId, previous.productId]);
  return { licence: viewOf(record, catalog), rejudged: summary };
}

/** For a licence entered by mistake; one that ends is disposed of with an event instead. */
export async function deleteLicence(deps: RegistryDeps, who: Caller, id: number): Promise<LicenceWrite> {
  assertAdmin(who);
  const w = writeBy(deps, who);
  const record = await deps.store.transaction(async (tx) => {
    const current = await existingLicence(tx, id);
    await tx.licences.delete(id);
    await tx.audit.record({ at: w.at, actor: w.actor, action: 'licence.delete', target: licenceTarget(id), detail: { before: inputOf(current) } });
    await tx.meta.bump('registry', `${licenceTarget(id)} deleted`);
    return current;
  });
  const summary = await rejudgeProducts(deps, `licence #${id} deleted by ${actorOf(who)}`, [record.productId]);
  return { licence: viewOf(record, await deps.catalog()), rejudged: summary };
}
