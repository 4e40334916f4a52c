import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Store } from '../store/store.js';

/** Snapshots per slice: one short transaction, then the event loop's turn. */
const SPAN = 2_000;

export interface RetentionOptions {
  /** How long a snapshot keeps its signed text once nothing points at it. */
  keepMs: number;
}

/**
 * One pass of retention: the signed text (payload and signature) of every snapshot
 * received more than `keepMs` ago that is neither its machine's latest nor named by a
 * verdict goes. The row stays, small: when the machine reported and what it was
 * answered, which reports as of a date and duplicate answers read. Returns how many
 * were pruned.
 */
export async function pruneSnapshots(d: { store: Store; now: () => Date }, o: RetentionOptions): Promise<number> {
  const now = d.now();
  const before = new Date(now.getTime() - o.keepMs).toISOString();
  let pruned = 0;
  for (let after: number | null = 0; after !== null; ) {
    const slice = await d.store.transaction((tx) => tx.snapshots.pruneSlice(after!, before, SPAN, now.toISOString()));
    pruned += slice.pruned;
    after = slice.next;
    await yieldToEventLoop();
  }
  return pruned;
}

/** Prunes now and then every `everyMs` (an hour) until stopped; a failure is reported and tried again next time. */
export function startRetention(
  d: { store: Store; now: () => Date },
  o: RetentionOptions & { everyMs?: number },
  on: { pruned: (n: number) => void; failed: (err: unknown) => void },
): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    // One collector of those sharing a database prunes; the others look again next time.
    d.store
      .leads('retention')
      .then((mine) => (mine ? pruneSnapshots(d, o) : 0))
      .then((n) => n > 0 && on.pruned(n), on.failed)
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, o.everyMs ?? 3_600_000);
        timer.unref();
      });
  };
  tick();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
