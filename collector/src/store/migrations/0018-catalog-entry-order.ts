import type { Migration } from './migration.js';

/**
 * `catalog_entries.position`: the order admins added their products and overrides in,
 * which is the order their rules are tried in. It was the rowid, which an upsert keeps;
 * PostgreSQL has no rowid and rewrites a row on update, so both stores now keep it in a
 * column of its own, set when an entry is first written and left alone after.
 */
export const catalogEntryOrder: Migration = {
  version: 18,
  name: 'catalog-entry-order',
  sql: `
ALTER TABLE catalog_entries ADD COLUMN position INTEGER;
UPDATE catalog_entries SET position = rowid;
`,
};
