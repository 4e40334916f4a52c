import type { CompiledCatalog } from '../catalog/types.js';
import type { LicenceEvent, LicenceEventInput, LicenceInput, LicenceList, LicencePatch, LicenceView } from '../schema/licences.js';
import type { LicenceRecord } from '../store/registry-types.js';
import { inputOf } from '../store/licence-store.js';
import { assertAdmin, type Caller, unwrap, visibleUnits } from './access.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import { eventProblem, licenceProblem, seatsProblem, type Problem } from './licence-validate.js';
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

const refuse = (p: Problem | undefined): void => {
  if (p) throw new InvalidInputError(p.message);
};

async function assertUnitExists(deps: RegistryDeps, unitId: number, field: string): Promise<void> {
  if (!(await deps.store.org.get(unitId))) throw new InvalidInputError(`${field}: there is no unit ${unitId}`);
}

/** The licence, or 404 when it is missing or outside what the caller may read. */
export async function visibleLicence(deps: RegistryDeps, who: Caller, id: number): Promise<LicenceRecord> {
  const record = await deps.store.licences.get(id);
  const visible = await visibleUnits(deps.store, who);
  if (!record || (visible !== undefined && !visible.includes(record.unitId))) throw new NotFoundError(`licence #${id}`);
  return record;
}

/** The units a list or export covers: the caller's subtree, narrowed to a unit's subtree when asked. */
export async function unitsInScope(deps: RegistryDeps, who: Caller, unitId?: number): Promise<readonly number[] | undefined> {
  const visible = await visibleUnits(deps.store, who);
  if (unitId === undefined) return visible;
  const subtree = await deps.store.org.subtreeIds(unitId);
  return visible === undefined ? subtree : subtree.filter((id) => visible.includes(id));
}

export async function listLicences(deps: RegistryDeps, who: Caller, q: LicenceQuery): Promise<LicenceList> {
  const unitIds = await unitsInScope(deps, who, q.unitId);
  const page = await deps.store.licences.list({
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

async function rejudged(deps: RegistryDeps, detail: string, products: readonly string[]): Promise<RejudgeSummary> {
  return deps.rejudge({ trigger: 'licence', detail, products: [...new Set(products)] });
}

export async function createLicence(deps: RegistryDeps, who: Caller, input: LicenceInput): Promise<LicenceWrite> {
  assertAdmin(who);
  const catalog = await deps.catalog();
  refuse(licenceProblem(input, catalog));
  await assertUnitExists(deps, input.unitId, 'unitId');
  const record = unwrap(await deps.store.licences.create(input, writeBy(deps, who)));
  const summary = await rejudged(deps, `licence #${record.id} created by ${actorOf(who)}`, [record.productId]);
  return { licence: viewOf(record, catalog), rejudged: summary };
}

export async function updateLicence(deps: RegistryDeps, who: Caller, id: number, patch: LicencePatch): Promise<LicenceWrite> {
  assertAdmin(who);
  const current = await visibleLicence(deps, who, id);
  const after: LicenceInput = { ...inputOf(current), ...patch };
  const catalog = await deps.catalog();
  refuse(licenceProblem(after, catalog) ?? seatsProblem(current, after));
  if (after.unitId !== current.unitId) await assertUnitExists(deps, after.unitId, 'unitId');
  const record = unwrap(await deps.store.licences.update(id, patch, writeBy(deps, who)));
  const summary = await rejudged(deps, `licence #${id} updated by ${actorOf(who)}`, [record.productId, current.productId]);
  return { licence: viewOf(record, catalog), rejudged: summary };
}

/** For a licence entered by mistake; one that ends is disposed of with an event instead. */
export async function deleteLicence(deps: RegistryDeps, who: Caller, id: number): Promise<LicenceWrite> {
  assertAdmin(who);
  await visibleLicence(deps, who, id);
  const record = unwrap(await deps.store.licences.delete(id, writeBy(deps, who)));
  const summary = await rejudged(deps, `licence #${id} deleted by ${actorOf(who)}`, [record.productId]);
  return { licence: viewOf(record, await deps.catalog()), rejudged: summary };
}

/**
 * A reallocation names the receiving unit and the licence it created there; a viewer who
 * cannot see that unit gets the event without those ids, so outside records do not leak.
 */
export async function licenceEvents(deps: RegistryDeps, who: Caller, id: number): Promise<{ events: LicenceEvent[] }> {
  await visibleLicence(deps, who, id);
  const events = await deps.store.licences.events(id);
  const visible = await visibleUnits(deps.store, who);
  if (visible === undefined) return { events };
  return {
    events: events.map((e) =>
      e.toUnitId === null || visible.includes(e.toUnitId) ? e : { ...e, toUnitId: null, createdLicenceId: null },
    ),
  };
}

export interface EventWrite {
  event: LicenceEvent;
  /** The licence after the event. */
  licence: LicenceView;
  /** The receiving unit's new licence, after a reallocation (调剂). */
  created: LicenceView | null;
  rejudged: RejudgeSummary;
}

export async function addLicenceEvent(deps: RegistryDeps, who: Caller, id: number, input: LicenceEventInput): Promise<EventWrite> {
  assertAdmin(who);
  const current = await visibleLicence(deps, who, id);
  refuse(eventProblem(current, input));
  if (input.toUnitId !== undefined) await assertUnitExists(deps, input.toUnitId, 'toUnitId');
  const event = unwrap(await deps.store.licences.addEvent(id, input, writeBy(deps, who)));
  const what = event.createdLicenceId === null ? input.kind : `${input.disposal} to licence #${event.createdLicenceId}`;
  const summary = await rejudged(deps, `licence #${id} ${what} by ${actorOf(who)}`, [current.productId]);
  const catalog = await deps.catalog();
  const created = event.createdLicenceId === null ? undefined : await deps.store.licences.get(event.createdLicenceId);
  return {
    event,
    licence: viewOf((await deps.store.licences.get(id))!, catalog),
    created: created ? viewOf(created, catalog) : null,
    rejudged: summary,
  };
}
