import type { Database } from 'better-sqlite3';

/** A numbered, forward-only schema step. Never edit one that has landed: add the next. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data the SQL cannot carry over by itself, moved in the same transaction after it. */
  backfill?: (db: Database) => void;
}
