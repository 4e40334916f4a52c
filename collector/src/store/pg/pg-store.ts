import type { Pool, PoolClient } from 'pg';
import { BackgroundWork } from '../background.js';
import type { StoreTx, Transaction, TxOptions } from '../tx-types.js';
import type { PeriodicJob, Store } from '../store.js';
import { Leadership } from './leadership.js';
import { pgRepos } from './repos.js';

/** PostgreSQL's answers that mean "another transaction got there first: run it again". */
const RETRY = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

/**
 * The Store on PostgreSQL, for several collector processes on one database. Reads go to
 * the pool, each statement standing alone; a transaction takes one client for its whole
 * callback. Isolation is PostgreSQL's READ COMMITTED, with the locks the contract names
 * (an agent's row for its ingest, the fleet's seats for allocation, taken in that order
 * of seats first), so concurrent writers wait for each other rather than fail; a
 * deadlock or serialization failure PostgreSQL still reports runs the callback again.
 */
export class PgStore implements Store {
  readonly transaction: Transaction;
  readonly read: StoreTx;
  private readonly background: BackgroundWork;
  private readonly leadership: Leadership;

  constructor(
    private readonly pool: Pool,
    options: { url: string; onBackgroundError?: (err: unknown) => void },
  ) {
    this.background = new BackgroundWork(options.onBackgroundError);
    this.leadership = new Leadership(options.url);
    this.read = pgRepos(pool);
    this.transaction = (fn, options) => this.run(fn, options);
  }

  private async run<T>(fn: (tx: StoreTx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        // Rows nobody reads before a later durable commit: that commit's flush carries them.
        if (options.durable === false) await client.query('SET LOCAL synchronous_commit = off');
        const result = await fn(pgRepos(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        broken = await rollback(client);
        if (attempt < ATTEMPTS && RETRY.has((err as { code?: string }).code ?? '')) continue;
        throw err;
      } finally {
        // A client whose rollback failed is in an unknown state: the pool drops it.
        client.release(broken instanceof Error ? broken : undefined);
      }
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  leads(job: PeriodicJob): Promise<boolean> {
    return this.leadership.leads(job);
  }

  inBackground(work: Promise<void>): void {
    this.background.add(work);
  }

  settled(): Promise<void> {
    return this.background.settled();
  }

  async close(): Promise<void> {
    await this.settled();
    await this.leadership.close();
    if (!this.pool.ended) await this.pool.end();
  }
}

async function rollback(client: PoolClient): Promise<unknown> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (err) {
    return err;
  }
}

