import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, MigrationError } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { currentVersion, migratePg } from '../../src/store/pg/migrate.js';
import { PG_MIGRATIONS } from '../../src/store/pg/migrations/index.js';
import { pgTest } from '../support/pg.js';

const LAST = PG_MIGRATIONS.at(-1)!.version;

async function withPool<T>(url: string, fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

const versions = async (pool: pg.Pool) => (await pool.query<{ version: number }>('SELECT version FROM schema_version ORDER BY version')).rows.map((r) => r.version);
const tableExists = async (pool: pg.Pool, name: string) => (await pool.query('SELECT to_regclass($1) AS t', [name])).rows[0].t !== null;

// Each test has a database of its own, so they run side by side.
describe.concurrent('PostgreSQL migrations', () => {
  // A schema change lands in both dialects with one number and one name (migrations/index.ts).
  it('end at the version SQLite ends at, each after the baseline a twin of the SQLite one', () => {
    expect(LAST).toBe(MIGRATIONS.at(-1)!.version);
    expect(PG_MIGRATIONS.map((m) => m.version)).toEqual(PG_MIGRATIONS.map((_, i) => PG_MIGRATIONS[0]!.version + i));
    const sqliteNames = new Map(MIGRATIONS.map((m) => [m.version, m.name]));
    for (const m of PG_MIGRATIONS.slice(1)) expect(`${m.version} ${sqliteNames.get(m.version)}`).toBe(`${m.version} ${m.name}`);
  });

  pgTest('bring an empty database to the last version', async ({ pgDb }) => {
    await withPool(pgDb.url, async (pool) => {
      expect(await migratePg(pool)).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect(await currentVersion(pool)).toBe(LAST);
      expect(await tableExists(pool, 'agents')).toBe(true);
    });
  });

  pgTest('apply nothing the second time', async ({ pgDb }) => {
    await withPool(pgDb.url, async (pool) => {
      await migratePg(pool);
      expect(await migratePg(pool)).toEqual([]);
      expect(await versions(pool)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    });
  });

  pgTest('run on a client as well as a pool', async ({ pgDb }) => {
    const client = new pg.Client({ connectionString: pgDb.url });
    await client.connect();
    try {
      expect(await migratePg(client)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    } finally {
      await client.end();
    }
  });

  pgTest('are applied once when several collectors start at once', async ({ pgDb }) => {
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: pgDb.url, max: 1 }));
    try {
      const applied = await Promise.all(pools.map((p) => migratePg(p)));
      expect(applied.flat().sort()).toEqual(PG_MIGRATIONS.map((m) => m.version));
      expect(await versions(pools[0]!)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  pgTest('wait for a migration another collector is running, then skip it', async ({ pgDb }) => {
    const slow = [{ version: 1, name: 'slow', sql: 'SELECT pg_sleep(0.5); CREATE TABLE t (a int);' }];
    await withPool(pgDb.url, async (watcher) => {
      const [a, b] = [new pg.Pool({ connectionString: pgDb.url, max: 1 }), new pg.Pool({ connectionString: pgDb.url, max: 1 })];
      try {
        const first = migratePg(a, slow);
        // The second starts only once the first holds the lock, so it must wait for it.
        const held = "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        while ((await watcher.query<{ n: number }>(held)).rows[0]!.n === 0) await new Promise((r) => setTimeout(r, 10));
        const second = migratePg(b, slow);
        expect(await Promise.all([first, second])).toEqual([[1], []]);
      } finally {
        await Promise.all([a.end(), b.end()]);
      }
    });
  });

  pgTest('refuse a database from a newer collector, naming both versions', async ({ pgDb }) => {
    await withPool(pgDb.url, async (pool) => {
      await migratePg(pool);
      await pool.query("INSERT INTO schema_version (version, name) VALUES (99, 'future')");
      const err = await migratePg(pool).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseTooNewError);
      expect(err).toMatchObject({ code: 'E_DB_TOO_NEW', message: expect.stringMatching(new RegExp(`version 99.*only up to ${LAST}`)) });
    });
  });

  pgTest('roll a failing migration back whole, leaving the version where it was', async ({ pgDb }) => {
    const broken = [...PG_MIGRATIONS, { version: LAST + 1, name: 'broken', sql: 'CREATE TABLE t (a int); SELECT nope FROM nowhere;' }];
    await withPool(pgDb.url, async (pool) => {
      const err = await migratePg(pool, broken).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationError);
      expect(err).toMatchObject({ code: 'E_MIGRATION', message: expect.stringContaining(`migration ${LAST + 1} (broken) failed`) });
      expect(await currentVersion(pool)).toBe(LAST);
      expect(await tableExists(pool, 't')).toBe(false);
    });
  });
});
