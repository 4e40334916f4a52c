import type { Migration } from './migration.js';

/**
 * What the dashboard (issue 14) needs beside the reports' read model:
 * - `agents.last_ip`: the address the collector saw the machine's last snapshot come
 *   from, so staff can find a PC by the IP they know it by (the agent measures none);
 * - `trend_days`: each unit's own counts at the end of each past day (China time), for
 *   the trend of the rates. A past day's counts do not change (a report as of a date
 *   reads the verdicts decided by then), so each day is counted once, in the
 *   background, instead of once per page view; the stale window is part of the key
 *   because "reporting" depends on it;
 * - the outlines of each machine's current verdict on its own row (`agents.outline_id`,
 *   `entitlement_outline_id`, and whether that verdict holds its findings itself, from
 *   before migration 4): the overview counts 100,000 machines by outline in one pass
 *   over `agents`, where following each machine to its verdict and two finding sets
 *   took half a second. Set with the verdict (engine-repo.ts); the machine list filters
 *   by them too;
 * - indexes for the machine list's sort orders.
 */
export const dashboard: Migration = {
  version: 12,
  name: 'dashboard',
  sql: `
ALTER TABLE agents ADD COLUMN last_ip TEXT;
ALTER TABLE agents ADD COLUMN outline_id INTEGER;
ALTER TABLE agents ADD COLUMN entitlement_outline_id INTEGER;
ALTER TABLE agents ADD COLUMN legacy_verdict INTEGER NOT NULL DEFAULT 0 CHECK (legacy_verdict IN (0, 1));
UPDATE agents SET
  outline_id = (SELECT f.outline_id FROM verdicts v JOIN finding_sets f ON f.id = v.finding_set_id WHERE v.id = agents.verdict_id),
  entitlement_outline_id = (SELECT f.outline_id FROM verdicts v JOIN finding_sets f ON f.id = v.entitlement_set_id WHERE v.id = agents.verdict_id),
  legacy_verdict = coalesce((SELECT v.findings_json IS NOT NULL AND v.findings_json <> '[]' FROM verdicts v WHERE v.id = agents.verdict_id), 0)
WHERE verdict_id IS NOT NULL;
-- The machine list's orders, so a page deep in 100,000 machines walks an index.
CREATE INDEX agents_hostname ON agents(hostname COLLATE NOCASE, id);
CREATE INDEX agents_last_seen ON agents(last_seen);
-- Everything the reports' count of machines now reads, so it scans this index, not the
-- wider rows: half the time at 100,000 machines, for one more index entry per snapshot.
CREATE INDEX agents_report ON agents(unit_id, chassis, outline_id, entitlement_outline_id, legacy_verdict, verdict_id, last_seen, enrolled_at);
CREATE TABLE trend_days (
  day            TEXT NOT NULL,        -- YYYY-MM-DD, China time
  stale_after_ms INTEGER NOT NULL,
  unit_id        INTEGER NOT NULL,
  computers      INTEGER NOT NULL,
  reporting      INTEGER NOT NULL,
  os             INTEGER NOT NULL,
  office         INTEGER NOT NULL,
  antivirus      INTEGER NOT NULL,
  all_three      INTEGER NOT NULL,
  licensed       INTEGER NOT NULL,
  PRIMARY KEY (day, stale_after_ms, unit_id)
);
-- A day with no machines still marks the day as counted.
CREATE TABLE trend_days_done (
  day            TEXT NOT NULL,
  stale_after_ms INTEGER NOT NULL,
  counted_at     TEXT NOT NULL,
  PRIMARY KEY (day, stale_after_ms)
);`,
};
