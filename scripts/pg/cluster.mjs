#!/usr/bin/env node
// A throwaway PostgreSQL 15 cluster for tests and benchmarks: initdb into a fresh folder,
// start it on 127.0.0.1 at a free port with its socket in that folder, create a database.
// stop() stops it and removes the folder. Used by the vitest global setup
// (collector/test/support/pg-global-setup.ts), by benches, and by hand:
//   node scripts/pg/cluster.mjs start [DIR] [--durable] [--database NAME]   prints {"url","dir"}; keeps running
//   node scripts/pg/cluster.mjs stop DIR
// The binaries come from Debian's postgresql-15 package (what CI installs), not from PATH,
// so a newer client or server elsewhere on the machine cannot make tests pass here and
// fail there. ZHENGBAN_PG_BIN points elsewhere (e.g. Homebrew's postgresql@15/bin).
import { execFile, spawnSync } from 'node:child_process';
import { accessSync, appendFileSync, chownSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEBIAN_PG_BIN = '/usr/lib/postgresql/15/bin';

/**
 * @typedef {object} ClusterOptions
 * @property {string} [dir] folder for the cluster, created if missing and required empty; a fresh one under the temp folder otherwise
 * @property {string} [database] the database to create (default `zhengban`)
 * @property {boolean} [durable] keep fsync, full_page_writes and synchronous_commit on, for benchmarks that measure commits
 * @property {string} [bin] folder of initdb and pg_ctl (default: ZHENGBAN_PG_BIN, else Debian's)
 * @property {string[]} [settings] more postgresql.conf lines (a bench's `shared_preload_libraries`)
 * @property {boolean} [stopOnExit] stop and remove it if this process exits first (default true; the CLI's `start` turns it off)
 */

/**
 * @typedef {object} Cluster
 * @property {string} url `postgres://postgres@127.0.0.1:PORT/DATABASE`, trust authentication
 * @property {string} dir the cluster's folder: data/, the socket, postgres.log
 * @property {number} port
 * @property {() => Promise<void>} stop fast shutdown, then the folder is removed
 */

/** Where the server binaries are, or null when initdb or pg_ctl is missing there. */
export function pgBinDir(bin = process.env.ZHENGBAN_PG_BIN || DEBIAN_PG_BIN) {
  try {
    for (const tool of ['initdb', 'pg_ctl', 'createdb']) accessSync(join(bin, tool), constants.X_OK);
    return bin;
  } catch {
    return null;
  }
}

/** @type {Set<{ bin: string, dir: string }>} clusters this process started and has not stopped */
const running = new Set();
let exitHookInstalled = false;

/** @param {ClusterOptions} [options] @returns {Promise<Cluster>} */
export async function startCluster(options = {}) {
  const bin = pgBinDir(options.bin);
  if (!bin) throw new Error(`PostgreSQL 15 not found: no initdb and pg_ctl in ${options.bin || process.env.ZHENGBAN_PG_BIN || DEBIAN_PG_BIN} (apt-get install postgresql-15)`);
  const database = options.database ?? 'zhengban';
  const dir = options.dir ? freshDir(resolve(options.dir)) : mkdtempSync(join(tmpdir(), 'zhengban-pg-'));
  const owner = serverUser();
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const entry = { bin, dir };
  running.add(entry);
  if (options.stopOnExit !== false) installExitHook();
  try {
    await asServerUser(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'], dir);
    // Loopback and the socket only, both without a password: the socket's folder is
    // the server user's alone, and nothing listens beyond 127.0.0.1.
    writeFileSync(join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    appendFileSync(join(data, 'postgresql.conf'), settings(dir, options.durable ?? false, options.settings ?? []));
    const port = await startOnFreePort(bin, dir);
    await run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database], dir);
    return { url: `postgres://postgres@127.0.0.1:${port}/${database}`, dir, port, stop: () => stopCluster(dir, bin).finally(() => running.delete(entry)) };
  } catch (err) {
    stopNow(entry);
    running.delete(entry);
    throw err;
  }
}

/** Stops the cluster in `dir` (fast: sessions are cut, nothing waits for them) and removes the folder. */
export async function stopCluster(dir, bin = pgBinDir() ?? DEBIAN_PG_BIN) {
  const data = join(dir, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) await asServerUser(bin, 'pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30'], dir);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Test settings: nothing durable (a crash loses a throwaway cluster, not data), no JIT
 * (it compiles for tens of milliseconds on queries that take one), and room for every
 * test worker's pools. `durable` keeps the defaults that cost a flush per commit.
 */
function settings(dir, durable, more) {
  const lines = [
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir.replaceAll("'", "''")}'`,
    'max_connections = 300',
    'jit = off',
    "log_min_messages = 'warning'",
    ...(durable ? [] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off', 'wal_level = minimal', 'max_wal_senders = 0']),
    ...more,
  ];
  return `\n# scripts/pg/cluster.mjs\n${lines.join('\n')}\n`;
}

/** A port is free when we ask and may be taken before the server binds it; then try another. */
async function startOnFreePort(bin, dir) {
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const logged = existsSync(log) ? readFileSync(log, 'utf8').length : 0;
    try {
      // -l: the server's output goes to the log, not to our pipes, which would otherwise stay open after pg_ctl returns.
      await asServerUser(bin, 'pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', log, '-o', `-p ${port}`], dir);
      return port;
    } catch (err) {
      const text = existsSync(log) ? readFileSync(log, 'utf8').slice(logged) : '';
      if (attempt < 5 && /could not (bind|create listen socket)|Address already in use/.test(text)) continue;
      throw new Error(`${/** @type {Error} */ (err).message}\n${text.split('\n').slice(-10).join('\n')}`, { cause: err });
    }
  }
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => done(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, the server's tools run as `postgres`. */
function serverUser() {
  if (process.getuid?.() !== 0) return null;
  const r = spawnSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' });
  const [, , uid, gid] = r.stdout?.split(':') ?? [];
  if (r.status !== 0 || !uid || !gid) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as (Debian\'s postgresql-15 creates it)');
  return { uid: Number(uid), gid: Number(gid) };
}

function asServerUser(bin, tool, args, cwd) {
  const [command, ...rest] = serverCommand(bin, tool, args);
  return run(command, rest, cwd);
}

function serverCommand(bin, tool, args) {
  const command = join(bin, tool);
  if (process.getuid?.() !== 0) return [command, ...args];
  if (existsSync('/usr/sbin/runuser') || existsSync('/sbin/runuser')) return ['runuser', '-u', 'postgres', '--', command, ...args];
  const quoted = [command, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return ['su', '-s', '/bin/sh', 'postgres', '-c', quoted];
}

/**
 * Runs a tool with the PG* variables of the caller's shell removed (a PGHOST or PGPORT
 * there must not redirect createdb), in `cwd`: the postgres user cannot enter root's
 * working folder, and initdb fails when it cannot read its own.
 */
function run(command, args, cwd) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PG')));
  return new Promise((done, fail) => {
    execFile(command, args, { cwd, env: { ...env, LC_ALL: 'C' }, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`${[command, ...args].join(' ')} failed: ${stderr.trim() || err.message}`, { cause: err }));
      else done(stdout);
    });
  });
}

