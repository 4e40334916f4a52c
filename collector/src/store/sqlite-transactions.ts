import type { Database } from 'better-sqlite3';
import type { TxOptions } from './tx-types.js';

interface Pending<X> {
  fn: (tx: X) => Promise<unknown>;
  durable: boolean;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * The caller's transactions on one better-sqlite3 connection. One connection has one
 * transaction at a time, and an async callback gives the event loop away between its
 * statements, so transactions queue here and run one at a time.
 *
 * Group commit: the transactions asked for while the event loop turns once (a burst of
 * snapshots) run in one SQLite transaction, each in a savepoint of its own, so one that
 * throws takes nothing else with it, and share one wait for the disk at COMMIT (0.25 ms
 * here; a morning's repeats come in tens). Every caller still hears only after COMMIT.
 *
 * A transaction that is not durable (staged rows nobody reads until a later durable one
 * makes them current, which syncs everything before it) commits without waiting for the
 * disk; it is never grouped with durable ones.
 */
export class SqliteTransactions<X> {
  private readonly queue: Pending<X>[] = [];
  private scheduled = false;
  private running = false;

  constructor(
    private readonly db: Database,
    private readonly tx: X,
    /** Runs as each SQLite transaction begins: per-transaction caches start empty. */
    private readonly onBegin: () => void = () => {},
  ) {}

  run<T>(fn: (tx: X) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, durable: options.durable !== false, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }

  /**
   * One group, then the event loop's turn before the next: a caller that chains
   * transactions (a long list in slices) does not hold the loop, and what arrives
   * meanwhile joins the next group.
   */
  private async drain(): Promise<void> {
    this.running = true;
    try {
      const durable = this.queue[0]!.durable;
      let n = 1;
      while (n < this.queue.length && this.queue[n]!.durable === durable) n++;
      await this.runGroup(this.queue.splice(0, n), durable);
    } finally {
      this.running = false;
      if (this.queue.length > 0) this.schedule();
    }
  }

  private async runGroup(group: Pending<X>[], durable: boolean): Promise<void> {
    const results: ({ ok: unknown } | { err: unknown })[] = [];
    if (!durable) this.db.pragma('synchronous = NORMAL');
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      if (!durable) this.db.pragma('synchronous = FULL');
      for (const p of group) p.reject(err);
      return;
    }
    try {
      this.onBegin();
      if (group.length === 1) {
        results.push(await this.attempt(group[0]!));
      } else {
        // A failure SQLite answers by rolling back the whole transaction (a full disk) ends the group.
        for (const p of group) {
          this.db.exec('SAVEPOINT one');
          const r = await this.attempt(p);
          if (!this.db.inTransaction) throw 'err' in r ? r.err : new Error('the transaction ended inside a savepoint');
          if ('err' in r) this.db.exec('ROLLBACK TO one');
          this.db.exec('RELEASE one');
          results.push(r);
        }
      }
      if (group.length === 1 && 'err' in results[0]!) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } else {
        this.db.exec('COMMIT');
      }
    } catch (err) {
      // The commit (or a savepoint) failed: nothing of the group was written.
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const p of group) p.reject(err);
      return;
    } finally {
      if (!durable) this.db.pragma('synchronous = FULL');
    }
    group.forEach((p, i) => {
      const r = results[i]!;
      if ('ok' in r) p.resolve(r.ok);
      else p.reject(r.err);
    });
  }

  private async attempt(p: Pending<X>): Promise<{ ok: unknown } | { err: unknown }> {
    try {
      return { ok: await p.fn(this.tx) };
    } catch (err) {
      return { err };
    }
  }
}
