import { Option, type Command } from 'commander';
import { PersonInput, PersonPatch, type Person } from '../schema/units.js';
import { addPerson, listAllPeople, listPeople, removePerson, updatePerson } from '../service/person-service.js';
import type { Io } from './io.js';
import { cell, checked, given, unitRef } from './org-cli.js';
import { dbOption } from './options.js';
import { withRegistry } from './registry-context.js';
import { integer } from './validate.js';

const ROLES = ['first-responsible', 'leader-in-charge', 'contact'];

export const PERSON_HEADER = ['id', 'unit', 'role', 'name', 'title', 'phone'].join('\t');
export const personRow = (p: Person, unit: string) => [p.id, unit, p.role, p.name, cell(p.title), p.phone].join('\t');

interface PersonFields {
  role?: string;
  name?: string;
  title?: string;
  phone?: string;
}

const fieldsOf = (o: PersonFields) => given({ role: o.role, name: o.name?.trim(), title: o.title?.trim(), phone: o.phone?.trim() });

export async function personAdd(o: PersonFields & { db: string; unit: string }, io: Io): Promise<void> {
  const input = checked(PersonInput, fieldsOf(o));
  await withRegistry(o.db, async (deps) => {
    const { person } = await addPerson(deps, 'cli', await unitRef(deps, o.unit), input);
    io.out(`person #${person.id} ${person.name} added as ${person.role}`);
  });
}

export async function personList(o: { db: string; unit?: string; json?: boolean }, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const { people } = o.unit === undefined ? await listAllPeople(deps, 'cli') : await listPeople(deps, 'cli', await unitRef(deps, o.unit));
    if (o.json) return io.out(JSON.stringify({ people }, null, 2));
    const names = new Map((await deps.store.read.units.list()).map((u) => [u.id, u.name]));
    io.out(PERSON_HEADER);
    for (const p of people) io.out(personRow(p, names.get(p.unitId) ?? String(p.unitId)));
  });
}

export async function personUpdate(idText: string, o: PersonFields & { db: string }, io: Io): Promise<void> {
  const id = integer(idText, 'ID', 1);
  const patch = checked(PersonPatch, fieldsOf(o));
  await withRegistry(o.db, async (deps) => {
    const { person } = await updatePerson(deps, 'cli', id, patch);
    io.out(`person #${person.id} ${person.name} updated`);
  });
}

export async function personRemove(idText: string, o: { db: string }, io: Io): Promise<void> {
  const id = integer(idText, 'ID', 1);
  await withRegistry(o.db, async (deps) => {
    const { person } = await removePerson(deps, 'cli', id);
    io.out(`person #${person.id} ${person.name} removed`);
  });
}

const roleOption = () => new Option('--role <role>', '主要负责人, 分管领导 or 联络员').choices(ROLES);

export function registerPersonCommands(program: Command, io: Io): void {
  const person = program.command('person').description("units' responsible persons: first responsible, leader in charge, contacts");
  person
    .command('add')
    .description('add a responsible person to a unit (several per role are fine)')
    .addOption(dbOption())
    .requiredOption('--unit <unit>', 'unit name or id')
    .addOption(roleOption().makeOptionMandatory())
    .requiredOption('--name <name>', "the person's name")
    .requiredOption('--phone <phone>', 'phone number')
    .option('--title <title>', 'post, e.g. 局长')
    .action((o) => personAdd(o, io));
  person
    .command('list')
    .description('list responsible persons')
    .addOption(dbOption())
    .option('--unit <unit>', 'only this unit (name or id)')
    .option('--json', 'print JSON instead of a table')
    .action((o) => personList(o, io));
  person
    .command('update')
    .description('edit a responsible person')
    .argument('<id>', 'person id')
    .addOption(dbOption())
    .addOption(roleOption())
    .option('--name <name>', 'new name')
    .option('--phone <phone>', 'new phone number')
    .option('--title <title>', 'new post ("" clears it)')
    .action((id, o) => personUpdate(id, o, io));
  person
    .command('remove')
    .description('remove a responsible person')
    .argument('<id>', 'person id')
    .addOption(dbOption())
    .action((id, o) => personRemove(id, o, io));
}
