import type { StoreContext } from './context.js';
import { SpotCheckRepo } from './spot-check-repo.js';
import type { SpotCheckStore, SpotCheckTx } from './spot-check-types.js';

/**
 * Spot checks over SQLite: the transaction is the caller's (the service draws and
 * freezes inside it), and writes take the write lock first (IMMEDIATE), as the label
 * writer does, so a CLI command beside `serve` cannot change the machines between the
 * read and the write.
 */
export function createSpotCheckStore(ctx: StoreContext): SpotCheckStore {
  const repo = new SpotCheckRepo(ctx.db, ctx.audit);
  const run = ctx.tx((fn: (tx: SpotCheckTx) => unknown) => fn(repo));
  return {
    read: async <T>(fn: (tx: SpotCheckTx) => T) => run.deferred(fn) as T,
    write: async <T>(fn: (tx: SpotCheckTx) => T) => run.immediate(fn) as T,
  };
}
