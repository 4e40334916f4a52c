import type { StoreTx, Transaction } from './tx-types.js';

/** Work a collector does on its own schedule rather than for a request. */
export type PeriodicJob = 'licence-dates' | 'trend-days' | 'retention';

/**
 * The collector's storage boundary. A write is the caller's transaction
 * (`transaction(async tx => …)`, over the repos of tx-types.ts): the service or the
 * engine holds the rules and the store holds SQL only. `read` answers outside a
 * transaction. Times are ISO-8601 UTC strings.
 */
export interface Store {
  readonly transaction: Transaction;
  /**
   * The same repos outside a transaction, for reads: each call stands alone. A write
   * goes in `transaction`, with its audit entry and whatever else it changes.
   */
  readonly read: StoreTx;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  /**
   * Whether this process runs a periodic job now: of the collectors sharing a database,
   * one at a time does each job. Asked before each run; when the one that ran it stops,
   * another takes it over at its next run.
   */
  leads(job: PeriodicJob): Promise<boolean>;
  /**
   * Work left after an answer (sweeping a long list's old rows): `settled` and `close`
   * wait for it, and a failure is reported as the store was told (it is retried later).
   */
  inBackground(work: Promise<void>): void;
  /** Resolves when the work left after answers is done. */
  settled(): Promise<void>;
  /** Closes once that work is done. */
  close(): Promise<void>;
}
