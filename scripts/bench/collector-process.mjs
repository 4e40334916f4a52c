// The collector as the benchmark measures it: its own process, opened on the bench's
// database, taking admin calls from the bench over IPC. Its peak RSS is then the
// collector's alone, not the bench's (which builds and clones the fleet in SQL).
//   node --expose-gc collector-process.mjs FILE ISO-TIME   (from child_process.fork)
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openCollector } from '../sample-data/collector-client.mjs';
import { memorySampler } from './memory.mjs';

async function serveBench([db, now]) {
  const c = await openCollector(db, { now: new Date(now) });
  const memory = await memorySampler();
  process.on('message', async ({ id, method, path, body }) => {
    try {
      const m = await memory.measure(() => c.api(method, path, body));
      process.send({ id, ok: true, ...m });
    } catch (err) {
      process.send({ id, ok: false, error: err.message });
    }
  });
  process.on('disconnect', async () => {
    memory.stop();
    await c.close();
    process.exit(0);
  });
  process.send({ ready: true });
}

/** Starts the collector process; `call(method, path, body)` answers with the result and the step's memory. */
export async function startCollectorProcess(db, now) {
  const child = fork(fileURLToPath(import.meta.url), [db, now.toISOString()], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let next = 0;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await new Promise((resolve, reject) => {
    child.once('message', (m) => (m.ready ? resolve() : reject(new Error('collector process: unexpected first message'))));
    child.once('exit', (code) => reject(new Error(`collector process exited ${code} before it was ready`)));
  });
  child.on('message', (m) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m);
    else p.reject(new Error(m.error));
  });
  return {
    call: (method, path, body) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject });
        child.send({ id, method, path, body });
      }),
    async stop() {
      child.disconnect();
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serveBench(process.argv.slice(2));
