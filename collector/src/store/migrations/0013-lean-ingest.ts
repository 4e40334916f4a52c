import type { Migration } from './migration.js';

/**
 * Ingest at a fleet's morning rate (issue 16):
 * - `agents.state_hash`: SHA-256 of what the machine's current verdict was judged from
 *   (every section of its last judged snapshot but the ids and the time). A snapshot
 *   with the same hash, under the same rules, changes nothing a verdict reads: it is
 *   stored and the machine marked as heard from, and nothing is judged again;
 * - `agents.last_collected_at`: when the last snapshot was measured; the facts beside
 *   the agent are those of the last one judged, and one that repeated them moves only this;
 * - `snapshots.payload_gz`: the signed text as the agent gzipped it on the wire (the
 *   signature covers the text, which gunzip gives back byte for byte); `payload` is
 *   then empty. A 150-program snapshot is 27 KB as text and about 4 KB gzipped;
 * - `snapshots.pruned_at`: when retention dropped the payload and signature of a
 *   snapshot no verdict, assessment or machine still points at. The row stays: it is
 *   when the machine reported (reports as of a date read it) and what it was answered;
 * - `verdicts_snapshot`: retention asks, per snapshot, whether a verdict points at it;
 * - `licence_seats_used`: each licence's seats in use, kept by triggers on
 *   `seat_allocations` in the same statement that moves a seat, so every writer keeps
 *   it true. A new machine's seats were counted over all allocations of the product
 *   (tens of milliseconds per product at 100,000 machines);
 * - `machine_installs_waiting`: the machines queued for a licence (over-allocated),
 *   found on a small partial index instead of reading every install's outcome;
 * - `machine_software_installed`: the machines with a program installed after their
 *   first snapshot (their assessment quotes when): a re-judge assesses those one by one
 *   and shares one assessment among machines in the same state otherwise.
 */
export const leanIngest: Migration = {
  version: 13,
  name: 'lean-ingest',
  sql: `
ALTER TABLE agents ADD COLUMN state_hash TEXT;
ALTER TABLE agents ADD COLUMN last_collected_at TEXT;
ALTER TABLE snapshots ADD COLUMN payload_gz BLOB;
ALTER TABLE snapshots ADD COLUMN pruned_at TEXT;
CREATE INDEX verdicts_snapshot ON verdicts(snapshot_id);

CREATE TABLE licence_seats_used (
  licence_id INTEGER PRIMARY KEY REFERENCES licences(id) ON DELETE CASCADE,
  used       INTEGER NOT NULL
);
INSERT INTO licence_seats_used (licence_id, used) SELECT licence_id, count(*) FROM seat_allocations GROUP BY licence_id;
CREATE TRIGGER seat_taken AFTER INSERT ON seat_allocations BEGIN
  INSERT INTO licence_seats_used (licence_id, used) VALUES (new.licence_id, 1)
    ON CONFLICT (licence_id) DO UPDATE SET used = used + 1;
END;
CREATE TRIGGER seat_freed AFTER DELETE ON seat_allocations BEGIN
  UPDATE licence_seats_used SET used = used - 1 WHERE licence_id = old.licence_id;
END;
CREATE TRIGGER seat_moved AFTER UPDATE OF licence_id ON seat_allocations WHEN old.licence_id <> new.licence_id BEGIN
  UPDATE licence_seats_used SET used = used - 1 WHERE licence_id = old.licence_id;
  INSERT INTO licence_seats_used (licence_id, used) VALUES (new.licence_id, 1)
    ON CONFLICT (licence_id) DO UPDATE SET used = used + 1;
END;

CREATE INDEX machine_installs_waiting ON machine_installs(product_id, json_extract(outcome_json, '$.licenceId'))
  WHERE json_extract(outcome_json, '$.kind') = 'over-allocated';
CREATE INDEX machine_software_installed ON machine_software(agent_id) WHERE installed_snapshot_id IS NOT NULL;`,
};
