import { describe, expect, it } from 'vitest';
import { keyedLock } from '../../src/service/keyed-lock.js';

/** A task that logs its start and end, and ends when `release` is called. */
function gated(log: string[], name: string) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const task = async () => {
    log.push(`${name} start`);
    await gate;
    log.push(`${name} end`);
    return name;
  };
  return { task, release };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('keyedLock', () => {
  it('runs tasks of one key one at a time, in arrival order', async () => {
    const lock = keyedLock();
    const log: string[] = [];
    const a = gated(log, 'a');
    const b = gated(log, 'b');
    const ra = lock('agent-1', a.task);
    const rb = lock('agent-1', b.task);
    await turn();
    expect(log).toEqual(['a start']);
    b.release();
    await turn();
    expect(log).toEqual(['a start']);
    a.release();
    expect(await Promise.all([ra, rb])).toEqual(['a', 'b']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('runs tasks of different keys side by side', async () => {
    const lock = keyedLock();
    const log: string[] = [];
    const a = gated(log, 'a');
    const b = gated(log, 'b');
    const ra = lock('agent-1', a.task);
    const rb = lock('agent-2', b.task);
    await turn();
    expect(log).toEqual(['a start', 'b start']);
    b.release();
    expect(await rb).toBe('b');
    a.release();
    expect(await ra).toBe('a');
  });

  it('a failed task rejects its own caller only; the next task of the key still runs', async () => {
    const lock = keyedLock();
    const failed = lock('agent-1', async () => {
      throw new Error('disk full');
    });
    const next = lock('agent-1', async () => 'stored');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('stored');
  });
});
