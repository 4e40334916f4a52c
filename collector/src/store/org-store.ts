import type { Person, PersonInput, PersonPatch, UnitInput, UnitPatch } from '../schema/units.js';
import type { StoreContext } from './context.js';
import { MoveRepo } from './move-repo.js';
import { PeopleRepo, type PersonColumns } from './people-repo.js';
import type { OrgStore, Refusal, Result, UnitRecord, Write } from './registry-types.js';
import type { UnitColumns, UnitUsage } from './unit-repo.js';

/**
 * Units, their responsible persons and machine moves. Each write is one transaction:
 * the change, its audit entry (before/after of what changed) and the registry
 * revision bump, which marks a re-judge owed until the service has run it.
 */

const notFound = (what: string): Refusal => ({ refused: 'not-found', what });

/** The fields of `after` that differ from `before`, as the audit log's before/after. */
export function changes<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (before[key] !== after[key]) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

const columnsOf = (u: UnitRecord): UnitColumns => ({ name: u.name, parentId: u.parentId, kind: u.kind, sector: u.sector, code: u.code, headcount: u.headcount });
const personColumnsOf = (p: Person): PersonColumns => ({ role: p.role, name: p.name, title: p.title, phone: p.phone });
const blankToNull = (s: string | null | undefined): string | null => (s === undefined || s === null || s.trim() === '' ? null : s);

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

