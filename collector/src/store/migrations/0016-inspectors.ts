import type { Migration } from './migration.js';

/**
 * Inspectors (issue 17): each `kit create` registers one, with the Ed25519 public key
 * whose private half goes on the inspector's USB stick. An import checks the kit's
 * signed scans against it; a revoked inspector's scans are refused from `revoked_at`
 * on, whenever they were signed, since a lost stick may be used after the loss is known.
 * The unit and spot check are the kit's, kept as text: the list shows what each kit was
 * made for, and a unit removed later does not have to take its inspectors with it.
 */
export const inspectors: Migration = {
  version: 16,
  name: 'inspectors',
  sql: `
CREATE TABLE inspectors (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  public_key    TEXT NOT NULL UNIQUE,
  kit_id        TEXT NOT NULL UNIQUE,
  unit          TEXT,
  spot_check_id TEXT,
  created_at    TEXT NOT NULL,
  revoked_at    TEXT
);`,
};
