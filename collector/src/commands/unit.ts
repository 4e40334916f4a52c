import { Option, type Command } from 'commander';
import { UnitInput, UnitPatch, type UnitView } from '../schema/units.js';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit } from '../service/org-service.js';
import type { Io } from './io.js';
import { cell, checked, given, printRejudged, unitRef } from './org-cli.js';
import { dbOption } from './options.js';
import { personRow, PERSON_HEADER } from './person.js';
import { withRegistry } from './registry-context.js';
import { integer } from './validate.js';

const KINDS = ['province', 'city', 'county', 'department', 'town', 'other'];
const SECTORS = ['organ', 'institution', 'enterprise'];
const HEADER = ['id', 'name', 'parent', 'created', 'kind', 'code', 'headcount', 'machines', 'people', 'sector'];
const row = (u: UnitView) =>
  [u.id, u.name, cell(u.parentId), u.createdAt, u.kind, cell(u.code), cell(u.headcount), u.machines, u.people.length, cell(u.sector)].join('\t');

interface UnitFields {
  name?: string;
  kind?: string;
  sector?: string | false;
  code?: string | false;
  headcount?: string | false;
  parent?: string | false;
}

/** The fields but the parent, which needs the db to resolve; `--no-x` clears x. */
function fieldsOf(o: UnitFields): Record<string, unknown> {
  return given({
    name: o.name?.trim(),
    kind: o.kind,
    sector: o.sector === false ? null : o.sector,
    code: o.code === false ? null : o.code,
    headcount: o.headcount === false ? null : o.headcount === undefined ? undefined : integer(o.headcount, '--headcount', 0),
  });
}

/** Every unit, one per line; the first four columns are those the flat list had. */
export async function unitList(o: { db: string; json?: boolean }, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const { units } = await listUnits(deps, 'cli');
    if (o.json) return io.out(JSON.stringify({ units }, null, 2));
    io.out(HEADER.join('\t'));
    for (const u of units) io.out(row(u));
  });
}

export async function unitShow(ref: string, o: { db: string; json?: boolean }, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const unit = await getUnit(deps, 'cli', await unitRef(deps, ref, 'UNIT'));
    if (o.json) return io.out(JSON.stringify(unit, null, 2));
    const parent = unit.parentId === null ? null : await deps.store.read.units.get(unit.parentId);
    const lines: [string, string | number][] = [
      ['id', unit.id],
      ['name', unit.name],
      ['parent', parent ? `${parent.name} (#${parent.id})` : '-'],
      ['kind', unit.kind],
      ['sector', cell(unit.sector)],
      ['code', cell(unit.code)],
      ['headcount', cell(unit.headcount)],
      ['machines', unit.machines],
      ['created', unit.createdAt],
      ['updated', unit.updatedAt],
    ];
    for (const [k, v] of lines) io.out(`${k}\t${v}`);
    io.out('');
    io.out(PERSON_HEADER);
    for (const p of unit.people) io.out(personRow(p, unit.name));
  });
}

export async function unitCreate(o: UnitFields & { db: string }, io: Io): Promise<void> {
  const fields = checked(UnitInput, fieldsOf(o));
  await withRegistry(o.db, async (deps) => {
    const parentId = typeof o.parent === 'string' ? await unitRef(deps, o.parent, '--parent') : undefined;
    const { unit } = await createUnit(deps, 'cli', { ...fields, ...given({ parentId }) });
    io.out(`unit #${unit.id} ${unit.name} created`);
  });
}

export async function unitUpdate(ref: string, o: UnitFields & { db: string }, io: Io): Promise<void> {
  const fields = checked(UnitPatch, fieldsOf(o));
  await withRegistry(o.db, async (deps) => {
    const id = await unitRef(deps, ref, 'UNIT');
    const parentId = o.parent === false ? null : typeof o.parent === 'string' ? await unitRef(deps, o.parent, '--parent') : undefined;
    const { unit, rejudged } = await updateUnit(deps, 'cli', id, { ...fields, ...given({ parentId }) });
    io.out(`unit #${unit.id} ${unit.name} updated`);
    printRejudged(io, rejudged);
  });
}

export async function unitDelete(ref: string, o: { db: string }, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const { unit } = await deleteUnit(deps, 'cli', await unitRef(deps, ref, 'UNIT'));
    io.out(`unit #${unit.id} ${unit.name} deleted`);
  });
}

const kindOption = () => new Option('--kind <kind>', 'level in the tree').choices(KINDS);
const sectorOption = () => new Option('--sector <sector>', 'organ (机关), institution (事业单位) or enterprise (企业)').choices(SECTORS);

export function registerUnitCommands(program: Command, io: Io): void {
  const unit = program.command('unit').description('organisational units (a tree) that machines belong to');
  const json = () => new Option('--json', 'print JSON instead of a table');
  unit.command('list').description('list units').addOption(dbOption()).addOption(json()).action((o) => unitList(o, io));
  unit
    .command('show')
    .description('show a unit with its responsible persons')
    .argument('<unit>', 'unit name or id')
    .addOption(dbOption())
    .addOption(json())
    .action((ref, o) => unitShow(ref, o, io));
  unit
    .command('create')
    .description('create a unit')
    .addOption(dbOption())
    .requiredOption('--name <name>', 'unit name (unique)')
    .option('--parent <unit>', 'parent unit name or id (default: top level)')
    .addOption(kindOption().default('department'))
    .addOption(sectorOption())
    .option('--code <code>', '统一社会信用代码 or 行政区划代码')
    .option('--headcount <n>', '编制人数, staff headcount')
    .action((o) => unitCreate(o, io));
  unit
    .command('update')
    .description('rename, re-parent or edit a unit; a new parent re-judges every machine')
    .argument('<unit>', 'unit name or id')
    .addOption(dbOption())
    .option('--name <name>', 'new name')
    .option('--parent <unit>', 'new parent unit name or id')
    .option('--no-parent', 'make it a top-level unit')
    .addOption(kindOption())
    .addOption(sectorOption())
    .option('--no-sector', 'clear the sector')
    .option('--code <code>', 'new code')
    .option('--no-code', 'clear the code')
    .option('--headcount <n>', 'new headcount')
    .option('--no-headcount', 'clear the headcount')
    .action((ref, o) => unitUpdate(ref, o, io));
  unit
    .command('delete')
    .description('delete a unit (refused while machines, subunits, licences, list entries or tokens refer to it)')
    .argument('<unit>', 'unit name or id')
    .addOption(dbOption())
    .action((ref, o) => unitDelete(ref, o, io));
}
