import type { LicenceEvent, LicenceEventInput, LicenceView } from '../schema/licences.js';
import type { LicenceRecord, Write } from '../store/registry-types.js';
import type { StoreTx } from '../store/tx-types.js';
import { assertAdmin, type Caller, visibleUnits } from './access.js';
import { assertUnitExists, columnsOf, existingLicence, inputOf, insertLicence, licenceTarget } from './licence-write.js';
import { rejudgeProducts, viewOf, visibleLicence } from './licence-service.js';
import { eventProblem, refuseProblem } from './licence-validate.js';
import { actorOf, writeBy, type RegistryDeps } from './registry-deps.js';
import type { RejudgeSummary } from './rejudge-types.js';

/** A licence's life: purchase, install, upgrade, renewal, disposal (转让, 捐赠, 调剂, 报废). */

/**
 * A reallocation names the receiving unit and the licence it created there; a viewer who
 * cannot see that unit gets the event without those ids, so outside records do not leak.
 */
export async function licenceEvents(deps: RegistryDeps, who: Caller, id: number): Promise<{ events: LicenceEvent[] }> {
  await visibleLicence(deps, who, id);
  const events = await deps.store.read.licenceEvents.list(id);
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
  const w = writeBy(deps, who);
  const { event, productId } = await deps.store.transaction(async (tx) => {
    const current = await existingLicence(tx, id);
    refuseProblem(eventProblem(current, input));
    if (input.toUnitId !== undefined) await assertUnitExists(tx, input.toUnitId, 'toUnitId');
    const event = await applyEvent(tx, current, input, w);
    await tx.meta.bump('registry', `${licenceTarget(id)} ${input.kind} recorded`);
    return { event, productId: current.productId };
  });
  const what = event.createdLicenceId === null ? input.kind : `${input.disposal} to licence #${event.createdLicenceId}`;
  const summary = await rejudgeProducts(deps, `licence #${id} ${what} by ${actorOf(who)}`, [productId]);
  // Read after the re-judge, so the seats held are those it allocated.
  const catalog = await deps.catalog();
  const created = event.createdLicenceId === null ? undefined : await deps.store.read.licences.get(event.createdLicenceId);
  return {
    event,
    licence: viewOf((await deps.store.read.licences.get(id))!, catalog),
    created: created ? viewOf(created, catalog) : null,
    rejudged: summary,
  };
}

/**
 * Records the event and applies it: a renewal moves valid_until, an upgrade version_to,
 * a reallocation creates the receiving unit's licence. eventProblem has checked the
 * event against this same row in this transaction, so a disposal never takes more
 * seats than remain.
 */
async function applyEvent(tx: StoreTx, current: LicenceRecord, input: LicenceEventInput, w: Write): Promise<LicenceEvent> {
  const before = inputOf(current);
  if (input.kind === 'renewal' || input.kind === 'upgrade') {
    const after = { ...before, ...(input.kind === 'renewal' ? { validUntil: input.validUntil } : { versionTo: input.versionTo }) };
    await tx.licences.update(current.id, columnsOf(after), w.at);
  }
  let createdLicenceId: number | null = null;
  if (input.disposal === 'reallocation' && input.toUnitId !== undefined) {
    const created = await insertLicence(
      tx,
      { ...before, seats: input.seats ?? current.effectiveSeats, unitId: input.toUnitId, price: null, notes: `调剂自 licence #${current.id}` },
      w,
      `reallocation from ${licenceTarget(current.id)}`,
    );
    createdLicenceId = created.id;
  }
  const event = await tx.licenceEvents.insert({
    licence_id: current.id,
    kind: input.kind,
    disposal: input.disposal ?? null,
    date: input.date,
    seats: input.seats ?? null,
    to_unit_id: input.toUnitId ?? null,
    valid_until: input.validUntil ?? null,
    version_to: input.versionTo ?? null,
    created_licence_id: createdLicenceId,
    notes: input.notes ?? null,
    actor: w.actor,
    created_at: w.at,
  });
  await tx.audit.record({ at: w.at, actor: w.actor, action: 'licence.event', target: licenceTarget(current.id), detail: { event: input, createdLicenceId } });
  return event;
}
