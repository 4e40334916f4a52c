import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { MachinePatch } from '../schema/machine-detail.js';
import type { LabelChange } from '../service/label-write.js';
import { ImportRefusedError, InvalidInputError, UsageError } from '../service/errors.js';
import { decodeCsvBytes } from '../service/licence-csv-codec.js';
import { findMachine, importMachineLabels, setMachineLabels } from '../service/machine-label-service.js';
import { checkLabel, describeMachine, LABEL_NAMES, type LabelField } from '../service/machine-labels.js';
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

/** `user 张三 → 李四; asset number - → ZC-0012`: the fields that changed. */
function describeChange(c: LabelChange): string {
  const fields = (['user', 'assetNumber'] as const).filter((f) => f in c.after);
  const shown = (v: string | null | undefined) => (v === null || v === undefined ? '-' : v);
  const words: Record<LabelField, string> = { user: 'user', assetNumber: 'asset number' };
  return `${describeMachine(c)}: ${fields.map((f) => `${words[f]} ${shown(c.before[f])} → ${shown(c.after[f])}`).join('; ')}`;
}

/** A flag's value checked before the db is opened; "" clears the label. */
function labelFlag(field: LabelField, flag: string, text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined;
  try {
    return checkLabel(field, text);
  } catch (err) {
    if (err instanceof InvalidInputError) throw new UsageError(`${flag}: ${err.message}`);
    throw err;
  }
}

export async function machineSet(ref: string, o: { db: string; user?: string; assetNumber?: string }, io: Io): Promise<void> {
  const text = machineId(ref);
  const patch: MachinePatch = {};
  const user = labelFlag('user', '--user', o.user);
  const assetNumber = labelFlag('assetNumber', '--asset-number', o.assetNumber);
  if (user !== undefined) patch.user = user;
  if (assetNumber !== undefined) patch.assetNumber = assetNumber;
  if (user === undefined && assetNumber === undefined) throw new UsageError(`give --user or --asset-number (an empty value, "", clears ${LABEL_NAMES.user} or ${LABEL_NAMES.assetNumber})`);
  await withRegistry(o.db, async (deps) => {
    const machine = await findMachine(deps, text);
    const change = await setMachineLabels(deps, 'cli', machine.id, patch);
    io.out(change ? describeChange(change) : `${describeMachine(machine)}: unchanged`);
  });
}

/** Every wrong line goes to stderr, then the command fails with nothing written. */
export async function machineImport(file: string, o: { db: string }, io: Io): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  await withRegistry(o.db, async (deps) => {
    try {
      const result = await importMachineLabels(deps, 'cli', decodeCsvBytes(bytes));
      for (const c of result.changed) io.out(describeChange(c));
      io.out(`${result.machines} machine(s) in ${file}: ${result.changed.length} changed, ${result.machines - result.changed.length} unchanged`);
    } catch (err) {
      if (err instanceof ImportRefusedError) for (const p of err.problems) io.err(`${file}: ${p}`);
      throw err;
    }
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
  machine
    .command('set')
    .description("set a machine's user (使用人) and asset number (资产编号); an empty value clears one")
    .argument('<machine>', 'machine id, or hostname when one machine has it')
    .addOption(dbOption())
    .option('--user <name>', 'who uses the machine (使用人)')
    .option('--asset-number <no>', 'its number in the asset ledger (资产编号); unique among machines')
    .action((ref, o) => machineSet(ref, o, io));
  machine
    .command('import')
    .description('set users and asset numbers from a CSV (machineId or hostname, user/使用人, assetNumber/资产编号); all or nothing')
    .argument('<file>', 'CSV file, UTF-8 (with or without BOM) or GB18030')
    .addOption(dbOption())
    .action((file, o) => machineImport(file, o, io));
}