function freshDir(dir) {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: a cluster needs a folder of its own`);
  return dir;
}

/** A test run that dies before its teardown must not leave a server behind. */
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const entry of running) stopNow(entry);
  });
}

function stopNow({ bin, dir }) {
  const data = join(dir, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    const [command, ...args] = serverCommand(bin, 'pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
    spawnSync(command, args, { cwd: dir, stdio: 'ignore' });
  }
  rmSync(dir, { recursive: true, force: true });
}

/** @param {string[]} argv */
async function main(argv) {
  const [command, ...args] = argv;
  const positional = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--database');
  const dbFlag = args.indexOf('--database');
  if (command === 'start') {
    const c = await startCluster({
      ...(positional[0] ? { dir: positional[0] } : {}),
      ...(dbFlag >= 0 && args[dbFlag + 1] ? { database: args[dbFlag + 1] } : {}),
      durable: args.includes('--durable'),
      stopOnExit: false,
    });
    console.log(JSON.stringify({ url: c.url, dir: c.dir }));
  } else if (command === 'stop' && positional[0]) {
    await stopCluster(resolve(positional[0]));
  } else {
    console.error('usage: node scripts/pg/cluster.mjs start [DIR] [--durable] [--database NAME] | stop DIR');
    process.exitCode = 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err.message);
    process.exitCode = 1;
  });
}
