import { catchUpDelayMs, catchUpDue, splayDelayMs } from './plan.js';

/** The slice of a node-cron task the loop uses; a fake in tests. */
export interface CronHandle {
  stop(): void | Promise<void>;
  nextRun(): Date | null;
}

export interface DaemonDeps {
  splayMinutes: number;
  intervalHours: number;
  /** Starts calling `onTick` on the cron schedule. */
  schedule: (onTick: () => void) => CronHandle;
  /** One report; resolves to the line to log, rejects with the error to log. */
  run: () => Promise<string>;
  lastSuccessAt: () => Promise<string | null>;
  log: (line: string) => void;
  now?: () => Date;
  random?: () => number;
  /** How often to check whether a catch-up is due while running (sleep, failed nights). */
  checkEveryMs?: number;
  retryMinutes?: number;
}

type Reason = 'scheduled' | 'catch-up';

/** Runs reports on the schedule, one at a time, and stops after the running one ends. */
export class DaemonLoop {
  private cron: CronHandle | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private current: Promise<void> | null = null;
  private pending = false;
  private lastAttemptAt: Date | null = null;
  private stopped = false;
  private readonly now: () => Date;
  private readonly random: () => number;

  constructor(private readonly deps: DaemonDeps) {
    this.now = deps.now ?? (() => new Date());
    this.random = deps.random ?? Math.random;
  }

  async start(): Promise<void> {
    this.cron = this.deps.schedule(() => this.later(splayDelayMs(this.deps.splayMinutes, this.random), 'scheduled'));
    const next = this.cron.nextRun();
    this.deps.log(`daemon started; next scheduled run ${next ? next.toISOString() : 'unknown'} plus up to ${this.deps.splayMinutes} min splay`);
    await this.checkCatchUp();
    const every = setInterval(() => void this.checkCatchUp(), this.deps.checkEveryMs ?? 15 * 60_000);
    this.timers.add(every);
  }

  /** Stops the schedule, waits for a running report, and leaves nothing pending. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.cron?.stop();
    await this.current;
  }

  get busy(): boolean {
    return this.current !== null;
  }

  private async checkCatchUp(): Promise<void> {
    if (this.stopped || this.pending || this.current) return;
    const due = catchUpDue({
      lastSuccessAt: await this.deps.lastSuccessAt().catch(() => null),
      lastAttemptAt: this.lastAttemptAt,
      now: this.now(),
      intervalHours: this.deps.intervalHours,
      retryMinutes: this.deps.retryMinutes ?? 60,
    });
    if (due) this.later(catchUpDelayMs(this.deps.splayMinutes, this.random), 'catch-up');
  }

  private later(delayMs: number, reason: Reason): void {
    if (this.stopped || this.pending) return;
    this.pending = true;
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.pending = false;
      this.trigger(reason);
    }, delayMs);
    this.timers.add(t);
  }

  /** Never two at once: a tick that finds a report running is skipped, not queued. */
  trigger(reason: Reason): void {
    if (this.stopped) return;
    if (this.current) {
      this.deps.log(`${reason} run skipped: the previous report is still running`);
      return;
    }
    this.lastAttemptAt = this.now();
    this.current = this.deps.run().then(
      (line) => this.deps.log(`${reason} ${line}`),
      (err: unknown) => this.deps.log(`${reason} report failed: ${describe(err)}`),
    ).finally(() => {
      this.current = null;
    });
  }
}

function describe(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
