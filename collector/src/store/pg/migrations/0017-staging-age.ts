import type { PgMigration } from './migration.js';

/** The twin of ../../migrations/0017-staging-age.ts: when a long list began to be staged. */
export const stagingAge: PgMigration = {
  version: 17,
  name: 'staging-age',
  sql: `ALTER TABLE software_staging ADD COLUMN staged_at text;`,
};
