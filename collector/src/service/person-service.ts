import type { Person, PersonInput, PersonPatch } from '../schema/units.js';
import type { Write } from '../store/registry-types.js';
import type { PersonColumns } from '../store/people-repo.js';
import type { StoreTx } from '../store/tx-types.js';
import { assertAdmin, assertUnitVisible, type Caller, visibleUnits } from './access.js';
import { blankToNull, changes } from './audit-diff.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import { getUnitRecord } from './org-service.js';
import { writeBy, type RegistryDeps } from './registry-deps.js';

/**
 * The responsible persons of a unit (主要负责人, 分管领导, 联络员). A unit may name
 * several per role. People change no verdict, so no write here re-judges; each is one
 * transaction with its audit entry, and touches the registry revision.
 */

type PersonDeps = Pick<RegistryDeps, 'store' | 'now'>;

/** The schema allows digits, spaces, + - ( ); a number needs at least a few digits among them. */
function checkPhone(phone: string): string {
  const trimmed = phone.trim();
  if ((trimmed.match(/\d/g) ?? []).length < 3) throw new InvalidInputError(`phone ${JSON.stringify(phone)} has fewer than 3 digits`);
  return trimmed;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new InvalidInputError("a person's name cannot be blank");
  return trimmed;
}

function clean<T extends PersonPatch>(input: T): T {
  return {
    ...input,
    ...(input.name === undefined ? {} : { name: checkName(input.name) }),
    ...(input.phone === undefined ? {} : { phone: checkPhone(input.phone) }),
    ...(input.title === undefined ? {} : { title: input.title.trim() }),
  };
}

const columnsOf = (p: Person): PersonColumns => ({ role: p.role, name: p.name, title: p.title, phone: p.phone });

/** Runs `write` on the person in one transaction; NotFoundError when there is none. */
function withPerson<T>(deps: PersonDeps, id: number, write: (tx: StoreTx, before: Person) => Promise<T>): Promise<T> {
  return deps.store.transaction(async (tx) => {
    const before = await tx.people.getForUpdate(id);
    if (!before) throw new NotFoundError(`person ${id}`);
    return write(tx, before);
  });
}

async function audited(tx: StoreTx, w: Write, action: string, id: number, detail: Record<string, unknown>): Promise<void> {
  await tx.audit.record({ at: w.at, actor: w.actor, action, target: `person #${id}`, detail });
  await tx.meta.touch('registry');
}

export async function listPeople(deps: Pick<RegistryDeps, 'store'>, who: Caller, unitId: number): Promise<{ people: Person[] }> {
  await getUnitRecord(deps, who, unitId);
  return { people: await deps.store.read.people.list([unitId]) };
}

/** Everyone the caller may see: all for an admin and the CLI, a viewer's subtree for a viewer. */
export async function listAllPeople(deps: Pick<RegistryDeps, 'store'>, who: Caller): Promise<{ people: Person[] }> {
  const units = await visibleUnits(deps.store, who);
  return { people: await deps.store.read.people.list(units) };
}

export async function getPerson(deps: Pick<RegistryDeps, 'store'>, who: Caller, id: number): Promise<Person> {
  const person = await deps.store.read.people.get(id);
  if (!person) throw new NotFoundError(`person ${id}`);
  await assertUnitVisible(deps.store, who, person.unitId, `person ${id}`);
  return person;
}

export async function addPerson(deps: PersonDeps, who: Caller, unitId: number, input: PersonInput): Promise<{ person: Person }> {
  assertAdmin(who);
  const c = clean(input);
  const w = writeBy(deps, who);
  const person = await deps.store.transaction(async (tx) => {
    if (!(await tx.units.get(unitId))) throw new NotFoundError(`unit ${unitId}`);
    const added = await tx.people.insert(unitId, { role: c.role, name: c.name, title: blankToNull(c.title), phone: c.phone }, w.at);
    await audited(tx, w, 'person.create', added.id, { after: added });
    return added;
  });
  return { person };
}

export async function updatePerson(deps: PersonDeps, who: Caller, id: number, patch: PersonPatch): Promise<{ person: Person }> {
  assertAdmin(who);
  const c = clean(patch);
  const w = writeBy(deps, who);
  const person = await withPerson(deps, id, async (tx, before) => {
    const next: PersonColumns = {
      role: c.role ?? before.role,
      name: c.name ?? before.name,
      title: c.title === undefined ? before.title : blankToNull(c.title),
      phone: c.phone ?? before.phone,
    };
    const diff = changes(columnsOf(before), next);
    if (Object.keys(diff.after).length === 0) return before;
    const after = await tx.people.update(id, next, w.at);
    await audited(tx, w, 'person.update', id, { unitId: before.unitId, ...diff });
    return after;
  });
  return { person };
}

export async function removePerson(deps: PersonDeps, who: Caller, id: number): Promise<{ person: Person }> {
  assertAdmin(who);
  const w = writeBy(deps, who);
  const person = await withPerson(deps, id, async (tx, before) => {
    await tx.people.delete(id);
    await audited(tx, w, 'person.delete', id, { before });
    return before;
  });
  return { person };
}
