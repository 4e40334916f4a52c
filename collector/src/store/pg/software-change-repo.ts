import type { InstalledBetween } from '../../classify/context.js';
import type { SoftwareChange } from '../../schema/history.js';
import type { Async } from '../async.js';
import type { EncodedChanges, SoftwareChangeRepo } from '../software-change-repo.js';
import { takeChanges, type SetRow } from '../software-change-rows.js';
import { rows, run, stmt, type Queryable } from './query.js';

const S = {
  insert: stmt(
    'softwareChanges.insert',
    'INSERT INTO software_change_sets (agent_id, snapshot_id, previous_snapshot_id, at, changes_json) VALUES ($1, $2, $3, $4, $5)',
  ),
  // A long list's changes are written before its snapshot: only those of stored snapshots count.
  // Sets older than $2 (an id), at most $3: the newest first, a page at a time.
  page: stmt(
    'softwareChanges.page',
    `SELECT c.id, c.snapshot_id, c.previous_snapshot_id, c.at, c.changes_json FROM software_change_sets c
    WHERE c.agent_id = $1 AND c.id < $2 AND EXISTS (SELECT FROM snapshots s WHERE s.snapshot_id = c.snapshot_id)
    ORDER BY c.id DESC LIMIT $3`,
  ),
  delete: stmt('softwareChanges.delete', 'DELETE FROM software_change_sets WHERE agent_id = $1 AND snapshot_id = $2'),
};

/** `software_change_sets` on PostgreSQL: one row per snapshot with what changed in its list. */
export class PgSoftwareChangeRepo implements Async<SoftwareChangeRepo> {
  constructor(private readonly q: Queryable) {}

  async insert(agentId: string, between: InstalledBetween, changes: EncodedChanges): Promise<void> {
    if (changes.count === 0) return;
    await run(this.q, S.insert, [agentId, between.snapshotId, between.previousSnapshotId, between.at, changes.json]);
  }

  async deleteOf(agentId: string, snapshotId: string): Promise<void> {
    await run(this.q, S.delete, [agentId, snapshotId]);
  }

  /**
   * The newest `limit` changes, newest first. SQLite steps through the sets until it has
   * enough; here they come in pages growing fourfold, since a set holds one change or
   * 40,000: a page never holds more sets than changes are still wanted.
   */
  async list(agentId: string, limit: number): Promise<SoftwareChange[]> {
    const out: SoftwareChange[] = [];
    let before = Number.MAX_SAFE_INTEGER;
    for (let size = 4; out.length < limit; size *= 4) {
      const want = Math.min(size, limit - out.length);
      const sets = await rows<SetRow>(this.q, S.page, [agentId, before, want]);
      for (const set of sets) {
        takeChanges(set, out, limit);
        before = set.id;
      }
      if (sets.length < want) break;
    }
    return out;
  }
}
