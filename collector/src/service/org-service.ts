import type { Static } from 'typebox';
import type { Person, UnitInput, UnitList, UnitPatch, UnitView, UnitWriteResult } from '../schema/units.js';
import type { UnitRecord } from '../store/registry-types.js';
import { assertAdmin, assertUnitVisible, type Caller, unwrap, visibleUnits } from './access.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import { actorOf, writeBy, type RegistryDeps } from './registry-deps.js';

/** Units of the campaign's tree: reads scoped to the caller, writes for admins and the CLI. */

export type UnitWrite = Static<typeof UnitWriteResult>;

/** Names are compared as typed, so surrounding spaces would make look-alike duplicates. */
function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidInputError('a unit name cannot be blank');
  return trimmed;
}

async function views(deps: RegistryDeps, records: readonly UnitRecord[]): Promise<UnitView[]> {
  const ids = records.map((u) => u.id);
  const [people, counts] = await Promise.all([deps.store.org.people(ids), deps.store.org.machineCounts()]);
  const byUnit = new Map<number, Person[]>();
  for (const p of people) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
  return records.map((u) => ({ ...u, machines: counts.get(u.id) ?? 0, people: byUnit.get(u.id) ?? [] }));
}

async function viewOf(deps: RegistryDeps, record: UnitRecord): Promise<UnitView> {
  return (await views(deps, [record]))[0]!;
}

export async function listUnits(deps: RegistryDeps, who: Caller): Promise<UnitList> {
  const visible = await visibleUnits(deps.store, who);
  const all = await deps.store.org.listUnits();
  const seen = visible && new Set(visible);
  return { units: await views(deps, seen === undefined ? all : all.filter((u) => seen.has(u.id))) };
}

/** The unit, or NotFoundError when it is missing or outside the caller's subtree. */
export async function getUnitRecord(deps: RegistryDeps, who: Caller, id: number): Promise<UnitRecord> {
  await assertUnitVisible(deps.store, who, id, `unit ${id}`);
  const unit = await deps.store.org.get(id);
  if (!unit) throw new NotFoundError(`unit ${id}`);
  return unit;
}

export async function getUnit(deps: RegistryDeps, who: Caller, id: number): Promise<UnitView> {
  return viewOf(deps, await getUnitRecord(deps, who, id));
}

export async function createUnit(deps: RegistryDeps, who: Caller, input: UnitInput): Promise<UnitWrite> {
  assertAdmin(who);
  const unit = unwrap(await deps.store.org.createUnit({ ...input, name: cleanName(input.name) }, writeBy(deps, who)));
  return { unit: await viewOf(deps, unit) };
}

/**
 * A new parent changes which licences' scopes cover the unit's machines, so every
 * product is re-judged then; other edits change no verdict.
 */
export async function updateUnit(deps: RegistryDeps, who: Caller, id: number, patch: UnitPatch): Promise<UnitWrite> {
  assertAdmin(who);
  const clean = patch.name === undefined ? patch : { ...patch, name: cleanName(patch.name) };
  const before = await deps.store.org.get(id);
  const unit = unwrap(await deps.store.org.updateUnit(id, clean, writeBy(deps, who)));
  const view = await viewOf(deps, unit);
  if (before === undefined || before.parentId === unit.parentId) return { unit: view };
  const detail = `unit #${id} ${unit.name} moved from parent ${before.parentId ?? 'none'} to ${unit.parentId ?? 'none'} by ${actorOf(who)}`;
  return { unit: view, rejudged: await deps.rejudge({ trigger: 'unit', detail }) };
}

/** Refused while anything refers to the unit; its people go with it. */
export async function deleteUnit(deps: RegistryDeps, who: Caller, id: number): Promise<UnitWrite> {
  assertAdmin(who);
  const before = await deps.store.org.get(id);
  const view = before && (await viewOf(deps, before));
  const unit = unwrap(await deps.store.org.deleteUnit(id, writeBy(deps, who)));
  return { unit: view ?? { ...unit, machines: 0, people: [] } };
}
