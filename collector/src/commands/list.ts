import { Option, type Command } from 'commander';
import { ListEntryInput, type ListEntry, type ListKind } from '../schema/lists.js';
import { createEntry, listEntries, removeEntry } from '../service/list-service.js';
import type { Io } from './io.js';
import { dbOption } from './options.js';
import { withRegistry } from './registry-context.js';
import { checked, given, printRejudged, unitRef } from './org-cli.js';
import { integer } from './validate.js';

export interface ListAddOptions {
  db: string;
  name: string;
  publisher?: string;
  unit?: string;
  reason: string;
}

const row = (e: ListEntry) => [e.id, e.list, e.name, e.publisher ?? '-', e.unit ?? '(everywhere)', e.reason, e.createdAt, e.createdBy].join('\t');

export async function listAdd(list: ListKind, o: ListAddOptions, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const unitId = o.unit === undefined ? undefined : await unitRef(deps, o.unit);
    const input = checked(ListEntryInput, { list, name: o.name, reason: o.reason.trim(), ...given({ publisher: o.publisher, unitId }) });
    const { entry, rejudged } = await createEntry(deps, 'cli', input);
    io.out(`${entry.list} list entry #${entry.id} added`);
    printRejudged(io, rejudged);
  });
}

export async function listShow(o: { db: string; list?: ListKind; json?: boolean }, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const entries = await listEntries(deps, 'cli', o.list);
    if (o.json) return io.out(JSON.stringify({ entries }, null, 2));
    io.out(['id', 'list', 'name', 'publisher', 'unit', 'reason', 'created', 'by'].join('\t'));
    for (const e of entries) io.out(row(e));
  });
}

export async function listRemove(idText: string, o: { db: string }, io: Io): Promise<void> {
  const id = integer(idText, 'ID', 1);
  await withRegistry(o.db, async (deps) => {
    const { entry, rejudged } = await removeEntry(deps, 'cli', id);
    io.out(`${entry.list} list entry #${entry.id} removed`);
    printRejudged(io, rejudged);
  });
}

export function registerListCommands(program: Command, io: Io): void {
  const list = program.command('list').description('deny and allow lists of installed software (patterns are case-insensitive regular expressions)');
  for (const kind of ['deny', 'allow'] as const) {
    list
      .command(kind)
      .description(kind === 'deny' ? 'software that is a finding wherever it is installed' : 'software reviewed and accepted')
      .command('add')
      .description(`add a ${kind} list entry; re-judges every machine`)
      .addOption(dbOption())
      .requiredOption('--name <regex>', 'pattern matched against installed software names')
      .option('--publisher <regex>', 'pattern the publisher must match too')
      .option('--unit <unit>', 'unit name or id the entry applies to (with the units below it); default everywhere')
      .requiredOption('--reason <text>', 'why the entry is there')
      .action((o: ListAddOptions) => listAdd(kind, o, io));
  }
  list
    .command('show')
    .description('show list entries')
    .addOption(dbOption())
    .addOption(new Option('--list <list>', 'only this list').choices(['deny', 'allow']))
    .option('--json', 'print JSON instead of a table')
    .action((o) => listShow(o, io));
  list
    .command('remove')
    .description('remove a list entry; re-judges every machine')
    .argument('<id>', 'entry id, as list show prints it')
    .addOption(dbOption())
    .action((id: string, o: { db: string }) => listRemove(id, o, io));
}
