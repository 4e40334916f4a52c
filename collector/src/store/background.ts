/**
 * Work a store leaves after an answer (sweeping a long list's old rows): `settled`
 * waits for all of it, and a failure goes to the handler, since what failed is left in
 * place and done again later.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly onError: (err: unknown) => void = (err) => process.emitWarning(`zhengban store: background work failed, to be retried: ${(err as Error).message}`)) {}

  add(work: Promise<void>): void {
    const p = work.catch(this.onError).finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }
}
