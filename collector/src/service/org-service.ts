import type { Static } from 'typebox';
import type { Person, UnitInput, UnitList, UnitPatch, UnitView, UnitWriteResult } from '../schema/units.js';
import type { UnitRecord, Write } from '../store/registry-types.js';
import type { StoreTx } from '../store/tx-types.js';
import type { UnitColumns, UnitUsage } from '../store/unit-repo.js';
import { assertAdmin, assertUnitVisible, type Caller, visibleUnits } from './access.js';
import { blankToNull, changes } from './audit-diff.js';
import { ConflictError, InUseError, InvalidInputError, NotFoundError } from './errors.js';
import { actorOf, writeBy, type RegistryDeps } from './registry-deps.js';

/**
 * Units of the campaign's tree: reads scoped to the caller, writes for admins and the CLI.
 * Each write is one transaction: the change, its audit entry (before/after of what
 * changed) and the registry revision, bumped (a re-judge owed until it has run) when the
 * change can move a verdict, else only touched.
 */

export type UnitWrite = Static<typeof UnitWriteResult>;
type UnitDeps = Pick<RegistryDeps, 'store' | 'now'>;

/** Names are compared as typed, so surrounding spaces would make look-alike duplicates. */
function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidInputError('a unit name cannot be blank');
  return trimmed;
}

const columnsOf = (u: UnitRecord): UnitColumns => ({ name: u.name, parentId: u.parentId, kind: u.kind, sector: u.sector, code: u.code, headcount: u.headcount });

const USAGE_WORDS: Record<keyof UnitUsage, string> = {
  subunits: 'subunits',
  machines: 'machines',
  licences: 'licences',
  listEntries: 'list entries',
  enrollmentTokens: 'enrollment tokens',
  adminTokens: 'admin tokens',
  history: 'machine-move or licence-reallocation records',
  spotChecks: 'spot-check records',
};

/** Refuses a name another unit has; `self` may keep its own. */
async function assertNameFree(tx: StoreTx, name: string, self?: number): Promise<void> {
  const other = await tx.units.getByName(name);
  if (other && other.id !== self) throw new ConflictError(`a unit named ${name} already exists (#${other.id})`);
}

async function views(deps: UnitDeps, records: readonly UnitRecord[]): Promise<UnitView[]> {
  const ids = records.map((u) => u.id);
  const [people, counts] = await Promise.all([deps.store.read.people.list(ids), deps.store.read.units.machineCounts()]);
  const byUnit = new Map<number, Person[]>();
  for (const p of people) byUnit.set(p.unitId, [...(byUnit.get(p.unitId) ?? []), p]);
  return records.map((u) => ({ ...u, machines: counts.get(u.id) ?? 0, people: byUnit.get(u.id) ?? [] }));
}

async function viewOf(deps: UnitDeps, record: UnitRecord): Promise<UnitView> {
  return (await views(deps, [record]))[0]!;
}

export async function listUnits(deps: UnitDeps, who: Caller): Promise<UnitList> {
  const visible = await visibleUnits(deps.store, who);
  const all = await deps.store.read.units.records();
  const seen = visible && new Set(visible);
  return { units: await views(deps, seen === undefined ? all : all.filter((u) => seen.has(u.id))) };
}

/** The unit, or NotFoundError when it is missing or outside the caller's subtree. */
export async function getUnitRecord(deps: Pick<RegistryDeps, 'store'>, who: Caller, id: number): Promise<UnitRecord> {
  await assertUnitVisible(deps.store, who, id, `unit ${id}`);
  const unit = await deps.store.read.units.get(id);
  if (!unit) throw new NotFoundError(`unit ${id}`);
  return unit;
}

export async function getUnit(deps: UnitDeps, who: Caller, id: number): Promise<UnitView> {
  return viewOf(deps, await getUnitRecord(deps, who, id));
}

/** Refuses a duplicate name or a missing parent. */
export async function createUnit(deps: UnitDeps, who: Caller, input: UnitInput): Promise<UnitWrite> {
  assertAdmin(who);
  const name = cleanName(input.name);
  const w = writeBy(deps, who);
  const unit = await deps.store.transaction(async (tx) => {
    await assertNameFree(tx, name);
    const parentId = input.parentId ?? null;
    if (parentId !== null && !(await tx.units.get(parentId))) throw new NotFoundError(`parent unit ${parentId}`);
    const created = await tx.units.insert(
      { name, parentId, kind: input.kind ?? 'department', sector: input.sector ?? null, code: blankToNull(input.code), headcount: input.headcount ?? null },
      w.at,
    );
    await tx.audit.record({ at: w.at, actor: w.actor, action: 'unit.create', target: `unit #${created.id}`, detail: { after: created } });
    await tx.meta.touch('registry');
    return created;
  });
  return { unit: await viewOf(deps, unit) };
}

