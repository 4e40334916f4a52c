import type { Database, Statement } from 'better-sqlite3';
import type { InstalledBetween } from '../classify/context.js';
import type { SoftwareChange } from '../schema/history.js';

export type NewSoftwareChange = Omit<SoftwareChange, 'id'>;

interface Row {
  id: number;
  snapshot_id: string;
  previous_snapshot_id: string;
  at: string;
  change: SoftwareChange['change'];
  name: string;
  publisher: string | null;
  version_before: string | null;
  version_after: string | null;
}

/** SQL for `software_changes`: what appeared, left or changed version between two snapshots. */
export class SoftwareChangeRepo {
  private readonly insertStmt: Statement<[Record<string, string | null>]>;
  private readonly listStmt: Statement<[string, number], Row>;
  private readonly installedStmt: Statement<[string], Row>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO software_changes
      (agent_id, snapshot_id, previous_snapshot_id, at, change, name, publisher, version_before, version_after)
      VALUES (@agentId, @snapshotId, @previousSnapshotId, @at, @change, @name, @publisher, @versionBefore, @versionAfter)`);
    this.listStmt = db.prepare('SELECT * FROM software_changes WHERE agent_id = ? ORDER BY id DESC LIMIT ?');
    // The latest install of each name that has not been removed since.
    this.installedStmt = db.prepare(`SELECT c.* FROM software_changes c
      WHERE c.agent_id = ? AND c.change = 'installed'
        AND NOT EXISTS (SELECT 1 FROM software_changes r WHERE r.agent_id = c.agent_id AND r.change = 'removed'
                        AND lower(r.name) = lower(c.name) AND r.id > c.id)
      ORDER BY c.id`);
  }

  insert(agentId: string, changes: readonly NewSoftwareChange[]): void {
    for (const c of changes) {
      this.insertStmt.run({
        agentId,
        snapshotId: c.snapshotId,
        previousSnapshotId: c.previousSnapshotId,
        at: c.at,
        change: c.change,
        name: c.name,
        publisher: c.publisher,
        versionBefore: c.versionBefore,
        versionAfter: c.versionAfter,
      });
    }
  }

  list(agentId: string, limit: number): SoftwareChange[] {
    return this.listStmt.all(agentId, limit).map((r) => ({
      id: r.id,
      snapshotId: r.snapshot_id,
      previousSnapshotId: r.previous_snapshot_id,
      at: r.at,
      change: r.change,
      name: r.name,
      publisher: r.publisher,
      versionBefore: r.version_before,
      versionAfter: r.version_after,
    }));
  }

  /** Lower-cased name → when it was installed, for software still on the machine. */
  installedSince(agentId: string): Map<string, InstalledBetween> {
    const out = new Map<string, InstalledBetween>();
    for (const r of this.installedStmt.all(agentId)) {
      out.set(r.name.toLowerCase(), { snapshotId: r.snapshot_id, previousSnapshotId: r.previous_snapshot_id, at: r.at });
    }
    return out;
  }
}
