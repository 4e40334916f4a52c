import type { ClientBase } from 'pg';

/**
 * A numbered, forward-only PostgreSQL schema step, the twin of the SQLite migration with
 * the same version (see ./index.ts). Never edit one that has landed: add the next.
 */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
  /** Data the SQL cannot carry over by itself, moved in the same transaction after it. */
  backfill?: (client: ClientBase) => Promise<void>;
}
