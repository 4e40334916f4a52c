import type { StoreTx } from '../../src/store/tx-types.js';
import type { Store } from '../../src/store/types.js';

/**
 * Two transactions that overlap: the first runs `first` and stays open; the second starts
 * then, and the first commits a moment later. What the second answers tells whether it
 * read what the first wrote, as it does where SQLite runs one transaction at a time, or
 * read around it, as PostgreSQL's READ COMMITTED would without a lock.
 */
export async function overlapping<A, B>(store: Store, first: (tx: StoreTx) => Promise<A>, second: (tx: StoreTx) => Promise<B>): Promise<[A, B]> {
  let ran!: () => void;
  let commit!: () => void;
  const firstRan = new Promise<void>((resolve) => (ran = resolve));
  const mayCommit = new Promise<void>((resolve) => (commit = resolve));
  const a = store.transaction(async (tx) => {
    const out = await first(tx);
    ran();
    await mayCommit;
    return out;
  });
  a.catch(() => ran());
  await firstRan;
  const b = store.transaction(second);
  // Time for the second to read, were nothing held.
  await new Promise((resolve) => setTimeout(resolve, 200));
  commit();
  return [await a, await b];
}
