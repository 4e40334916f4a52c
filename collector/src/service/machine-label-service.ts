import type { MachinePatch } from '../schema/machine-detail.js';
import type { MachineIdentity } from '../store/label-types.js';
import { assertAdmin, type Caller } from './access.js';
import { ConflictError, ImportRefusedError, InvalidInputError, NotFoundError } from './errors.js';
import { assetTaken, checkLabel, describeMachine, resolveRef, type MachineRef } from './machine-labels.js';
import { readLabelsCsv, type LabelRow, type LineProblem } from './machine-labels-csv.js';
import { writeLabels, type LabelChange, type LabelOutcome, type LabelPatch } from './label-write.js';
import { writeBy, type RegistryDeps } from './registry-deps.js';

/**
 * Setting a machine's user (使用人) and asset number (资产编号): one machine from the API
 * or the command line, or a file of them. Admins only (the CLI is one); a viewer writes
 * nothing, as everywhere, so the machine's unit needs no check.
 */

export type LabelDeps = Pick<RegistryDeps, 'store' | 'now'>;

/** The machine a command line names by id or hostname. */
export async function findMachine(deps: LabelDeps, text: string): Promise<MachineIdentity> {
  const found = resolveRef({ by: 'either', text }, await deps.store.read.machines.identities([text], [text]));
  if (!('unresolved' in found)) return found;
  throw found.unresolved === 'unknown' ? new NotFoundError(`machine ${text}`) : new InvalidInputError(found.problem);
}

/** Sets what the patch names; the change made, or undefined when the machine had those values already. */
export async function setMachineLabels(deps: LabelDeps, who: Caller, machineId: string, patch: MachinePatch): Promise<LabelChange | undefined> {
  assertAdmin(who);
  const p: LabelPatch = { machineId };
  if (patch.user !== undefined) p.user = checkLabel('user', patch.user);
  if (patch.assetNumber !== undefined) p.assetNumber = checkLabel('assetNumber', patch.assetNumber);
  const outcome = await writeLabels(deps.store, [p], writeBy(deps, who));
  if (outcome.kind === 'not-found') throw new NotFoundError(`machine ${machineId}`);
  if (outcome.kind === 'conflict') throw new ConflictError(assetTaken(outcome.conflicts[0]!));
  return outcome.changed[0];
}

export interface LabelImport {
  /** Machines the file names. */
  machines: number;
  changed: LabelChange[];
}

/**
 * A file of users and asset numbers, written whole or not at all. Every wrong line is
 * named: a bad cell, a machine unknown or named twice, a hostname two machines share, an
 * asset number another machine holds. When some lines are wrong, the others are still
 * tried (and rolled back) so that their conflicts are named in the same answer.
 */
export async function importMachineLabels(deps: LabelDeps, who: Caller, text: string): Promise<LabelImport> {
  assertAdmin(who);
  const { rows, problems } = readLabelsCsv(text);
  const refs = (by: MachineRef['by']) => rows.filter((r) => r.ref.by === by).map((r) => r.ref.text);
  const candidates = await deps.store.read.machines.identities(refs('id'), refs('hostname'));
  const good: { row: LabelRow; machine: MachineIdentity }[] = [];
  const lineOf = new Map<string, number>();
  for (const row of rows) {
    const machine = resolveRef(row.ref, candidates);
    if ('unresolved' in machine) problems.push({ line: row.line, message: machine.problem });
    else if (lineOf.has(machine.id)) problems.push({ line: row.line, message: `${describeMachine(machine)} is on line ${lineOf.get(machine.id)} too` });
    else {
      lineOf.set(machine.id, row.line);
      good.push({ row, machine });
    }
  }
  const patches = good.map(({ row, machine }): LabelPatch => {
    const { line: _line, ref: _ref, ...labels } = row;
    return { machineId: machine.id, ...labels };
  });
  const outcome = await writeLabels(deps.store, patches, writeBy(deps, who), { via: 'import', dryRun: problems.length > 0 });
  problems.push(...refusals(outcome, good.map((g) => g.row.line), lineOf));
  if (problems.length > 0) throw new ImportRefusedError(problems.sort((a, b) => a.line - b.line).map((p) => `line ${p.line}: ${p.message}`));
  return { machines: patches.length, changed: outcome.kind === 'set' ? outcome.changed : [] };
}

/** The store's refusals as lines of the file; `lines[i]` is the line of patch i. */
function refusals(outcome: LabelOutcome, lines: readonly number[], lineOf: ReadonlyMap<string, number>): LineProblem[] {
  if (outcome.kind === 'not-found') return outcome.indexes.map((i) => ({ line: lines[i]!, message: 'the machine is no longer enrolled' }));
  if (outcome.kind === 'set') return [];
  return outcome.conflicts.map((c) => {
    const holderLine = lineOf.get(c.holder.id);
    return { line: lines[c.index]!, message: assetTaken(c, holderLine === undefined ? '' : ` (given on line ${holderLine})`) };
  });
}
