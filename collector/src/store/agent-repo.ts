import type { Database, Statement } from 'better-sqlite3';
import type { AgentKey, NewAgent } from './types.js';

interface AgentKeyRow {
  id: string;
  public_key: string;
  unit_id: number;
  last_seq: number | null;
  software_hash: string | null;
  state_hash: string | null;
  software_gen: number;
  software_count: number;
  last_snapshot_id: string | null;
}

interface InsertParams extends NewAgent {
  network: string | null;
  unitId: number;
  enrollmentTokenId: number;
  enrolledAt: string;
}

/** The machine columns an accepted snapshot sets. */
export interface AgentAdvance {
  agentId: string;
  seq: number;
  lastSeen: string;
  lastIp: string | null;
  snapshotId: string;
  collectedAt: string;
  hostname: string;
  chassis: string;
  osName: string;
  factsJson: string;
  softwareHash: string;
  stateHash: string;
  softwareCount: number;
  /** The generation of `machine_software` that is now this machine's list. */
  softwareGen: number;
  /** When the machine was first seen, if it has not been: its place in every seat queue. */
  firstSeen: string;
}

/** What a snapshot that changed nothing moves: the machine heard from, and when it was measured. */
export type AgentTouch = Pick<AgentAdvance, 'agentId' | 'seq' | 'lastSeen' | 'lastIp' | 'snapshotId' | 'collectedAt'>;

/** An agent as ingest reads it: its key, where its seq and its software list stand. */
export interface StoredAgent extends AgentKey {
  softwareHash: string | null;
  softwareGen: number;
  softwareCount: number;
  lastSnapshotId: string | null;
}

/** SQL for `agents` as written by enrollment and ingest (reads for people live in machine-repo). */
export class AgentRepo {
  private readonly insertStmt: Statement<[InsertParams]>;
  private readonly keyStmt: Statement<[string], AgentKeyRow>;
  private readonly byKeyStmt: Statement<[string], { id: string }>;
  private readonly advanceStmt: Statement<[Omit<AgentAdvance, 'factsJson'>]>;
  private readonly factsStmt: Statement<[string, string]>;
  private readonly touchStmt: Statement<[AgentTouch]>;
  private readonly latestFirstSeenStmt: Statement<[], { t: string | null }>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO agents
      (id, unit_id, enrollment_token_id, public_key, hostname, hardware_uuid, machine_id, serial, agent_version, enrolled_at, network)
      VALUES (@id, @unitId, @enrollmentTokenId, @publicKey, @hostname, @hardwareUuid, @machineId, @serial, @agentVersion, @enrolledAt, @network)`);
    this.keyStmt = db.prepare('SELECT id, public_key, unit_id, last_seq, software_hash, state_hash, software_gen, software_count, last_snapshot_id FROM agents WHERE id = ?');
    this.byKeyStmt = db.prepare('SELECT id FROM agents WHERE public_key = ? ORDER BY enrolled_at LIMIT 1');
    // The seq condition makes the update itself refuse a replay, whatever was read before.
    this.advanceStmt = db.prepare(`UPDATE agents SET
        last_seq = @seq, last_seen = @lastSeen, last_ip = @lastIp, first_seen = coalesce(first_seen, @firstSeen), last_snapshot_id = @snapshotId,
        last_collected_at = @collectedAt, hostname = @hostname, chassis = @chassis, os_name = @osName,
        software_hash = @softwareHash, state_hash = @stateHash, software_count = @softwareCount, software_gen = @softwareGen
      WHERE id = @agentId AND (last_seq IS NULL OR last_seq < @seq)`);
    this.latestFirstSeenStmt = db.prepare('SELECT max(first_seen) AS t FROM agents');
    this.touchStmt = db.prepare(`UPDATE agents SET
        last_seq = @seq, last_seen = @lastSeen, last_ip = @lastIp, last_snapshot_id = @snapshotId, last_collected_at = @collectedAt
      WHERE id = @agentId AND last_seq < @seq`);
    // The facts live beside the agent row, which the verdict engine updates for every status change.
    this.factsStmt = db.prepare(`INSERT INTO machine_facts (agent_id, facts_json) VALUES (?, ?)
      ON CONFLICT (agent_id) DO UPDATE SET facts_json = excluded.facts_json`);
  }

  insert(params: InsertParams): void {
    this.insertStmt.run(params);
  }

  find(agentId: string): StoredAgent | undefined {
    const r = this.keyStmt.get(agentId);
    return (
      r && {
        id: r.id,
        publicKey: r.public_key,
        unitId: r.unit_id,
        lastSeq: r.last_seq,
        softwareHash: r.software_hash,
        stateHash: r.state_hash,
        softwareGen: r.software_gen,
        softwareCount: r.software_count,
        lastSnapshotId: r.last_snapshot_id,
      }
    );
  }

  /**
   * The agent, its row held until the transaction ends, so two collectors given the same
   * agent's snapshots take them one after the other. SQLite's write lock already holds
   * every row.
   */
  findForUpdate(agentId: string): StoredAgent | undefined {
    return this.find(agentId);
  }

  /** What a snapshot of the agent is checked against. */
  key(agentId: string): AgentKey | undefined {
    const a = this.find(agentId);
    return a && { id: a.id, publicKey: a.publicKey, unitId: a.unitId, lastSeq: a.lastSeq, stateHash: a.stateHash };
  }

  /** The latest time a machine was first seen at, or null before any: where the seat queues end. */
  latestFirstSeen(): string | null {
    return this.latestFirstSeenStmt.get()?.t ?? null;
  }

  /** The agent enrolled with this public key (canonical SPKI PEM), if any. */
  withKey(publicKeyPem: string): string | undefined {
    return this.byKeyStmt.get(publicKeyPem)?.id;
  }

  /** False when the agent already holds this or a later seq. */
  touch(params: AgentTouch): boolean {
    return this.touchStmt.run(params).changes === 1;
  }

  /** False when the agent already holds this or a later seq. */
  advance(params: AgentAdvance): boolean {
    const { factsJson, ...agent } = params;
    if (this.advanceStmt.run(agent).changes !== 1) return false;
    this.factsStmt.run(params.agentId, factsJson);
    return true;
  }
}
