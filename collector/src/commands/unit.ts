import type { Command } from 'commander';
import { openStore } from '../store/open.js';
import { dbOption } from './options.js';
import type { Io } from './io.js';

/** Units are created by `enrollment create` for now; the tree (parents) arrives later. */
export async function unitList(o: { db: string }, io: Io): Promise<void> {
  const store = openStore(o.db);
  try {
    io.out(['id', 'name', 'parent', 'created'].join('\t'));
    for (const u of await store.units.list()) io.out([u.id, u.name, u.parentId ?? '-', u.createdAt].join('\t'));
  } finally {
    await store.close();
  }
}

export function registerUnitCommands(program: Command, io: Io): void {
  const unit = program.command('unit').description('organisational units machines belong to');
  unit.command('list').description('list units').addOption(dbOption()).action((o) => unitList(o, io));
}
