import type { Migration } from './migration.js';

/**
 * `software_staging.staged_at`: when a long list began to be staged. Several collectors
 * (or a CLI import beside `serve`) write one database, so a list being staged may be
 * another process's work in progress; what a crash left is told apart by its age, and
 * only a list staged long enough ago (or before this column, NULL) is swept as left over.
 */
export const stagingAge: Migration = {
  version: 17,
  name: 'staging-age',
  sql: `ALTER TABLE software_staging ADD COLUMN staged_at TEXT;`,
};
