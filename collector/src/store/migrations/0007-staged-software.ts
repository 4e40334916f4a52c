import type { Database } from 'better-sqlite3';
import type { Migration } from './migration.js';

/**
 * A snapshot whose whole list of 20,000 programs changed held the event loop for
 * seconds: its rows and 40,000 software changes were written in the one ingest
 * transaction. Now a long list is written beforehand in short transactions, out of
 * sight, and the ingest transaction only makes it current:
 * - each machine's rows carry a generation (`gen`); the current one is
 *   `agents.software_gen`, and readers see only it;
 * - `software_staging` names the generations written but not current (a list being
 *   staged, or an old one to delete), so a crash leaves nothing that is not swept;
 * - a row knows when its program was installed (after the machine's first snapshot),
 *   so telling a new install from an old one reads the list, not the change history;
 * - the changes of one snapshot are one row (`software_change_sets`), written with it.
 * The index on program names goes: no query reads by name, and it cost every insert.
 */
export const stagedSoftware: Migration = {
  version: 7,
  name: 'staged-software',
  sql: `
ALTER TABLE agents ADD COLUMN software_gen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE machine_software ADD COLUMN gen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE machine_software ADD COLUMN installed_snapshot_id TEXT;
ALTER TABLE machine_software ADD COLUMN installed_previous_snapshot_id TEXT;
ALTER TABLE machine_software ADD COLUMN installed_at TEXT;
DROP INDEX machine_software_agent;
CREATE INDEX machine_software_agent ON machine_software(agent_id, gen);
DROP INDEX machine_software_name;
CREATE TABLE software_staging (
  agent_id    TEXT NOT NULL REFERENCES agents(id),
  gen         INTEGER NOT NULL,
  snapshot_id TEXT,      -- the snapshot being stored; NULL for an older list left to delete
  PRIMARY KEY (agent_id, gen)
);
CREATE TABLE software_change_sets (
  id                   INTEGER PRIMARY KEY,
  agent_id             TEXT NOT NULL REFERENCES agents(id),
  snapshot_id          TEXT NOT NULL,
  previous_snapshot_id TEXT NOT NULL,
  at                   TEXT NOT NULL,
  changes_json         TEXT NOT NULL    -- [[change, name, publisher, versionBefore, versionAfter], …]
);
CREATE INDEX software_change_sets_agent ON software_change_sets(agent_id, id);
INSERT INTO software_change_sets (agent_id, snapshot_id, previous_snapshot_id, at, changes_json)
  SELECT agent_id, snapshot_id, previous_snapshot_id, at, json_group_array(json_array(change, name, publisher, version_before, version_after))
  FROM (SELECT * FROM software_changes ORDER BY id)
  GROUP BY agent_id, snapshot_id
  ORDER BY min(id);
`,
  backfill: installedFromHistory,
};

/**
 * Each machine's programs installed after its first snapshot and not removed since, as
 * the change history tells, folded once over it in order (one pass, not a subquery per
 * row); then the per-change table goes, its rows now in `software_change_sets`.
 */
function installedFromHistory(db: Database): void {
  const rows = db.prepare(`SELECT agent_id, change, name, snapshot_id, previous_snapshot_id, at FROM software_changes
    WHERE change IN ('installed', 'removed') ORDER BY agent_id, id`);
  // Folded while reading; written after, since a connection runs nothing else while it iterates.
  const updates: [string, string, string, string, string][] = [];
  let agent: string | null = null;
  let installed = new Map<string, { snapshotId: string; previousSnapshotId: string; at: string }>();
  const flush = () => {
    for (const [name, i] of installed) updates.push([i.snapshotId, i.previousSnapshotId, i.at, agent!, name]);
  };
  for (const r of rows.iterate() as Iterable<{ agent_id: string; change: string; name: string; snapshot_id: string; previous_snapshot_id: string; at: string }>) {
    if (r.agent_id !== agent) {
      flush();
      agent = r.agent_id;
      installed = new Map();
    }
    const name = r.name.toLowerCase();
    if (r.change === 'removed') installed.delete(name);
    else installed.set(name, { snapshotId: r.snapshot_id, previousSnapshotId: r.previous_snapshot_id, at: r.at });
  }
  flush();
  const update = db.prepare(`UPDATE machine_software SET installed_snapshot_id = ?, installed_previous_snapshot_id = ?, installed_at = ?
    WHERE agent_id = ? AND lower(name) = ?`);
  for (const u of updates) update.run(...u);
  db.exec('DROP TABLE software_changes');
}
