import type { PgMigration } from './migration.js';

/** The twin of ../../migrations/0018-catalog-entry-order.ts: entries keep the order they were first written in. */
export const catalogEntryOrder: PgMigration = {
  version: 18,
  name: 'catalog-entry-order',
  sql: `
ALTER TABLE catalog_entries ADD COLUMN position bigint;
UPDATE catalog_entries c SET position = o.n
  FROM (SELECT product_id, row_number() OVER (ORDER BY ctid) AS n FROM catalog_entries) o
  WHERE o.product_id = c.product_id;
`,
};
