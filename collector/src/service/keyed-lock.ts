/**
 * Runs tasks one at a time per key, in arrival order, and tasks of different keys side
 * by side: two snapshots of one agent never write its software list at once.
 */
export function keyedLock(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    // The last task of a key removes its entry, so the map holds only keys with work.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
