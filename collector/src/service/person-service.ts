import type { Person, PersonInput, PersonPatch } from '../schema/units.js';
import { assertAdmin, assertUnitVisible, type Caller, unwrap, visibleUnits } from './access.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import { getUnitRecord } from './org-service.js';
import { writeBy, type RegistryDeps } from './registry-deps.js';

/**
 * The responsible persons of a unit (主要负责人, 分管领导, 联络员). A unit may name
 * several per role. People change no verdict, so no write here re-judges.
 */

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

export async function listPeople(deps: RegistryDeps, who: Caller, unitId: number): Promise<{ people: Person[] }> {
  await getUnitRecord(deps, who, unitId);
  return { people: await deps.store.org.people([unitId]) };
}

/** Everyone the caller may see: all for an admin and the CLI, a viewer's subtree for a viewer. */
export async function listAllPeople(deps: RegistryDeps, who: Caller): Promise<{ people: Person[] }> {
  const units = await visibleUnits(deps.store, who);
  return { people: await deps.store.org.people(units) };
}

export async function getPerson(deps: RegistryDeps, who: Caller, id: number): Promise<Person> {
  const person = await deps.store.org.getPerson(id);
  if (!person) throw new NotFoundError(`person ${id}`);
  await assertUnitVisible(deps.store, who, person.unitId, `person ${id}`);
  return person;
}

export async function addPerson(deps: RegistryDeps, who: Caller, unitId: number, input: PersonInput): Promise<{ person: Person }> {
  assertAdmin(who);
  return { person: unwrap(await deps.store.org.addPerson(unitId, clean(input), writeBy(deps, who))) };
}

export async function updatePerson(deps: RegistryDeps, who: Caller, id: number, patch: PersonPatch): Promise<{ person: Person }> {
  assertAdmin(who);
  return { person: unwrap(await deps.store.org.updatePerson(id, clean(patch), writeBy(deps, who))) };
}

export async function removePerson(deps: RegistryDeps, who: Caller, id: number): Promise<{ person: Person }> {
  assertAdmin(who);
  return { person: unwrap(await deps.store.org.removePerson(id, writeBy(deps, who))) };
}
