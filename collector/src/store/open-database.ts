import { openStore, type OpenStoreOptions } from './open.js';
import { isPostgresUrl, openPgStore, type OpenPgOptions } from './pg/open.js';
import type { Store } from './store.js';

/**
 * The store `--db` names: a postgres:// URL is a PostgreSQL database that several
 * collectors may share; anything else is a SQLite file, this collector's alone.
 */
export async function openDatabase(db: string, options: OpenStoreOptions & OpenPgOptions = {}): Promise<Store> {
  return isPostgresUrl(db) ? openPgStore(db, options) : openStore(db, options);
}
