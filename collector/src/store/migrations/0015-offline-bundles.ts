import type { Migration } from './migration.js';

/**
 * Networks with no route to the collector (issue 17):
 * - `agents.network`: the air-gapped network an agent enrolled offline belongs to, from
 *   its signed enrollment request ('' when the token named none); NULL for an agent that
 *   enrolled over HTTP. An import lists the machines of the bundle's network it did not
 *   bring, so a PC that stopped exporting is noticed;
 * - `enrollment_tokens.network`: set for a token made with `--offline`, so `enrollment
 *   list` tells the two kinds apart;
 * - `bundle_imports`: every import of a bundle, with its manifest's SHA-256 and what it
 *   did, so that a bundle carried in again is named as such, with when it came first.
 */
export const offlineBundles: Migration = {
  version: 15,
  name: 'offline-bundles',
  sql: `
ALTER TABLE agents ADD COLUMN network TEXT;
ALTER TABLE enrollment_tokens ADD COLUMN network TEXT;
CREATE INDEX agents_network ON agents(network) WHERE network IS NOT NULL;

CREATE TABLE bundle_imports (
  id           INTEGER PRIMARY KEY,
  sha256       TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  network      TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  imported_at  TEXT NOT NULL,
  actor        TEXT NOT NULL,
  entries      INTEGER NOT NULL,
  accepted     INTEGER NOT NULL,
  duplicates   INTEGER NOT NULL,
  refused      INTEGER NOT NULL,
  report_json  TEXT NOT NULL
);
CREATE INDEX bundle_imports_sha ON bundle_imports(sha256);`,
};
