import type { Migration } from './migration.js';

/**
 * What the campaign's forms (统计表, 逐台检查表, 资产台账) ask of each computer and the
 * agent cannot measure: its user (使用人) and its asset number (资产编号), set by admins.
 *
 * An asset number names one machine, so the rule is kept by the database itself: a
 * partial unique index holds for every writer (the server, a CLI command beside it on the
 * same file, any later code path), where a check in the service alone would not. The
 * store still looks for the holder first, to refuse with a message naming it. The same
 * index finds a machine by its asset number. NOCASE, because `ZC-0012` and `zc-0012`
 * typed into two spreadsheets are one asset; it folds ASCII only, which is what asset
 * numbers are written in (a PostgreSQL store would index lower(asset_number)).
 * `user_name` rather than `user`, which PostgreSQL reserves.
 */
export const machineLabels: Migration = {
  version: 8,
  name: 'machine-labels',
  sql: `
ALTER TABLE agents ADD COLUMN user_name TEXT;
ALTER TABLE agents ADD COLUMN asset_number TEXT COLLATE NOCASE;
CREATE UNIQUE INDEX agents_asset_number ON agents(asset_number) WHERE asset_number IS NOT NULL;
`,
};
