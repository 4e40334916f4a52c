import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { deserializeError, type SerializedError } from './intake-errors.js';
import { intakeSnapshot, type IntakeInput, type IntakeResult } from './snapshot-intake.js';

/** Where snapshot bodies are checked and read: this thread, or a pool of worker threads. */
export interface Intake {
  run(input: IntakeInput): Promise<IntakeResult>;
  close(): Promise<void>;
}

/** In this thread: for tests, one-off commands and `--intake-workers 0`. */
export const inThreadIntake: Intake = { run: intakeSnapshot, close: async () => {} };

/**
 * The worker's module: beside this one when running from dist; when this module runs
 * from its TypeScript source (the test runner), the built copy, since a worker thread
 * loads plain JavaScript (`npm test` builds first).
 */
function workerModule(): URL {
  const here = new URL('./intake-worker.js', import.meta.url);
  return existsSync(here) ? here : new URL('../../dist/service/intake-worker.js', import.meta.url);
}

interface Pending {
  resolve: (r: IntakeResult) => void;
  reject: (e: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * `size` worker threads that verify, gunzip, parse, validate and hash snapshots, so the
 * thread with the one SQLite writer does little but write. A body goes to the worker
 * with the fewest in hand; the answer is awaited, so "202 means committed" holds as
 * before. A worker that dies fails what it had in hand (500) and is replaced.
 */
export function workerIntake(size: number): Intake {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`intake workers must be a whole number above 0 (got ${size})`);
  const url = workerModule();
  let next = 0;
  let closing = false;
  const pool: PoolWorker[] = [];

  function start(slot: number): void {
    const worker = new Worker(url);
    const w: PoolWorker = { worker, pending: new Map() };
    worker.on('message', (m: { id: number; result?: IntakeResult; error?: SerializedError }) => {
      const p = w.pending.get(m.id);
      if (!p) return;
      w.pending.delete(m.id);
      if (w.pending.size === 0) worker.unref();
      if (m.error) p.reject(deserializeError(m.error));
      else p.resolve(m.result!);
    });
    const fail = (err: Error) => {
      for (const p of w.pending.values()) p.reject(err);
      w.pending.clear();
      worker.unref();
      if (!closing) start(slot);
    };
    worker.on('error', (err) => fail(new Error(`snapshot intake worker failed: ${err.message}`)));
    worker.on('exit', (code) => {
      if (pool[slot] === w) fail(new Error(`snapshot intake worker exited ${code}`));
    });
    // Idle workers must not keep a finished process alive; a worker with a body in hand
    // must, or a command with nothing else running (import) exits before its answer.
    worker.unref();
    pool[slot] = w;
  }
  for (let i = 0; i < size; i++) start(i);

  return {
    run(input) {
      const w = pool.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = next++;
      return new Promise<IntakeResult>((resolve, reject) => {
        w.pending.set(id, { resolve, reject });
        w.worker.ref();
        w.worker.postMessage({ id, input });
      });
    },
    async close() {
      closing = true;
      const workers = pool.splice(0);
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
