import type { Static } from 'typebox';
import type { MachineMove, MoveInput, MoveResult } from '../schema/units.js';
import { assertAdmin, assertUnitVisible, type Caller, unwrap } from './access.js';
import { NotFoundError } from './errors.js';
import { actorOf, writeBy, type RegistryDeps } from './registry-deps.js';

/**
 * Moving a machine (agent) to another unit. The unit decides which licences cover the
 * machine, so the machine is judged again after the move commits.
 */

/** NotFoundError when the machine is unknown or outside the caller's subtree. */
async function assertMachineVisible(deps: RegistryDeps, who: Caller, machineId: string): Promise<void> {
  const agent = await deps.store.agents.findKey(machineId);
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
  const move = unwrap(await deps.store.org.moveMachine(machineId, input.unitId, input.reason ?? null, writeBy(deps, who)));
  const detail = `machine ${machineId} moved from ${move.fromUnit} to ${move.toUnit} by ${actorOf(who)}`;
  const rejudged = await deps.rejudge({ trigger: 'move', detail, reassess: [machineId] });
  return { move, rejudged };
}

/** Newest first. */
export async function listMoves(deps: RegistryDeps, who: Caller, machineId: string): Promise<{ moves: MachineMove[] }> {
  await assertMachineVisible(deps, who, machineId);
  return { moves: await deps.store.org.moves(machineId) };
}
