import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { catchUpDelayMs, catchUpDue, DaemonLoop, plannedRunAt, splayDelayMs, type DaemonDeps } from '../src/index.js';

const at = (iso: string): Date => new Date(iso);

describe('splay', () => {
  it('spreads runs over [0, splayMinutes)', () => {
    expect(splayDelayMs(60, () => 0)).toBe(0);
    expect(splayDelayMs(60, () => 0.5)).toBe(30 * 60_000);
    expect(splayDelayMs(60, () => 1)).toBeLessThan(60 * 60_000);
    expect(splayDelayMs(0, () => 0.9)).toBe(0);
  });

  it('plans the run after the cron tick', () => {
    expect(plannedRunAt(at('2025-03-01T02:00:00Z'), 60, () => 0.25).toISOString()).toBe('2025-03-01T02:15:00.000Z');
  });

  it('keeps a catch-up splay short', () => {
    expect(catchUpDelayMs(60, () => 0.5)).toBe(2.5 * 60_000);
    expect(catchUpDelayMs(0, () => 0.5)).toBe(0);
  });
});

describe('catch-up decision', () => {
  const base = { lastAttemptAt: null, now: at('2025-03-02T09:00:00Z'), intervalHours: 24, retryMinutes: 60 };

  it('runs when there never was a success', () => {
    expect(catchUpDue({ ...base, lastSuccessAt: null })).toBe(true);
  });

  it('runs when the last success is older than the interval (PC off at night)', () => {
    expect(catchUpDue({ ...base, lastSuccessAt: '2025-03-01T08:59:00Z' })).toBe(true);
    expect(catchUpDue({ ...base, lastSuccessAt: '2025-03-01T09:01:00Z' })).toBe(false);
  });

  it('does not retry sooner than the retry pause', () => {
    expect(catchUpDue({ ...base, lastSuccessAt: null, lastAttemptAt: at('2025-03-02T08:30:00Z') })).toBe(false);
    expect(catchUpDue({ ...base, lastSuccessAt: null, lastAttemptAt: at('2025-03-02T07:59:00Z') })).toBe(true);
  });

  it('distrusts a success stamped in the future or unreadable', () => {
    expect(catchUpDue({ ...base, lastSuccessAt: '2025-03-05T00:00:00Z' })).toBe(true);
    expect(catchUpDue({ ...base, lastSuccessAt: 'yesterday' })).toBe(true);
  });
});

describe('daemon loop', () => {
  beforeEach(() => vi.useFakeTimers({ now: at('2025-03-02T09:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  function setup(over: Partial<DaemonDeps> = {}) {
    const logs: string[] = [];
    let tick: () => void = () => {};
    let cronStopped = false;
    let finish: (line: string) => void = () => {};
    const run = vi.fn(() => new Promise<string>((resolve) => { finish = resolve; }));
    const loop = new DaemonLoop({
      splayMinutes: 60,
      intervalHours: 24,
      schedule: (onTick) => {
        tick = onTick;
        return { stop: () => { cronStopped = true; }, nextRun: () => at('2025-03-03T02:00:00Z') };
      },
      run,
      lastSuccessAt: async () => new Date().toISOString(),
      log: (l) => void logs.push(l),
      random: () => 0.5,
      ...over,
    });
    return { loop, logs, run, tick: () => tick(), finish: (l: string) => finish(l), cronStopped: () => cronStopped };
  }

  it('runs a catch-up at start when the last success is old', async () => {
    const t = setup({ lastSuccessAt: async () => '2025-02-28T02:00:00Z' });
    await t.loop.start();
    expect(t.logs[0]).toMatch(/next scheduled run 2025-03-03T02:00:00.000Z/);
    expect(t.run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2.5 * 60_000);
    expect(t.run).toHaveBeenCalledTimes(1);
    t.finish('report ok');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.logs.at(-1)).toBe('catch-up report ok');
    await t.loop.stop();
  });

  it('does not catch up after a recent success; a cron tick runs after the splay', async () => {
    const t = setup();
    await t.loop.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(t.run).not.toHaveBeenCalled();
    t.tick();
    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(t.run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.run).toHaveBeenCalledTimes(1);
    t.finish('x');
    await t.loop.stop();
  });

  it('never runs two reports at once', async () => {
    const t = setup({ splayMinutes: 0 });
    await t.loop.start();
    t.tick();
    await vi.advanceTimersByTimeAsync(0);
    t.tick();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.run).toHaveBeenCalledTimes(1);
    expect(t.logs.at(-1)).toMatch(/skipped: the previous report is still running/);
    t.finish('done');
    await vi.advanceTimersByTimeAsync(0);
    t.tick();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.run).toHaveBeenCalledTimes(2);
    t.finish('done');
    await t.loop.stop();
  });

  it('logs a failed run as one line and goes on', async () => {
    const t = setup({ splayMinutes: 0, run: () => Promise.reject(Object.assign(new Error('collector unreachable'), { code: 'E_UNREACHABLE' })) });
    await t.loop.start();
    t.tick();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.logs.at(-1)).toBe('scheduled report failed: E_UNREACHABLE: collector unreachable');
    await t.loop.stop();
  });

  it('stop waits for the running report and stops the cron task', async () => {
    const t = setup({ splayMinutes: 0 });
    await t.loop.start();
    t.tick();
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = t.loop.stop().then(() => { stopped = true; });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.cronStopped()).toBe(true);
    expect(stopped).toBe(false);
    t.finish('done');
    await stopping;
    expect(stopped).toBe(true);
    expect(t.loop.busy).toBe(false);
    t.tick();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.run).toHaveBeenCalledTimes(1);
  });
});
