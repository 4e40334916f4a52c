import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ZhengbanError } from '@zhengban/shared';
import { migrate } from './migrate.js';
import { SqliteStore } from './sqlite-store.js';

export interface OpenStoreOptions {
  /** Milliseconds to wait for a lock held by another process (a CLI command beside `serve`). */
  busyTimeoutMs?: number;
  /** Hears work done after an answer (a long list's old rows swept) that failed; it is retried. A process warning otherwise. */
  onBackgroundError?: (err: unknown) => void;
}

/**
 * Opens (creating if needed) the SQLite file, sets the pragmas every connection
 * needs and brings the schema up to date. `:memory:` works for tests.
 */
export function openStore(file: string, options: OpenStoreOptions = {}): SqliteStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (err) {
    throw new ZhengbanError('E_DB_OPEN', `cannot open the database ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // FULL, not WAL's usual NORMAL: an ingest is acknowledged after commit, and an
    // acknowledged snapshot must survive a power cut too.
    db.pragma('synchronous = FULL');
    // Checkpoints every 40 MB of WAL, not 4 MB: a morning of snapshots rewrites the same
    // index pages (machines' last report), which a checkpoint then copies once, not ten times.
    db.pragma('wal_autocheckpoint = 10000');
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return new SqliteStore(db, options.onBackgroundError ? { onBackgroundError: options.onBackgroundError } : {});
}
