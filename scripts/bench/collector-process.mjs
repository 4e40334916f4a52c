// The collector as the benchmark measures it: its own process, opened on the bench's
// database (a SQLite file, or a postgres:// URL), taking admin calls from the bench over
// IPC. Its peak RSS is then the collector's alone, not the bench's (which builds and
// clones the fleet in SQL); with PostgreSQL, the server's memory is not in it.
//   node --expose-gc collector-process.mjs FILE|URL ISO-TIME   (from child_process.fork)
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openCollector } from '../sample-data/collector-client.mjs';
import { COUNTY } from '../sample-data/county.mjs';
import { seededRandom } from '../sample-data/random.mjs';
import { memorySampler } from './memory.mjs';
import { reportNewMachine } from './seed-fleet.mjs';

/** New machines enrolled and reported one a minute, each first snapshot timed: what a growing fleet costs at ingest. */
async function newMachines(c, clock, count) {
  const { total } = await c.api('GET', '/machines?limit=1');
  const rng = seededRandom(`bench-new-${total}`);
  const token = await c.enrollmentToken(COUNTY, null);
  const ms = [];
  for (let i = 0; i < count; i++) {
    clock.now = new Date(clock.now.getTime() + 60_000);
    const t0 = performance.now();
    await reportNewMachine(c, clock, rng, { host: `BENCH-NEW-${clock.now.getTime()}-${i}`, unit: COUNTY, template: 'standard', token });
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { count, medianMs: ms[Math.floor(count / 2)], maxMs: ms.at(-1), now: clock.now.toISOString() };
}

async function serveBench([db, now]) {
  const clock = { now: new Date(now) };
  const c = await openCollector(db, clock);
  const memory = await memorySampler();
  process.on('message', async ({ id, method, path, body, newMachines: count }) => {
    try {
      const m = await memory.measure(() => (count ? newMachines(c, clock, count) : c.api(method, path, body)));
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
  const ask = (message) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      child.send({ id, ...message });
    });
  return {
    call: (method, path, body) => ask({ method, path, body }),
    /** Enrolls `count` new machines, one a minute, and reports each: median and slowest first snapshot. */
    newMachines: (count) => ask({ newMachines: count }),
    async stop() {
      child.disconnect();
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await serveBench(process.argv.slice(2));
