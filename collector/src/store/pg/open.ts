import pg from 'pg';
import { ZhengbanError } from '@zhengban/shared';
import { migratePg } from './migrate.js';
import { PgStore } from './pg-store.js';
import { PG_TYPES } from './types.js';

export interface OpenPgOptions {
  /** Connections this collector keeps open at most (each transaction holds one for its length). */
  poolSize?: number;
  onBackgroundError?: (err: unknown) => void;
}

/** Whether `--db` names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/**
 * Connects to the database of a postgres:// URL and brings its schema up to date (once,
 * whichever collector gets there first: migratePg takes an advisory lock).
 */
export async function openPgStore(url: string, options: OpenPgOptions = {}): Promise<PgStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: PG_TYPES });
  // A connection the server drops while idle in the pool must not take the process down.
  pool.on('error', (err) => process.emitWarning(`zhengban store: an idle PostgreSQL connection failed: ${err.message}`));
  try {
    await migratePg(pool);
  } catch (err) {
    await pool.end();
    if (err instanceof ZhengbanError) throw err;
    throw new ZhengbanError('E_DB_OPEN', `cannot open the database ${redact(url)}: ${(err as Error).message}`, { cause: err });
  }
  return new PgStore(pool, { url, ...(options.onBackgroundError ? { onBackgroundError: options.onBackgroundError } : {}) });
}

/** The URL without its password, for a message. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
