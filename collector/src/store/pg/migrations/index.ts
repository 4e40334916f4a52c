import type { PgMigration } from './migration.js';
import { baseline } from './0016-baseline.js';
import { stagingAge } from './0017-staging-age.js';
import { catalogEntryOrder } from './0018-catalog-entry-order.js';

export type { PgMigration } from './migration.js';

/**
 * PostgreSQL migrations. The rule that keeps the two stores one schema:
 * - version N here is the twin of version N in ../../migrations/: same number, same name,
 *   same tables, columns, indexes, constraints and seed rows, in this dialect. A database
 *   at version N has the same schema in either store, so `schema_version` and SQLite's
 *   `user_version` mean the same thing;
 * - a schema change lands as both files in the same commit; one without the other fails
 *   collector/test/store/pg-schema.test.ts, which compares the two final schemas;
 * - the list starts at 16 (the baseline: SQLite's schema at 16 written out whole) because
 *   no PostgreSQL database existed before it; versions 1–15 exist only in SQLite.
 * Like the SQLite ones, TypeScript modules rather than .sql files, since tsc copies only .ts.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [baseline, stagingAge, catalogEntryOrder];