/** Refuses a duplicate name, a missing parent, or a parent inside the unit's own subtree. */
async function changeUnit(tx: StoreTx, id: number, patch: UnitPatch, w: Write): Promise<{ before: UnitRecord; after: UnitRecord }> {
  const before = await tx.units.get(id);
  if (!before) throw new NotFoundError(`unit ${id}`);
  const next: UnitColumns = {
    name: patch.name ?? before.name,
    parentId: patch.parentId === undefined ? before.parentId : patch.parentId,
    kind: patch.kind ?? before.kind,
    sector: patch.sector === undefined ? before.sector : patch.sector,
    code: patch.code === undefined ? before.code : blankToNull(patch.code),
    headcount: patch.headcount === undefined ? before.headcount : patch.headcount,
  };
  const diff = changes(columnsOf(before), next);
  if (Object.keys(diff.after).length === 0) return { before, after: before };
  await assertNameFree(tx, next.name, id);
  if (next.parentId !== null && next.parentId !== before.parentId) {
    const parent = await tx.units.get(next.parentId);
    if (!parent) throw new NotFoundError(`parent unit ${next.parentId}`);
    if ((await tx.units.subtreeIds(id)).includes(parent.id)) {
      const why = parent.id === id ? 'a unit cannot be its own parent' : `${parent.name} is below ${before.name}`;
      throw new ConflictError(`cannot put unit ${before.name} under ${parent.name}: ${why}`);
    }
  }
  const after = await tx.units.update(id, next, w.at);
  await tx.audit.record({ at: w.at, actor: w.actor, action: 'unit.update', target: `unit #${id}`, detail: diff });
  // Only a new parent changes which licences cover the unit's machines.
  if (after.parentId !== before.parentId) await tx.meta.bump('registry', `unit #${id} moved under unit #${after.parentId}`);
  else await tx.meta.touch('registry');
  return { before, after };
}

/**
 * A new parent changes which licences' scopes cover the unit's machines, so every
 * product is re-judged then; other edits change no verdict.
 */
export async function updateUnit(deps: RegistryDeps, who: Caller, id: number, patch: UnitPatch): Promise<UnitWrite> {
  assertAdmin(who);
  const clean = patch.name === undefined ? patch : { ...patch, name: cleanName(patch.name) };
  const w = writeBy(deps, who);
  const { before, after: unit } = await deps.store.transaction((tx) => changeUnit(tx, id, clean, w));
  const view = await viewOf(deps, unit);
  if (before.parentId === unit.parentId) return { unit: view };
  const detail = `unit #${id} ${unit.name} moved from parent ${before.parentId ?? 'none'} to ${unit.parentId ?? 'none'} by ${actorOf(who)}`;
  return { unit: view, rejudged: await deps.rejudge({ trigger: 'unit', detail }) };
}

/** Refused while anything refers to the unit (subunits, machines, licences, tokens, history); its people go with it. */
export async function deleteUnit(deps: UnitDeps, who: Caller, id: number): Promise<UnitWrite> {
  assertAdmin(who);
  const w = writeBy(deps, who);
  const unit = await deps.store.transaction(async (tx): Promise<UnitView> => {
    const before = await tx.units.get(id);
    if (!before) throw new NotFoundError(`unit ${id}`);
    const usage = await tx.units.usage(id);
    const inUse = (Object.keys(USAGE_WORDS) as (keyof UnitUsage)[]).filter((k) => usage[k] > 0).map((k) => `${usage[k]} ${USAGE_WORDS[k]}`);
    if (inUse.length > 0) throw new InUseError(`unit ${before.name} still has ${inUse.join(', ')}`);
    const staff = await tx.people.list([id]);
    await tx.units.delete(id); // its people go with it (ON DELETE CASCADE)
    await tx.audit.record({ at: w.at, actor: w.actor, action: 'unit.delete', target: `unit #${id}`, detail: { before: { ...before, people: staff } } });
    await tx.meta.touch('registry');
    // No machine is left in it: the usage above refused the delete otherwise.
    return { ...before, machines: 0, people: staff };
  });
  return { unit };
}
