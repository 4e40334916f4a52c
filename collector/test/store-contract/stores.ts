import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { openPgStore } from '../../src/store/pg/open.js';
import type { Store } from '../../src/store/store.js';
import { freshPgDatabase, pgSkipReason } from '../support/pg.js';

/** Tables whose row counts tell whether a refused write wrote anything. */
export const COUNTED = ['units', 'enrollment_tokens', 'admin_tokens', 'agents', 'snapshots', 'machine_software', 'verdicts', 'audit_log'] as const;

/** An empty store of one kind, with what a contract test needs to look under it. */
export interface ContractDb {
  store: Store;
  /** Rows per table of COUNTED. */
  counts(): Promise<Record<string, number>>;
  /** SQL both dialects read the same, for a state no repo method makes. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A store the contract runs on: each test opens an empty one of its own. */
export interface ContractStore {
  name: string;
  open(): Promise<ContractDb>;
}

function sqlite(): ContractStore {
  return {
    name: 'sqlite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'zb-contract-'));
      const file = join(dir, 'z.db');
      const store = openStore(file);
      const side = new Database(file);
      return {
        store,
        counts: async () => Object.fromEntries(COUNTED.map((t) => [t, (side.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n])),
        exec: async (sql) => void side.exec(sql),
        close: async () => {
          if (side.open) side.close();
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

function postgres(): ContractStore {
  return {
    name: 'postgres',
    open: async () => {
      const database = await freshPgDatabase();
      const store = await openPgStore(database.url, { poolSize: 4 });
      const side = new pg.Client({ connectionString: database.url });
      await side.connect();
      return {
        store,
        counts: async () => {
          const out: Record<string, number> = {};
          for (const t of COUNTED) out[t] = (await side.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
          return out;
        },
        exec: async (sql) => void (await side.query(sql)),
        close: async () => {
          await side.end().catch(() => {});
          await store.close();
          await database.drop();
        },
      };
    },
  };
}

/**
 * Every Store implementation. A store is added here and every contract test runs on it.
 * PostgreSQL runs where the test run has a cluster (support/pg-global-setup.ts; always
 * in CI).
 */
export const STORES: ContractStore[] = pgSkipReason ? [sqlite()] : [sqlite(), postgres()];

/** Opens stores of one kind for a describe block, and closes each (and removes its files) after its test. */
export function opener(s: ContractStore): () => Promise<ContractDb> {
  const open: ContractDb[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.close();
  });
  return async () => {
    const db = await s.open();
    open.push(db);
    return db;
  };
}

/** Declares the same tests once per store; each `open()` is an empty store, closed after the test. */
export function eachStore(body: (open: () => Promise<Store>) => void): void {
  for (const s of STORES)
    describe(s.name, () => {
      const open = opener(s);
      body(async () => (await open()).store);
    });
}

/** As eachStore, with row counts and raw SQL beside the store. */
export function eachStoreDb(body: (open: () => Promise<ContractDb>) => void): void {
  for (const s of STORES) describe(s.name, () => body(opener(s)));
}
