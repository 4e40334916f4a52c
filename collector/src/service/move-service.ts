import type { Static } from 'typebox';
import type { MachineMove, MoveInput, MoveResult } from '../schema/units.js';
import { assertAdmin, assertUnitVisible, type Caller } from './access.js';
import { blankToNull } from './audit-diff.js';
import { ConflictError, NotFoundError } from './errors.js';
import { actorOf, writeBy, type RegistryDeps } from './registry-deps.js';

/**
 * Moving a machine (agent) to another unit. The unit decides which licences cover the
 * machine, so the move bumps the registry revision in its transaction (a re-judge owed)
 * and the machine is judged again after the move commits.
 */

/** NotFoundError when the machine is unknown or outside the caller's subtree. */
async function assertMachineVisible(deps: RegistryDeps, who: Caller, machineId: string): Promise<void> {
  const agent = await deps.store.read.agents.key(machineId);
  if (!agent) throw new NotFoundError(`machine ${machineId}`);
  await assertUnitVisible(deps.store, who, agent.unitId, `machine ${machineId}`);
}

export async function moveMachine(
  deps: RegistryDeps,
  who: Caller,
  machineId: string,
  input: MoveInput,
): Promise<Static<typeof MoveResult>> {
  assertAdmin(who);
  const w = writeBy(deps, who);
  const toUnitId = input.unitId;
  const move = await deps.store.transaction(async (tx) => {
    const fromUnitId = await tx.moves.unitOf(machineId);
    if (fromUnitId === undefined) throw new NotFoundError(`machine ${machineId}`);
    const to = await tx.units.get(toUnitId);
    if (!to) throw new NotFoundError(`unit ${toUnitId}`);
    if (fromUnitId === toUnitId) throw new ConflictError(`machine ${machineId} is already in unit ${to.name}`);
    const moved = await tx.moves.move({ agentId: machineId, fromUnitId, toUnitId, at: w.at, actor: w.actor, reason: blankToNull(input.reason) });
    const detail = { before: { unitId: moved.fromUnitId, unit: moved.fromUnit }, after: { unitId: moved.toUnitId, unit: moved.toUnit }, reason: moved.reason };
    await tx.audit.record({ at: w.at, actor: w.actor, action: 'machine.move', target: `machine ${machineId}`, detail });
    await tx.meta.bump('registry', `machine ${machineId} moved to unit #${toUnitId}`);
    return moved;
  });
  const detail = `machine ${machineId} moved from ${move.fromUnit} to ${move.toUnit} by ${actorOf(who)}`;
  const rejudged = await deps.rejudge({ trigger: 'move', detail, reassess: [machineId] });
  return { move, rejudged };
}

/** Newest first. */
export async function listMoves(deps: RegistryDeps, who: Caller, machineId: string): Promise<{ moves: MachineMove[] }> {
  await assertMachineVisible(deps, who, machineId);
  return { moves: await deps.store.read.moves.list(machineId) };
}
