// Peak memory of this process during one step, measured two ways. The re-judge runs
// synchronously (better-sqlite3) and blocks the event loop, so a timer on the main
// thread would see nothing while it runs: a worker thread samples the process's RSS,
// and the kernel's own high-water mark (VmHWM, reset through /proc/self/clear_refs)
// catches what falls between samples.
import { readFileSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

const MiB = 1024 * 1024;

function status(field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? (Number(m[1]) * 1024) / MiB : NaN;
  } catch {
    return NaN;
  }
}

/** Resets the kernel's peak-RSS mark; false where /proc/self/clear_refs is not writable. */
function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const SAMPLER = `
const { parentPort } = require('node:worker_threads');
let max = 0;
const tick = () => { const r = process.memoryUsage.rss(); if (r > max) max = r; };
const timer = setInterval(tick, 10);
parentPort.on('message', (m) => {
  if (m === 'reset') { max = 0; tick(); parentPort.postMessage(max); }
  else if (m === 'stop') { clearInterval(timer); parentPort.close(); }
  else { tick(); parentPort.postMessage(max); }
});`;

/** A sampler: `measure(fn)` runs fn and returns its result with the step's peak RSS in MiB. */
export async function memorySampler() {
  const worker = new Worker(SAMPLER, { eval: true });
  const ask = (message) => new Promise((resolve) => worker.once('message', resolve).postMessage(message));
  return {
    async measure(fn) {
      globalThis.gc?.();
      const before = process.memoryUsage.rss() / MiB;
      const kernel = resetPeak();
      await ask('reset');
      const result = await fn();
      const sampled = (await ask('peak')) / MiB;
      const hwm = kernel ? status('VmHWM') : NaN;
      return { result, rssBefore: before, peakSampled: sampled, peakHwm: hwm, peak: Math.max(sampled, Number.isNaN(hwm) ? 0 : hwm) };
    },
    stop: () => worker.postMessage('stop'),
  };
}

export const rssNow = () => process.memoryUsage.rss() / MiB;
