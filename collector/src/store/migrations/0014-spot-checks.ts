import type { Migration } from './migration.js';

/**
 * Spot checks (抽查, issue 17):
 * - `spot_checks`: one draw of a unit's subtree, with what reproduces it (ratio, min,
 *   seed, the population and its strata) and the rules that grade it, as JSON, so a
 *   later change of the default rules does not regrade a spot check already stamped.
 *   `recheck_of` names the spot check a re-check follows;
 * - `spot_check_machines`: a machine of the sample, numbered as on the form (`no`), in
 *   its stratum (unit and kind), with its verdict and evidence frozen as JSON at the draw
 *   and what the inspector recorded at the PC. `agent_id` is NULL for a PC the collector
 *   does not know (found on site by the kit); its identity (hardware UUID, serial, OS
 *   install id, host name) is copied so a kit's scan can be matched to it;
 * - `spot_check_scans`: the kit's scans, whole, beside the frozen evidence; an envelope
 *   is attached once per spot check (its SHA-256 is unique there), so an import run
 *   twice adds nothing;
 * - `spot_check_unit_checks`: the unit's 台账 and licence documents, checked or not.
 */
export const spotChecks: Migration = {
  version: 14,
  name: 'spot-checks',
  sql: `
CREATE TABLE spot_checks (
  id           INTEGER PRIMARY KEY,
  unit_id      INTEGER NOT NULL REFERENCES units(id),
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  ratio        REAL NOT NULL CHECK (ratio > 0 AND ratio <= 1),
  min_machines INTEGER NOT NULL CHECK (min_machines >= 0),
  seed         TEXT NOT NULL,
  population   INTEGER NOT NULL,
  strata_json  TEXT NOT NULL,
  grading_json TEXT NOT NULL,
  recheck_of   INTEGER REFERENCES spot_checks(id),
  state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
  closed_at    TEXT
);
CREATE INDEX spot_checks_unit ON spot_checks(unit_id, id);

CREATE TABLE spot_check_machines (
  id              INTEGER PRIMARY KEY,
  spot_check_id   INTEGER NOT NULL REFERENCES spot_checks(id),
  no              INTEGER NOT NULL,
  origin          TEXT NOT NULL CHECK (origin IN ('drawn', 'on-site')),
  agent_id        TEXT REFERENCES agents(id),
  unit_id         INTEGER NOT NULL REFERENCES units(id),
  kind            TEXT NOT NULL CHECK (kind IN ('desktop', 'laptop', 'other')),
  hostname        TEXT NOT NULL,
  hardware_uuid   TEXT,
  serial          TEXT,
  machine_id      TEXT,
  frozen_json     TEXT,
  frozen_at       TEXT,
  label_matches   TEXT NOT NULL DEFAULT 'not-checked' CHECK (label_matches IN ('yes', 'no', 'not-checked')),
  agent_present   TEXT NOT NULL DEFAULT 'not-checked' CHECK (agent_present IN ('yes', 'no', 'not-checked')),
  agent_reporting TEXT NOT NULL DEFAULT 'not-checked' CHECK (agent_reporting IN ('yes', 'no', 'not-checked')),
  unreported_json TEXT NOT NULL DEFAULT '[]',
  remark          TEXT,
  recorded_at     TEXT,
  recorded_by     TEXT,
  UNIQUE (spot_check_id, no)
);
CREATE UNIQUE INDEX spot_check_machines_agent ON spot_check_machines(spot_check_id, agent_id) WHERE agent_id IS NOT NULL;

CREATE TABLE spot_check_scans (
  id              INTEGER PRIMARY KEY,
  spot_check_id   INTEGER NOT NULL REFERENCES spot_checks(id),
  machine_entry   INTEGER NOT NULL REFERENCES spot_check_machines(id),
  envelope_sha256 TEXT NOT NULL,
  inspector       TEXT NOT NULL,
  signed_at       TEXT NOT NULL,
  matched_by      TEXT CHECK (matched_by IN ('hardwareUuid', 'serial', 'machineId', 'hostname')),
  snapshot_json   TEXT NOT NULL,
  verdict_json    TEXT NOT NULL,
  agent_last_seen TEXT,
  attached_at     TEXT NOT NULL,
  UNIQUE (spot_check_id, envelope_sha256)
);
CREATE INDEX spot_check_scans_machine ON spot_check_scans(machine_entry);

CREATE TABLE spot_check_unit_checks (
  spot_check_id INTEGER PRIMARY KEY REFERENCES spot_checks(id),
  ledger        TEXT NOT NULL CHECK (ledger IN ('yes', 'no', 'not-checked')),
  documents     TEXT NOT NULL CHECK (documents IN ('yes', 'no', 'not-checked')),
  remark        TEXT,
  recorded_at   TEXT NOT NULL,
  recorded_by   TEXT NOT NULL
);`,
};
