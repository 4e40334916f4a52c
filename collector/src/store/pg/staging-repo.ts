import type { Async } from '../async.js';
import type { StagedGen, StagingRepo } from '../staging-repo.js';
import { rows, run, stmt, type Queryable } from './query.js';

const COLUMNS = `agent_id AS "agentId", gen, snapshot_id AS "snapshotId", staged_at AS "stagedAt"`;

const ADD = stmt('staging.add', 'INSERT INTO software_staging (agent_id, gen, snapshot_id, staged_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING');
const REMOVE = stmt('staging.remove', 'DELETE FROM software_staging WHERE agent_id = $1 AND gen = $2');
// SQLite reads these in its primary key's order (an agent's by gen); stated here.
const OF_AGENT = stmt('staging.of', `SELECT ${COLUMNS} FROM software_staging WHERE agent_id = $1 ORDER BY gen`);
const ALL = stmt('staging.all', `SELECT ${COLUMNS} FROM software_staging ORDER BY agent_id COLLATE "C", gen`);

type StagedRow = StagedGen & Record<string, unknown>;

/** `software_staging` on PostgreSQL: see ../staging-repo.ts. */
export class PgStagingRepo implements Async<StagingRepo> {
  constructor(private readonly q: Queryable) {}

  async add(s: StagedGen): Promise<void> {
    await run(this.q, ADD, [s.agentId, s.gen, s.snapshotId, s.stagedAt]);
  }

  async remove(agentId: string, gen: number): Promise<void> {
    await run(this.q, REMOVE, [agentId, gen]);
  }

  async list(agentId?: string): Promise<StagedGen[]> {
    return agentId === undefined ? rows<StagedRow>(this.q, ALL) : rows<StagedRow>(this.q, OF_AGENT, [agentId]);
  }
}
