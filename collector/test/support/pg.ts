import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject, test } from 'vitest';

/** What the global setup (pg-global-setup.ts) hands the tests: a server, or why there is none. */
export type PgProvided = { url: string } | { skip: string };

declare module 'vitest' {
  export interface ProvidedContext {
    zhengbanPg: PgProvided;
  }
}

export interface PgDatabase {
  /** Connection string of a database of its own, empty. */
  url: string;
  name: string;
  /** Drops it, cutting any connection a test left open. */
  drop(): Promise<void>;
}

const provided: PgProvided = inject('zhengbanPg') ?? { skip: 'this vitest project has no PostgreSQL global setup (collector/test/support/pg-global-setup.ts)' };

/** Why PostgreSQL tests cannot run here, or null when they can: for `describe.skipIf(pgSkipReason)`. */
export const pgSkipReason: string | null = 'skip' in provided ? provided.skip : null;

/**
 * A new database on the run's cluster, so tests in parallel workers never share
 * tables. FILE_COPY: its checkpoint costs nothing with fsync off, and it took 30 ms
 * where PostgreSQL 15's default (copying template1 through the WAL) took 100. The name
 * carries the worker's pid and random bytes, so runs sharing a ZHENGBAN_TEST_PG server
 * do not collide either.
 */
export async function freshPgDatabase(): Promise<PgDatabase> {
  if (!('url' in provided)) throw new Error(`no PostgreSQL for tests: ${provided.skip}`);
  const base = provided.url;
  const name = `zb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin(base, `CREATE DATABASE ${name} STRATEGY FILE_COPY`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin(base, (c) => dropWhenLeft(c, name)) };
}

/**
 * Drops a test's database once the connections its test closed have gone. A pool's
 * end() resolves when it has told its clients to end, before the server has seen them
 * go; FORCE would then cut them mid-goodbye, and a client cut that way emits 'error',
 * which a test's pool has no listener for (an uncaught error failing the run). Waits up
 * to 5 s: a connection still there then was left open, and FORCE cuts it.
 */
async function dropWhenLeft(client: pg.Client, name: string): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 20) {
    const { n } = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])).rows[0]!;
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function admin(url: string, fn: string | ((client: pg.Client) => Promise<void>)): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (typeof fn === 'string') await client.query(fn);
    else await fn(client);
  } finally {
    await client.end();
  }
}

/** `test` with `pgDb`, a fresh database per test dropped after it; skipped, with the reason, where PostgreSQL is missing. */
export const pgTest = test.extend<{ pgDb: PgDatabase }>({
  pgDb: async ({ skip }, use) => {
    if (pgSkipReason) skip(pgSkipReason);
    const db = await freshPgDatabase();
    try {
      await use(db);
    } finally {
      await db.drop();
    }
  },
});
