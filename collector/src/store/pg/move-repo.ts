import type { Async } from '../async.js';
import type { MoveRepo } from '../move-repo.js';
import type { MachineMove } from '../../schema/units.js';
import { row, rows, stmt, type Queryable } from './query.js';

type NewMove = Parameters<MoveRepo['move']>[0];

const NAMED = `SELECT m.id, m.agent_id AS "machineId", m.from_unit_id AS "fromUnitId", f.name AS "fromUnit",
    m.to_unit_id AS "toUnitId", t.name AS "toUnit", m.at, m.actor, m.reason`;
const JOINS = 'JOIN units f ON f.id = m.from_unit_id JOIN units t ON t.id = m.to_unit_id';

// The move that follows is made from this unit: the row stays held until the transaction
// ends, so a concurrent move of the machine waits and then reads where this one put it
// (SQLite's write lock gives the same). NO KEY: rows that refer to the agent can still be written.
const UNIT_OF = stmt('moves.unitOf', 'SELECT unit_id FROM agents WHERE id = $1 FOR NO KEY UPDATE');
// One round trip: the machine's unit changes, the move is recorded and read back named.
// A machine or unit that does not exist fails a foreign key, as the SQLite repo's three
// statements do.
const MOVE = stmt(
  'moves.move',
  `WITH moved AS (UPDATE agents SET unit_id = $3 WHERE id = $1),
     m AS (INSERT INTO machine_moves (agent_id, from_unit_id, to_unit_id, at, actor, reason) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
   ${NAMED} FROM m ${JOINS}`,
);
const OF_AGENT = stmt('moves.list', `${NAMED} FROM machine_moves m ${JOINS} WHERE m.agent_id = $1 ORDER BY m.id DESC`);

type MoveRow = MachineMove & Record<string, unknown>;

/** `machine_moves` and the `agents.unit_id` a move changes, on PostgreSQL: see ../move-repo.ts. */
export class PgMoveRepo implements Async<MoveRepo> {
  constructor(private readonly q: Queryable) {}

  async unitOf(agentId: string): Promise<number | undefined> {
    return (await row<{ unit_id: number }>(this.q, UNIT_OF, [agentId]))?.unit_id;
  }

  async move(m: NewMove): Promise<MachineMove> {
    return (await row<MoveRow>(this.q, MOVE, [m.agentId, m.fromUnitId, m.toUnitId, m.at, m.actor, m.reason]))!;
  }

  async list(agentId: string): Promise<MachineMove[]> {
    return rows<MoveRow>(this.q, OF_AGENT, [agentId]);
  }
}
