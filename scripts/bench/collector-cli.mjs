// The built collector's command line, as the benchmarks drive it: a one-off command, and
// `serve` on 127.0.0.1 in a process of its own.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const collectorBin = fileURLToPath(new URL('../../collector/bin/zhengban-collector.js', import.meta.url));

/** Runs `zhengban-collector ARGS --db DB`; resolves with its last line on stdout. */
export const collectorCli = (db, args) => collectorCommand([...args, '--db', db]);

/** Runs `zhengban-collector ARGS` (a command without --db: `migrate --from … --to …`); resolves with its last line on stdout. */
export function collectorCommand(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [collectorBin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    child.on('close', (code) => (code === 0 ? resolve(out.trim().split('\n').pop()) : reject(new Error(`${args[0]} exited ${code}: ${err}`))));
  });
}

/**
 * `zhengban-collector serve` on a free port of 127.0.0.1, its log discarded (as by a
 * journal); resolves once it listens with its address, its pid (for /proc) and `stop`.
 * `nodeArgs` go to node itself (a CPU profile), `args` to serve.
 */
export function serveCollector(db, { nodeArgs = [], args = [] } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, collectorBin, 'serve', '--db', db, '--host', '127.0.0.1', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^listening on (\S+)/.exec(line);
      if (m) resolve({ url: m[1], pid: child.pid, stop: () => new Promise((done) => { child.once('exit', done); child.kill('SIGTERM'); }) });
    });
    child.once('exit', (code) => reject(new Error(`collector exited ${code}: ${err}`)));
  });
}
