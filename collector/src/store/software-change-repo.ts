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
  private readonly installedStmt: Statement<[string], Pick<Row, 'snapshot_id' | 'previous_snapshot_id' | 'at' | 'change' | 'name'>>;

  constructor(db: Database) {
    this.insertStmt = db.prepare(`INSERT INTO software_changes
      (agent_id, snapshot_id, previous_snapshot_id, at, change, name, publisher, version_before, version_after)
      VALUES (@agentId, @snapshotId, @previousSnapshotId, @at, @change, @name, @publisher, @versionBefore, @versionAfter)`);
    this.listStmt = db.prepare('SELECT * FROM software_changes WHERE agent_id = ? ORDER BY id DESC LIMIT ?');
    // Installs and removals in the order they happened; installedSince folds them in one pass.
    this.installedStmt = db.prepare(`SELECT snapshot_id, previous_snapshot_id, at, change, name FROM software_changes
      WHERE agent_id = ? AND change IN ('installed', 'removed') ORDER BY id`);
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

  /**
   * Lower-cased name → its latest install not removed since, for software still on the
   * machine. One pass over the machine's installs and removals in order: a subquery per
   * install that looked for a later removal made a 20,000-name list cost minutes.
   */
  installedSince(agentId: string): Map<string, InstalledBetween> {
    const out = new Map<string, InstalledBetween>();
    for (const r of this.installedStmt.iterate(agentId)) {
      const name = r.name.toLowerCase();
      if (r.change === 'removed') out.delete(name);
      else out.set(name, { snapshotId: r.snapshot_id, previousSnapshotId: r.previous_snapshot_id, at: r.at });
    }
    return out;
  }
}
