import type { Database } from 'better-sqlite3';
import { BackgroundWork } from './background.js';
import { sqliteRepos, sqliteTx } from './sqlite-repos.js';
import { SqliteTransactions } from './sqlite-transactions.js';
import type { StoreTx, Transaction } from './tx-types.js';
import type { Store } from './store.js';

/**
 * The Store on better-sqlite3: the repos (sqlite-repos.ts), each behind the async
 * contract, and the caller's transactions on the one connection (sqlite-transactions.ts).
 * A statement runs to completion before another request's code runs; transactions
 * queue, so this process is the one writer (a CLI command beside it waits on SQLite's
 * lock).
 */
export class SqliteStore implements Store {
  readonly transaction: Transaction;
  readonly read: StoreTx;

  private readonly background: BackgroundWork;

  /** `onBackgroundError` hears work done after an answer (a sweep) that failed; it is retried later. */
  constructor(
    private readonly db: Database,
    options: { onBackgroundError?: (err: unknown) => void } = {},
  ) {
    this.background = new BackgroundWork(options.onBackgroundError);
    const repos = sqliteRepos(db);
    this.read = sqliteTx(repos);
    const transactions = new SqliteTransactions<StoreTx>(db, this.read, () => repos.engine.begin());
    this.transaction = (fn, options) => transactions.run(fn, options);
  }

  async ping(): Promise<void> {
    this.db.pragma('user_version', { simple: true });
  }

  /** A SQLite file has one serving collector (the file's lock keeps CLI commands to short turns): it runs every job. */
  async leads(): Promise<boolean> {
    return true;
  }

  inBackground(work: Promise<void>): void {
    this.background.add(work);
  }

  /** Work left after answers, done: a test reads the rows after a long list's old one is swept. */
  settled(): Promise<void> {
    return this.background.settled();
  }

  async close(): Promise<void> {
    await this.settled();
    if (this.db.open) this.db.close();
  }
}
