import type { Database, Statement } from 'better-sqlite3';
import type { InstalledBetween } from '../classify/context.js';
import type { SoftwareChange } from '../schema/history.js';
import { takeChanges, type SetRow, type StoredChange } from './software-change-rows.js';

export type NewSoftwareChange = Omit<SoftwareChange, 'id' | keyof InstalledBetween>;

// The report inputs (../service/report-inputs.ts) read the stored form by this module's name.
export type { StoredChange } from './software-change-rows.js';

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
    // A long list's changes are written before its snapshot (see service/ingest-writer.ts): only those of stored snapshots count.
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
      takeChanges(set, out, limit);
      if (out.length >= limit) break;
    }
    return out;
  }
}
