import type { SoftwareChange } from '../schema/history.js';

/**
 * Rows of `software_change_sets` as both stores read them, and what they become: the
 * stores' SQL differs, the rows it answers do not.
 */

/** One change as stored: `[change, name, publisher, versionBefore, versionAfter]`. */
export type StoredChange = [SoftwareChange['change'], string, string | null, string | null, string | null];

export interface SetRow {
  id: number;
  snapshot_id: string;
  previous_snapshot_id: string;
  at: string;
  changes_json: string;
}

/**
 * A change's id: its set's id and its place in the set. A set holds at most 40,000
 * changes (20,000 programs gone, 20,000 come), well under the factor.
 */
const ID_FACTOR = 100_000;

/** Adds a set's changes to `out`, newest first, until it holds `limit`: sets come newest first, and only so many are wanted. */
export function takeChanges(set: SetRow, out: SoftwareChange[], limit: number): void {
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
}
