import type { Command } from 'commander';
import { UsageError } from '../service/errors.js';
import { listMoves, moveMachine } from '../service/move-service.js';
import type { Io } from './io.js';
import { cell, printRejudged, unitRef } from './org-cli.js';
import { dbOption } from './options.js';
import { withRegistry } from './registry-context.js';

/** A machine id as the API shows it (the agent id); checked before the db is opened. */
function machineId(text: string): string {
  const id = text.trim();
  if (!id || id.length > 100) throw new UsageError('MACHINE must be a machine id (1 to 100 characters)');
  return id;
}

export async function machineMove(idText: string, o: { db: string; unit: string; reason?: string }, io: Io): Promise<void> {
  const id = machineId(idText);
  if (o.reason !== undefined && o.reason.length > 500) throw new UsageError('--reason is longer than 500 characters');
  await withRegistry(o.db, async (deps) => {
    const unitId = await unitRef(deps, o.unit);
    const { move, rejudged } = await moveMachine(deps, 'cli', id, { unitId, ...(o.reason === undefined ? {} : { reason: o.reason }) });
    io.out(`machine ${move.machineId} moved from ${move.fromUnit} to ${move.toUnit} (move #${move.id})`);
    printRejudged(io, rejudged);
  });
}

export async function machineMoves(idText: string, o: { db: string; json?: boolean }, io: Io): Promise<void> {
  const id = machineId(idText);
  await withRegistry(o.db, async (deps) => {
    const { moves } = await listMoves(deps, 'cli', id);
    if (o.json) return io.out(JSON.stringify({ moves }, null, 2));
    io.out(['id', 'at', 'from', 'to', 'by', 'reason'].join('\t'));
    for (const m of moves) io.out([m.id, m.at, m.fromUnit, m.toUnit, m.actor, cell(m.reason)].join('\t'));
  });
}

export function registerMachineCommands(program: Command, io: Io): void {
  const machine = program.command('machine').description('enrolled machines');
  machine
    .command('move')
    .description('move a machine to another unit; recorded, and the machine is judged again')
    .argument('<machine>', 'machine id')
    .addOption(dbOption())
    .requiredOption('--unit <unit>', 'target unit name or id')
    .option('--reason <text>', 'why it moved (调拨, 划转…)')
    .action((id, o) => machineMove(id, o, io));
  machine
    .command('moves')
    .description("a machine's moves, newest first")
    .argument('<machine>', 'machine id')
    .addOption(dbOption())
    .option('--json', 'print JSON instead of a table')
    .action((id, o) => machineMoves(id, o, io));
}
