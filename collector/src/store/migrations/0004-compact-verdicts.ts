import type { Migration } from './migration.js';

/**
 * A re-judge that gives 100,000 machines a new verdict took about 40 s, most of it in
 * SQLite: each verdict stored every finding (about 5 KB), and each machine's row in
 * `agents` carried its facts and assessment (about 4 KB), so changing a machine's status
 * rewrote a whole page of it.
 * - Findings are stored once by content in `finding_sets`. A verdict points at the set of
 *   its assessment's findings and at the set of its entitlement findings; machines in the
 *   same state share both. Verdicts stored before keep every finding in `findings_json`
 *   and no set; new ones store '[]' there.
 * - What a verdict is judged from apart from the snapshot (the installs, the outline of
 *   the assessment's findings) is stored once by content in `assessment_bases`; each
 *   machine's assessment is its snapshot, a basis and the finding set of its findings.
 * - A machine's latest facts move to a table of their own, so an `agents` row is a few
 *   hundred bytes.
 * Stored assessments change shape, so they are dropped, and the re-judge this marks
 * owed makes them again from each machine's facts before `serve` listens.
 */
export const compactVerdicts: Migration = {
  version: 4,
  name: 'compact-verdicts',
  sql: `
CREATE TABLE finding_sets (
  id   INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,   -- SHA-256 of json
  json TEXT NOT NULL
);
CREATE TABLE assessment_bases (
  id   INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  json TEXT NOT NULL
);
ALTER TABLE verdicts ADD COLUMN finding_set_id INTEGER REFERENCES finding_sets(id);
ALTER TABLE verdicts ADD COLUMN entitlement_set_id INTEGER REFERENCES finding_sets(id);

CREATE TABLE machine_facts (
  agent_id   TEXT PRIMARY KEY REFERENCES agents(id),
  facts_json TEXT NOT NULL     -- machine, os, office, antivirus… of the latest snapshot
);
INSERT INTO machine_facts (agent_id, facts_json) SELECT id, facts_json FROM agents WHERE facts_json IS NOT NULL;

CREATE TABLE machine_assessments (
  agent_id     TEXT PRIMARY KEY REFERENCES agents(id),
  snapshot_id    TEXT NOT NULL,
  collected_at   TEXT NOT NULL,
  basis_id       INTEGER NOT NULL REFERENCES assessment_bases(id),
  finding_set_id INTEGER NOT NULL REFERENCES finding_sets(id)
);

UPDATE meta SET value = 'verdict storage changed (migration 4): every machine assessed again'
  WHERE key = 'rejudge_pending' AND EXISTS (SELECT 1 FROM agents WHERE assessment_json IS NOT NULL);
ALTER TABLE agents DROP COLUMN facts_json;
ALTER TABLE agents DROP COLUMN assessment_json;
`,
};
