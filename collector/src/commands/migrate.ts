import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Command } from 'commander';
import { UsageError } from '../service/errors.js';
import { migrate } from '../store/migrate.js';
import { copyFromSqlite, type CopiedTable } from '../store/pg/copy-from-sqlite.js';
import { migratePg } from '../store/pg/migrate.js';
import { isPostgresUrl, redact } from '../store/pg/open.js';
import { PG_TYPES } from '../store/pg/types.js';
import type { Io } from './io.js';

interface MigrateOptions {
  from: string;
  to: string;
}

/**
 * Moves a county's SQLite database into an empty PostgreSQL database, in one
 * PostgreSQL transaction: all of it, checked table by table, or nothing. Stop `serve`
 * on the file first: what it writes during the copy would not be moved.
 */
export async function migrateDatabase(o: MigrateOptions, io: Io): Promise<CopiedTable[]> {
  if (isPostgresUrl(o.from)) throw new UsageError('--from is the SQLite file to move (a path, not a postgres:// URL)');
  if (!isPostgresUrl(o.to)) throw new UsageError(`--to must be a postgres:// URL of an empty database, not ${o.to}`);
  if (!existsSync(o.from)) throw new UsageError(`--from: there is no database at ${o.from}`);
  const started = performance.now();
  const db = new Database(o.from, { fileMustExist: true });
  const pool = new pg.Pool({ connectionString: o.to, max: 1, types: PG_TYPES });
  try {
    db.pragma('busy_timeout = 5000');
    // Brought to this collector's schema first, as `serve` would, so both sides are at the same version.
    migrate(db);
    await migratePg(pool);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // A snapshot of the file: the copy reads one consistent state even if a CLI writes meanwhile.
      db.exec('BEGIN');
      const copied = await copyFromSqlite(db, client, (t) => {
        if (t.rows > 0) io.err(`moved ${t.table}: ${t.rows} rows`);
      });
      db.exec('COMMIT');
      await client.query('COMMIT');
      const total = copied.reduce((n, t) => n + t.rows, 0);
      for (const t of copied) io.out(`${t.table}\t${t.rows}`);
      io.out(`moved ${total} rows in ${copied.length} tables from ${o.from} to ${redact(o.to)} in ${((performance.now() - started) / 1000).toFixed(1)} s; every table's count checked`);
      return copied;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
      client.release();
    }
  } finally {
    db.close();
    await pool.end();
  }
}

export function registerMigrateCommands(program: Command, io: Io): void {
  program
    .command('migrate')
    .description('move a SQLite database into an empty PostgreSQL database (stop serve first): all of it, checked, or nothing')
    .requiredOption('--from <file>', 'the SQLite database file')
    .requiredOption('--to <url>', 'postgres://user:password@host/database, empty')
    .action(async (o: MigrateOptions) => {
      await migrateDatabase(o, io);
    });
}
