import type { Database, Statement } from 'better-sqlite3';
import type { MachineMove } from '../schema/units.js';

interface MoveRow {
  id: number;
  agent_id: string;
  from_unit_id: number;
  from_unit: string;
  to_unit_id: number;
  to_unit: string;
  at: string;
  actor: string;
  reason: string | null;
}

interface NewMove {
  agentId: string;
  fromUnitId: number;
  toUnitId: number;
  at: string;
  actor: string;
  reason: string | null;
}

const toMove = (r: MoveRow): MachineMove => ({
  id: r.id,
  machineId: r.agent_id,
  fromUnitId: r.from_unit_id,
  fromUnit: r.from_unit,
  toUnitId: r.to_unit_id,
  toUnit: r.to_unit,
  at: r.at,
  actor: r.actor,
  reason: r.reason,
});

const SELECT = `SELECT m.*, f.name AS from_unit, t.name AS to_unit
  FROM machine_moves m JOIN units f ON f.id = m.from_unit_id JOIN units t ON t.id = m.to_unit_id`;

/** SQL for `machine_moves` and the `agents.unit_id` a move changes. */
export class MoveRepo {
  private readonly unitOfStmt: Statement<[string], { unit_id: number }>;
  private readonly setUnitStmt: Statement<[number, string]>;
  private readonly insertStmt: Statement<[NewMove], { id: number }>;
  private readonly byId: Statement<[number], MoveRow>;
  private readonly ofAgent: Statement<[string], MoveRow>;

  constructor(db: Database) {
    this.unitOfStmt = db.prepare('SELECT unit_id FROM agents WHERE id = ?');
    this.setUnitStmt = db.prepare('UPDATE agents SET unit_id = ? WHERE id = ?');
    this.insertStmt = db.prepare(`INSERT INTO machine_moves (agent_id, from_unit_id, to_unit_id, at, actor, reason)
      VALUES (@agentId, @fromUnitId, @toUnitId, @at, @actor, @reason) RETURNING id`);
    this.byId = db.prepare(`${SELECT} WHERE m.id = ?`);
    this.ofAgent = db.prepare(`${SELECT} WHERE m.agent_id = ? ORDER BY m.id DESC`);
  }

  /** The unit a machine is in now, or undefined for an unknown machine. */
  unitOf(agentId: string): number | undefined {
    return this.unitOfStmt.get(agentId)?.unit_id;
  }

  /** Moves the machine and records it; returns the recorded move. */
  move(m: NewMove): MachineMove {
    this.setUnitStmt.run(m.toUnitId, m.agentId);
    const { id } = this.insertStmt.get(m)!;
    return toMove(this.byId.get(id)!);
  }

  /** Newest first. */
  list(agentId: string): MachineMove[] {
    return this.ofAgent.all(agentId).map(toMove);
  }
}
