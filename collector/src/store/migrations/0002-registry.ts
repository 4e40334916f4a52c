import type { Migration } from './migration.js';

/**
 * The licence registry and the verdict engine's state (issue 5).
 *
 * - Units become a tree with headcount and responsible persons; machine moves are kept.
 * - The catalog's built-in products live in code; `catalog_entries` holds only what
 *   admins changed or added.
 * - `machine_installs` is what each machine runs that the catalog recognised: the demand
 *   that seats are allocated against, kept so a registry change re-judges without
 *   re-reading snapshots. `seat_allocations` is who holds which seat, so holders keep them.
 * - `meta` counts revisions of the catalog and the registry, and marks a re-judge that a
 *   write still owes (set in the write's transaction, cleared when the re-judge commits).
 */
export const registry: Migration = {
  version: 2,
  name: 'registry',
  sql: `
ALTER TABLE units ADD COLUMN kind TEXT NOT NULL DEFAULT 'department'
  CHECK (kind IN ('province', 'city', 'county', 'department', 'town', 'other'));
ALTER TABLE units ADD COLUMN code TEXT;
ALTER TABLE units ADD COLUMN headcount INTEGER CHECK (headcount IS NULL OR headcount >= 0);
ALTER TABLE units ADD COLUMN updated_at TEXT;
UPDATE units SET updated_at = created_at;
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE unit_people (
  id         INTEGER PRIMARY KEY,
  unit_id    INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('first-responsible', 'leader-in-charge', 'contact')),
  name       TEXT NOT NULL,
  title      TEXT,
  phone      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX unit_people_unit ON unit_people(unit_id);

CREATE TABLE machine_moves (
  id           INTEGER PRIMARY KEY,
  agent_id     TEXT NOT NULL REFERENCES agents(id),
  from_unit_id INTEGER NOT NULL REFERENCES units(id),
  to_unit_id   INTEGER NOT NULL REFERENCES units(id),
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  reason       TEXT
);
CREATE INDEX machine_moves_agent ON machine_moves(agent_id, id);

-- Seats queue by first seen; the assessment is the registry-independent part of the verdict.
ALTER TABLE agents ADD COLUMN first_seen TEXT;
ALTER TABLE agents ADD COLUMN assessment_json TEXT;
UPDATE agents SET first_seen = (SELECT min(received_at) FROM snapshots s WHERE s.agent_id = agents.id);

-- Kept so that software can be judged again from the rows alone.
ALTER TABLE machine_software ADD COLUMN scope TEXT;
ALTER TABLE machine_software ADD COLUMN user_sid TEXT;
ALTER TABLE machine_software ADD COLUMN system_component INTEGER;

CREATE TABLE catalog_entries (
  product_id TEXT PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('custom', 'override')),
  json       TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE licences (
  id             INTEGER PRIMARY KEY,
  product_id     TEXT NOT NULL,
  edition        TEXT,                -- a catalog edition id; NULL: any
  version_from   TEXT,
  version_to     TEXT,
  downgrade      INTEGER NOT NULL DEFAULT 0 CHECK (downgrade IN (0, 1)),
  model          TEXT NOT NULL CHECK (model IN ('oem', 'retail', 'mak', 'kms', 'subscription', 'site', 'network', 'open-source', 'free')),
  kms_hosts_json TEXT NOT NULL DEFAULT '[]',
  seats          INTEGER CHECK (seats IS NULL OR seats >= 0),   -- NULL: unlimited
  unit_id        INTEGER NOT NULL REFERENCES units(id),
  valid_from     TEXT,                -- YYYY-MM-DD, inclusive
  valid_until    TEXT,                -- YYYY-MM-DD, inclusive
  vendor         TEXT,
  purchase_order TEXT,
  price_fen      INTEGER CHECK (price_fen IS NULL OR price_fen >= 0),
  notes          TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX licences_product ON licences(product_id);
CREATE INDEX licences_unit ON licences(unit_id);

CREATE TABLE licence_documents (
  licence_id INTEGER PRIMARY KEY REFERENCES licences(id) ON DELETE CASCADE,
  file_name  TEXT NOT NULL,
  media_type TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  size       INTEGER NOT NULL,
  content    BLOB NOT NULL,
  stored_at  TEXT NOT NULL,
  stored_by  TEXT NOT NULL
);

CREATE TABLE licence_events (
  id                 INTEGER PRIMARY KEY,
  licence_id         INTEGER NOT NULL REFERENCES licences(id) ON DELETE CASCADE,
  kind               TEXT NOT NULL CHECK (kind IN ('purchase', 'install', 'upgrade', 'renewal', 'disposal')),
  disposal           TEXT CHECK (disposal IN ('transfer', 'donation', 'reallocation', 'scrap')),
  date               TEXT NOT NULL,
  seats              INTEGER CHECK (seats IS NULL OR seats > 0),
  to_unit_id         INTEGER REFERENCES units(id),
  valid_until        TEXT,
  version_to         TEXT,
  created_licence_id INTEGER REFERENCES licences(id) ON DELETE SET NULL,
  notes              TEXT,
  actor              TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  CHECK ((kind = 'disposal') = (disposal IS NOT NULL)),
  CHECK (disposal IS NOT 'reallocation' OR to_unit_id IS NOT NULL)
);
CREATE INDEX licence_events_licence ON licence_events(licence_id, id);

CREATE TABLE list_entries (
  id                INTEGER PRIMARY KEY,
  list              TEXT NOT NULL CHECK (list IN ('deny', 'allow')),
  name_pattern      TEXT NOT NULL,
  publisher_pattern TEXT,
  unit_id           INTEGER REFERENCES units(id),     -- NULL: everywhere
  reason            TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  created_by        TEXT NOT NULL
);

CREATE TABLE machine_installs (
  agent_id     TEXT NOT NULL REFERENCES agents(id),
  idx          INTEGER NOT NULL,
  product_id   TEXT NOT NULL,
  edition      TEXT,
  release      TEXT,
  kms_host     TEXT,
  outcome_json TEXT,                  -- the entitlement outcome last judged
  PRIMARY KEY (agent_id, idx)
);
CREATE INDEX machine_installs_product ON machine_installs(product_id);

CREATE TABLE seat_allocations (
  agent_id   TEXT NOT NULL REFERENCES agents(id),
  product_id TEXT NOT NULL,
  licence_id INTEGER NOT NULL REFERENCES licences(id) ON DELETE CASCADE,
  since      TEXT NOT NULL,
  PRIMARY KEY (agent_id, product_id)
);
CREATE INDEX seat_allocations_licence ON seat_allocations(licence_id);

CREATE TABLE software_changes (
  id                   INTEGER PRIMARY KEY,
  agent_id             TEXT NOT NULL REFERENCES agents(id),
  snapshot_id          TEXT NOT NULL,
  previous_snapshot_id TEXT NOT NULL,
  at                   TEXT NOT NULL,
  change               TEXT NOT NULL CHECK (change IN ('installed', 'removed', 'changed')),
  name                 TEXT NOT NULL,
  publisher            TEXT,
  version_before       TEXT,
  version_after        TEXT
);
CREATE INDEX software_changes_agent ON software_changes(agent_id, id);

ALTER TABLE verdicts ADD COLUMN trigger TEXT NOT NULL DEFAULT 'snapshot'
  CHECK (trigger IN ('snapshot', 'licence', 'catalog', 'list', 'unit', 'move', 'seat', 'manual'));
ALTER TABLE verdicts ADD COLUMN trigger_detail TEXT;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('catalog_revision', '0'), ('registry_revision', '0'), ('rejudge_pending', '');
`,
};
