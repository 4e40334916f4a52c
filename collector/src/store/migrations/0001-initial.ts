import type { Migration } from './migration.js';

/**
 * The first schema. Timestamps are ISO-8601 UTC text (`Date#toISOString`), so they
 * sort and compare as strings. `units.parent_id` is unused until the unit tree
 * arrives, but queries already walk it, so scoping needs no rewrite then.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE units (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  parent_id  INTEGER REFERENCES units(id),
  created_at TEXT NOT NULL
);

CREATE TABLE enrollment_tokens (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  unit_id    INTEGER NOT NULL REFERENCES units(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  max_uses   INTEGER,                 -- NULL: unlimited
  uses       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE admin_tokens (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  role         TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
  unit_id      INTEGER REFERENCES units(id),
  created_at   TEXT NOT NULL,
  last_used_at TEXT,
  CHECK (role = 'admin' OR unit_id IS NOT NULL)
);

-- One row per enrolled agent, which is one machine; the latest snapshot's facts are
-- kept here so lists and details never re-read payloads.
CREATE TABLE agents (
  id                  TEXT PRIMARY KEY,
  unit_id             INTEGER NOT NULL REFERENCES units(id),
  enrollment_token_id INTEGER REFERENCES enrollment_tokens(id),
  public_key          TEXT NOT NULL,
  hostname            TEXT NOT NULL,
  hardware_uuid       TEXT,
  machine_id          TEXT,
  serial              TEXT,
  agent_version       TEXT,
  enrolled_at         TEXT NOT NULL,
  last_seq            INTEGER,        -- NULL until the first snapshot
  last_seen           TEXT,
  last_snapshot_id    TEXT,
  verdict_id          INTEGER,
  status              TEXT CHECK (status IN ('licensed', 'unauthorized')),  -- NULL: pending
  chassis             TEXT,
  os_name             TEXT,
  facts_json          TEXT,           -- machine, os, office, antivirus of the latest snapshot
  software_hash       TEXT,
  software_count      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX agents_unit ON agents(unit_id);

CREATE TABLE snapshots (
  snapshot_id   TEXT PRIMARY KEY,
  agent_id      TEXT NOT NULL REFERENCES agents(id),
  seq           INTEGER NOT NULL,
  collected_at  TEXT NOT NULL,
  received_at   TEXT NOT NULL,
  payload       TEXT NOT NULL,        -- the exact signed text
  signature     TEXT NOT NULL,
  response_json TEXT NOT NULL,        -- replayed to a duplicate
  UNIQUE (agent_id, seq)
);

CREATE TABLE machine_software (
  agent_id     TEXT NOT NULL REFERENCES agents(id),
  name         TEXT NOT NULL,
  version      TEXT,
  publisher    TEXT,
  arch         TEXT,
  install_date TEXT,
  size_bytes   INTEGER,
  source       TEXT NOT NULL
);
CREATE INDEX machine_software_agent ON machine_software(agent_id);
CREATE INDEX machine_software_name ON machine_software(name);

-- Several verdicts per snapshot once machines are re-judged under new rules.
CREATE TABLE verdicts (
  id            INTEGER PRIMARY KEY,
  agent_id      TEXT NOT NULL REFERENCES agents(id),
  snapshot_id   TEXT NOT NULL REFERENCES snapshots(snapshot_id),
  status        TEXT NOT NULL CHECK (status IN ('licensed', 'unauthorized')),
  rules_version TEXT NOT NULL,
  findings_json TEXT NOT NULL,
  decided_at    TEXT NOT NULL
);
CREATE INDEX verdicts_agent ON verdicts(agent_id, id);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT,
  detail_json TEXT
);
`,
};
