import type { Database, Statement } from 'better-sqlite3';
import type { InstalledBetween } from '../classify/context.js';
import type { SoftwareChange } from '../schema/history.js';

export type NewSoftwareChange = Omit<SoftwareChange, 'id' | keyof InstalledBetween>;

/** One change as stored: `[change, name, publisher, versionBefore, versionAfter]`. */
export type StoredChange = [SoftwareChange['change'], string, string | null, string | null, string | null];

interface SetRow {
  id: number;
  snapshot_id: string;
  previous_snapshot_id: string;
  at: string;
  changes_json: string;
}

/** A snapshot's changes as the column holds them; made before the transaction, which then only writes them. */
export interface EncodedChanges {
  count: number;
  json: string;
}

export function encodeChanges(changes: readonly NewSoftwareChange[]): EncodedChanges {
  const stored = changes.map((c): StoredChange => [c.change, c.name, c.publisher, c.versionBefore, c.versionAfter]);
  return { count: changes.length, json: JSON.stringify(stored) };
}

/**
 * A change's id: its set's id and its place in the set. A set holds at most 40,000
 * changes (20,000 programs gone, 20,000 come), well under the factor.
 */
const ID_FACTOR = 100_000;

/**
 * SQL for `software_change_sets` (migration 7): the programs installed, removed or
 * changed between two snapshots of a machine, one row per snapshot, where a list of
 * 20,000 new programs once wrote 40,000 rows.
 */
export class SoftwareChangeRepo {
  private readonly insertStmt: Statement<[string, string, string, string, string]>;
  private readonly listStmt: Statement<[string], SetRow>;
  private readonly deleteStmt: Statement<[string, string]>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO software_change_sets (agent_id, snapshot_id, previous_snapshot_id, at, changes_json)
      VALUES (?, ?, ?, ?, ?)`);
    // A long list's changes are written before its snapshot (see ingest-store.ts): only those of stored snapshots count.
    this.listStmt = db.prepare(`SELECT c.id, c.snapshot_id, c.previous_snapshot_id, c.at, c.changes_json FROM software_change_sets c
      WHERE c.agent_id = ? AND EXISTS (SELECT 1 FROM snapshots s WHERE s.snapshot_id = c.snapshot_id) ORDER BY c.id DESC`);
    this.deleteStmt = db.prepare('DELETE FROM software_change_sets WHERE agent_id = ? AND snapshot_id = ?');
  }

  /** Records what changed with one snapshot (as `encodeChanges` wrote it); nothing when nothing did. */
  insert(agentId: string, between: InstalledBetween, changes: EncodedChanges): void {
    if (changes.count === 0) return;
    this.insertStmt.run(agentId, between.snapshotId, between.previousSnapshotId, between.at, changes.json);
  }

  /** Drops the changes written for a snapshot that was not stored. */
  deleteOf(agentId: string, snapshotId: string): void {
    this.deleteStmt.run(agentId, snapshotId);
  }

  /** The newest `limit` changes, newest first. */
  list(agentId: string, limit: number): SoftwareChange[] {
    const out: SoftwareChange[] = [];
    for (const set of this.listStmt.iterate(agentId)) {
      const stored = JSON.parse(set.changes_json) as StoredChange[];
      for (let i = stored.length - 1; i >= 0 && out.length < limit; i--) {
        const [change, name, publisher, versionBefore, versionAfter] = stored[i]!;
        out.push({
          id: set.id * ID_FACTOR + i,
          snapshotId: set.snapshot_id,
          previousSnapshotId: set.previous_snapshot_id,
          at: set.at,
          change,
          name,
          publisher,
          versionBefore,
          versionAfter,
        });
      }
      if (out.length >= limit) break;
    }
    return out;
  }
}
