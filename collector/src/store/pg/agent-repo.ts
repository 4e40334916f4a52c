import type { Async } from '../async.js';
import type { AgentAdvance, AgentRepo, AgentTouch, StoredAgent } from '../agent-repo.js';
import type { AgentKey } from '../types.js';
import { row, run, stmt, type Queryable } from './query.js';

const STORED = `SELECT id, public_key AS "publicKey", unit_id AS "unitId", last_seq AS "lastSeq", software_hash AS "softwareHash",
  state_hash AS "stateHash", software_gen AS "softwareGen", software_count AS "softwareCount", last_snapshot_id AS "lastSnapshotId"
  FROM agents WHERE id = $1`;

const INSERT = stmt(
  'agents.insert',
  `INSERT INTO agents (id, unit_id, enrollment_token_id, public_key, hostname, hardware_uuid, machine_id, serial, agent_version, enrolled_at, network)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
);
const FIND = stmt('agents.find', STORED);
// Held until the transaction ends: the ingest of a second snapshot of this agent, on any collector, waits here.
const FIND_FOR_UPDATE = stmt('agents.findForUpdate', `${STORED} FOR UPDATE`);
// Two enrollments of one key, on two collectors, take their turns from here to their commit
// (SQLite's write lock did that): the second then finds the first's agent. A statement of
// its own, since a statement sees only what committed before it began.
const KEY_LOCK = stmt('agents.keyLock', 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))');
const WITH_KEY = stmt('agents.withKey', 'SELECT id FROM agents WHERE public_key = $1 ORDER BY enrolled_at COLLATE "C" LIMIT 1');
// The seq condition makes the update itself refuse a replay, whatever was read before.
// The facts are written in the same statement, and only when the agent advanced.
const ADVANCE = stmt(
  'agents.advance',
  `WITH advanced AS (
     UPDATE agents SET
       last_seq = $2, last_seen = $3, last_ip = $4, first_seen = coalesce(first_seen, $15), last_snapshot_id = $5,
       last_collected_at = $6, hostname = $7, chassis = $8, os_name = $9,
       software_hash = $10, state_hash = $11, software_count = $12, software_gen = $13
     WHERE id = $1 AND (last_seq IS NULL OR last_seq < $2) RETURNING id),
   facts AS (
     INSERT INTO machine_facts (agent_id, facts_json) SELECT id, $14::text FROM advanced
     ON CONFLICT (agent_id) DO UPDATE SET facts_json = excluded.facts_json)
   SELECT count(*)::int AS n FROM advanced`,
);
// ISO times of one format sort as text in any collation; the index on first_seen answers it.
const LATEST_FIRST_SEEN = stmt('agents.latestFirstSeen', 'SELECT max(first_seen) AS t FROM agents');
const TOUCH = stmt(
  'agents.touch',
  `UPDATE agents SET last_seq = $2, last_seen = $3, last_ip = $4, last_snapshot_id = $5, last_collected_at = $6
   WHERE id = $1 AND last_seq < $2`,
);

type StoredRow = StoredAgent & Record<string, unknown>;

/** `agents` as enrollment and ingest write it, on PostgreSQL: see ../agent-repo.ts. */
export class PgAgentRepo implements Async<AgentRepo> {
  constructor(private readonly q: Queryable) {}

  async insert(p: Parameters<AgentRepo['insert']>[0]): Promise<void> {
    await run(this.q, INSERT, [
      p.id, p.unitId, p.enrollmentTokenId, p.publicKey, p.hostname, p.hardwareUuid, p.machineId, p.serial, p.agentVersion, p.enrolledAt, p.network ?? null,
    ]);
  }

  async find(agentId: string): Promise<StoredAgent | undefined> {
    return row<StoredRow>(this.q, FIND, [agentId]);
  }

  /** The agent, its row locked until the transaction ends (SELECT … FOR UPDATE). */
  async findForUpdate(agentId: string): Promise<StoredAgent | undefined> {
    return row<StoredRow>(this.q, FIND_FOR_UPDATE, [agentId]);
  }

  async key(agentId: string): Promise<AgentKey | undefined> {
    const a = await this.find(agentId);
    return a && { id: a.id, publicKey: a.publicKey, unitId: a.unitId, lastSeq: a.lastSeq, stateHash: a.stateHash };
  }

  /** The agent enrolled with this public key, if any; inside a transaction, the key is held until it ends. */
  async withKey(publicKeyPem: string): Promise<string | undefined> {
    await this.q.query({ ...KEY_LOCK, values: [publicKeyPem] });
    return (await row<{ id: string }>(this.q, WITH_KEY, [publicKeyPem]))?.id;
  }

  async touch(p: AgentTouch): Promise<boolean> {
    return (await run(this.q, TOUCH, [p.agentId, p.seq, p.lastSeen, p.lastIp, p.snapshotId, p.collectedAt])) === 1;
  }

  async latestFirstSeen(): Promise<string | null> {
    return (await row<{ t: string | null }>(this.q, LATEST_FIRST_SEEN))?.t ?? null;
  }

  async advance(p: AgentAdvance): Promise<boolean> {
    const done = await row<{ n: number }>(this.q, ADVANCE, [
      p.agentId, p.seq, p.lastSeen, p.lastIp, p.snapshotId, p.collectedAt, p.hostname, p.chassis, p.osName,
      p.softwareHash, p.stateHash, p.softwareCount, p.softwareGen, p.factsJson, p.firstSeen,
    ]);
    return done!.n === 1;
  }
}