export function createOrgStore(ctx: StoreContext): OrgStore {
  const units = ctx.units;
  const people = new PeopleRepo(ctx.db);
  const moves = new MoveRepo(ctx.db);

  /** Refuses a name another unit has; `self` may keep its own. */
  const nameTaken = (name: string, self?: number): Refusal | undefined => {
    const other = units.getByName(name);
    return other && other.id !== self ? { refused: 'conflict', message: `a unit named ${name} already exists (#${other.id})` } : undefined;
  };

  const createUnit = ctx.tx((input: UnitInput, w: Write): Result<UnitRecord> => {
    const taken = nameTaken(input.name);
    if (taken) return taken;
    const parentId = input.parentId ?? null;
    if (parentId !== null && !units.get(parentId)) return notFound(`parent unit ${parentId}`);
    const unit = units.insert(
      { name: input.name, parentId, kind: input.kind ?? 'department', sector: input.sector ?? null, code: blankToNull(input.code), headcount: input.headcount ?? null },
      w.at,
    );
    ctx.audit.record({ at: w.at, actor: w.actor, action: 'unit.create', target: `unit #${unit.id}`, detail: { after: unit } });
    ctx.meta.touch('registry');
    return unit;
  });

  const updateUnit = ctx.tx((id: number, patch: UnitPatch, w: Write): Result<UnitRecord> => {
    const before = units.get(id);
    if (!before) return notFound(`unit ${id}`);
    const next: UnitColumns = {
      name: patch.name ?? before.name,
      parentId: patch.parentId === undefined ? before.parentId : patch.parentId,
      kind: patch.kind ?? before.kind,
      sector: patch.sector === undefined ? before.sector : patch.sector,
      code: patch.code === undefined ? before.code : blankToNull(patch.code),
      headcount: patch.headcount === undefined ? before.headcount : patch.headcount,
    };
    const diff = changes(columnsOf(before), next);
    if (Object.keys(diff.after).length === 0) return before;
    const taken = nameTaken(next.name, id);
    if (taken) return taken;
    if (next.parentId !== null && next.parentId !== before.parentId) {
      const parent = units.get(next.parentId);
      if (!parent) return notFound(`parent unit ${next.parentId}`);
      if (units.subtreeIds(id).includes(parent.id)) {
        const why = parent.id === id ? 'a unit cannot be its own parent' : `${parent.name} is below ${before.name}`;
        return { refused: 'conflict', message: `cannot put unit ${before.name} under ${parent.name}: ${why}` };
      }
    }
    const after = units.update(id, next, w.at);
    ctx.audit.record({ at: w.at, actor: w.actor, action: 'unit.update', target: `unit #${id}`, detail: diff });
    // Only a new parent changes which licences cover the unit's machines.
    if (after.parentId !== before.parentId) ctx.meta.bump('registry', `unit #${id} moved under unit #${after.parentId}`);
    else ctx.meta.touch('registry');
    return after;
  });

  const deleteUnit = ctx.tx((id: number, w: Write): Result<UnitRecord> => {
    const before = units.get(id);
    if (!before) return notFound(`unit ${id}`);
    const usage = units.usage(id);
    const inUse = (Object.keys(USAGE_WORDS) as (keyof UnitUsage)[]).filter((k) => usage[k] > 0).map((k) => `${usage[k]} ${USAGE_WORDS[k]}`);
    if (inUse.length > 0) return { refused: 'in-use', message: `unit ${before.name} still has ${inUse.join(', ')}` };
    const staff = people.list([id]);
    units.delete(id); // its people go with it (ON DELETE CASCADE)
    ctx.audit.record({ at: w.at, actor: w.actor, action: 'unit.delete', target: `unit #${id}`, detail: { before: { ...before, people: staff } } });
    ctx.meta.touch('registry');
    return before;
  });

  const addPerson = ctx.tx((unitId: number, input: PersonInput, w: Write): Result<Person> => {
    if (!units.get(unitId)) return notFound(`unit ${unitId}`);
    const person = people.insert(unitId, { role: input.role, name: input.name, title: blankToNull(input.title), phone: input.phone }, w.at);
    ctx.audit.record({ at: w.at, actor: w.actor, action: 'person.create', target: `person #${person.id}`, detail: { after: person } });
    ctx.meta.touch('registry');
    return person;
  });

  const updatePerson = ctx.tx((id: number, patch: PersonPatch, w: Write): Result<Person> => {
    const before = people.get(id);
    if (!before) return notFound(`person ${id}`);
    const next: PersonColumns = {
      role: patch.role ?? before.role,
      name: patch.name ?? before.name,
      title: patch.title === undefined ? before.title : blankToNull(patch.title),
      phone: patch.phone ?? before.phone,
    };
    const diff = changes(personColumnsOf(before), next);
    if (Object.keys(diff.after).length === 0) return before;
    const after = people.update(id, next, w.at);
    ctx.audit.record({ at: w.at, actor: w.actor, action: 'person.update', target: `person #${id}`, detail: { unitId: before.unitId, ...diff } });
    ctx.meta.touch('registry');
    return after;
  });

  const removePerson = ctx.tx((id: number, w: Write): Result<Person> => {
    const before = people.get(id);
    if (!before) return notFound(`person ${id}`);
    people.delete(id);
    ctx.audit.record({ at: w.at, actor: w.actor, action: 'person.delete', target: `person #${id}`, detail: { before } });
    ctx.meta.touch('registry');
    return before;
  });

  const moveMachine = ctx.tx((agentId: string, toUnitId: number, reason: string | null, w: Write) => {
    const fromUnitId = moves.unitOf(agentId);
    if (fromUnitId === undefined) return notFound(`machine ${agentId}`);
    const to = units.get(toUnitId);
    if (!to) return notFound(`unit ${toUnitId}`);
    if (fromUnitId === toUnitId) return { refused: 'conflict', message: `machine ${agentId} is already in unit ${to.name}` } as const;
    const move = moves.move({ agentId, fromUnitId, toUnitId, at: w.at, actor: w.actor, reason: blankToNull(reason) });
    const detail = { before: { unitId: move.fromUnitId, unit: move.fromUnit }, after: { unitId: move.toUnitId, unit: move.toUnit }, reason: move.reason };
    ctx.audit.record({ at: w.at, actor: w.actor, action: 'machine.move', target: `machine ${agentId}`, detail });
    ctx.meta.bump('registry', `machine ${agentId} moved to unit #${toUnitId}`);
    return move;
  });

  return {
    get: async (id) => units.get(id),
    listUnits: async () => units.records(),
    subtreeIds: async (id) => units.subtreeIds(id),
    machineCounts: async () => units.machineCounts(),
    createUnit: async (input, w) => createUnit(input, w),
    updateUnit: async (id, patch, w) => updateUnit(id, patch, w),
    deleteUnit: async (id, w) => deleteUnit(id, w),
    people: async (unitIds) => people.list(unitIds),
    getPerson: async (id) => people.get(id),
    addPerson: async (unitId, input, w) => addPerson(unitId, input, w),
    updatePerson: async (id, patch, w) => updatePerson(id, patch, w),
    removePerson: async (id, w) => removePerson(id, w),
    moveMachine: async (agentId, toUnitId, reason, w) => moveMachine(agentId, toUnitId, reason, w),
    moves: async (agentId) => moves.list(agentId),
  };
}
