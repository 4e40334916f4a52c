#!/usr/bin/env node
// `npm run bench:ingest [-- --machines N] [--runs R] [--seconds S] [--in-flight F] [--fleet DIR] [--only NAMES] [--cpu-prof DIR] [--intake-workers N]
//    [--store sqlite|postgres|both] [--collectors 1|2|1,2] [--db-pool P] [--pg-statements N]]`
//
// Ingest at 8:30, when a fleet switches on. A county of N machines (100,000 by default)
// is built through the project's own code (ingest-fleet.mjs); then, per run, a fresh
// copy of it is served by `zhengban-collector serve` in its own process on 127.0.0.1,
// and each scenario sends signed, gzipped snapshots over HTTP with F in flight (16),
// each machine's next snapshot (seq one past its last), made and signed before the clock
// starts: the agents' work, not the collector's. A scenario sends its target rate times
// S seconds of snapshots and stops sending after 4 × S seconds (a slow collector is then
// measured on what it took in).
//
// Printed per scenario and run: snapshots acknowledged per second, p50 and p99 of the
// answer, the collector's CPU per snapshot (all its threads), its peak resident memory,
// bytes it wrote to disk per snapshot, how much the database grew per snapshot (what a
// machine that reports once a night adds a night), and how many acknowledged snapshots are stored
// (read back from the database after the run: it must be all). Before each run the
// bench waits for the machine to be quiet; after the runs it prints each figure's median
// and spread. `--fleet DIR` keeps the built fleet (and its keys) in DIR for the next run.
//
// `--store` picks the database the collector serves: a SQLite file (the default), a
// PostgreSQL database, or both, one after the other within each run, so that their
// figures come from the same machine at the same time. PostgreSQL: a throwaway
// PostgreSQL 15 cluster with production's durability (scripts/pg/cluster.mjs), the fleet
// moved into a template database once by `zhengban-collector migrate` and vacuumed
// (pg-fleet.mjs says why); per run a copy of it (CREATE DATABASE … TEMPLATE) served by
// `--collectors` processes (1 or 2, each with `--db-pool P` connections, 10 by default
// as serve's) that take the snapshots in turn; `--collectors 1,2` measures both in each
// run and moves the fleet once (at 100,000 machines the move takes long). Its figures:
// the collectors' CPU, and the server's apart ("db cpu"); bytes written by the
// collectors and all the server's processes; growth from pg_database_size (the files,
// free space in them included, where SQLite's counts pages in use); snapshots read back
// with a query. The cluster is made anew by every invocation, `--fleet` or not.
// `--pg-statements N` loads pg_stat_statements and prints, after each PostgreSQL
// scenario, its N costliest statements: the server's time and calls per snapshot.
// Figures only: nothing here passes or fails.
import { createPrivateKey, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { API_PREFIX } from '@zhengban/shared';
import { COUNTY } from '../sample-data/county.mjs';
import { collectorCli, serveCollector } from './collector-cli.mjs';
import { buildIngestFleet, filler } from './ingest-fleet.mjs';
import { runLoad, waitForQuiet } from './ingest-load.mjs';
import { benchCluster, copyDatabase, databaseBytes, dropDatabase, moveFleet, resetStatements, sealTemplate, serverStats, storedSnapshots, topStatements } from './pg-fleet.mjs';

const SCENARIOS = [
  { name: 'unchanged, 150', kind: 'unchanged', size: 150, target: 2000 },
  { name: 'unchanged, 800', kind: 'unchanged', size: 800, target: 1000 },
  { name: 'changed, 150', kind: 'changed', size: 150, target: 500 },
  { name: 'changed, 800', kind: 'changed', size: 800, target: 150 },
  { name: 'first snapshot, 150', kind: 'new', size: 150, target: 300 },
  { name: 'first snapshot, 800', kind: 'new', size: 800, target: 300 },
];
/** Snapshots sent before the measures, so the day's first-snapshot work (licence dates) is not in them. */
const WARM_UP = 200;

const { values: o } = parseArgs({
  options: {
    machines: { type: 'string', default: '100000' },
    units: { type: 'string', default: '1000' },
    'seed-machines': { type: 'string', default: '300' },
    runs: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '8' },
    'in-flight': { type: 'string', default: '16' },
    fleet: { type: 'string' },
    only: { type: 'string' },
    'cpu-prof': { type: 'string' },
    'intake-workers': { type: 'string' },
    store: { type: 'string', default: 'sqlite' },
    collectors: { type: 'string', default: '1' },
    'db-pool': { type: 'string', default: '10' },
    'pg-statements': { type: 'string', default: '0' },
  },
});
const [N, U, S, RUNS, SECONDS, IN_FLIGHT] = [o.machines, o.units, o['seed-machines'], o.runs, o.seconds, o['in-flight']].map(Number);
if (![N, U, S, RUNS, SECONDS, IN_FLIGHT].every((x) => Number.isInteger(x) && x > 0) || N < S) {
  console.error('bench:ingest: --machines, --units, --seed-machines, --runs, --seconds and --in-flight must be whole numbers above 0, machines >= seed machines');
  process.exit(1);
}
const COLLECTORS = [...new Set(o.collectors.split(',').map(Number))];
const POOL = Number(o['db-pool']);
const TOP_STATEMENTS = Number(o['pg-statements']);
const STORES = { sqlite: ['sqlite'], postgres: ['postgres'], both: ['sqlite', 'postgres'] }[o.store];
if (!STORES || !COLLECTORS.every((c) => c === 1 || c === 2) || !(Number.isInteger(POOL) && POOL > 0) || !(Number.isInteger(TOP_STATEMENTS) && TOP_STATEMENTS >= 0)) {
  console.error('bench:ingest: --store is sqlite, postgres or both; --collectors 1, 2 or 1,2; --db-pool a whole number above 0; --pg-statements a whole number');
  process.exit(1);
}
if (COLLECTORS.some((c) => c > 1) && !STORES.includes('postgres')) {
  console.error('bench:ingest: --collectors is for PostgreSQL: a SQLite file has one collector');
  process.exit(1);
}
/** What each run measures, in this order: SQLite with its one collector; PostgreSQL with each number of collectors. */
const SETUPS = STORES.flatMap((store) =>
  store === 'sqlite'
    ? [{ store, collectors: 1, name: 'SQLite' }]
    : COLLECTORS.map((collectors) => ({ store, collectors, name: `PostgreSQL, ${collectors} collector${collectors > 1 ? 's' : ''} (--db-pool ${POOL} each)` })),
);
// Names hold commas ("unchanged, 150"): several are given with ';'.
const only = o.only ? o.only.split(';').map((s) => s.trim()) : null;
const scenarios = only ? SCENARIOS.filter((s) => only.some((w) => s.name.startsWith(w))) : SCENARIOS;
if (scenarios.length === 0) {
  console.error(`bench:ingest: --only matches none of: ${SCENARIOS.map((s) => s.name).join('; ')}`);
  process.exit(1);
}

/** The fleet: built, or read back from `--fleet DIR` when it holds one. */
async function fleet() {
  const dir = o.fleet ?? mkdtempSync(join(tmpdir(), 'zhengban-bench-ingest-'));
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'fleet.db');
  const saved = join(dir, 'fleet.json');
  if (o.fleet && existsSync(saved) && existsSync(db)) {
    const f = JSON.parse(readFileSync(saved, 'utf8'));
    console.log(`fleet: read from ${dir} (${f.agents.length} clones)`);
    return { dir, db, agents: f.agents.map((a) => ({ ...a, key: createPrivateKey(a.key) })), templates: new Map(f.templates) };
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const built = await buildIngestFleet(db, { machines: N, units: U, seedMachines: S, reported: new Date('2026-11-02T00:30:00Z') });
  console.log(built.line);
  if (o.fleet) {
    const agents = built.agents.map((a) => ({ ...a, key: a.key.export({ type: 'pkcs8', format: 'pem' }).toString() }));
    writeFileSync(saved, JSON.stringify({ agents, templates: [...built.templates] }));
  }
  return { dir, db, agents: built.agents, templates: built.templates };
}

/** The fleet moved into a fresh cluster's template database, once for all runs. */
async function pgFleet(f) {
  const cluster = await benchCluster(undefined, { statements: TOP_STATEMENTS > 0 });
  try {
    const moved = await moveFleet(cluster, f.db);
    const size = await databaseBytes(moved.url);
    await sealTemplate(cluster);
    console.log(`PostgreSQL: ${moved.line.replace(/ from .*? to \S+/, '')}`);
    console.log(`PostgreSQL: migrate took ${moved.migrateS.toFixed(1)} s, VACUUM (ANALYZE) ${moved.vacuumS.toFixed(1)} s; the template holds ${(size / 2 ** 20).toFixed(0)} MiB (the SQLite file: ${(statSync(f.db).size / 2 ** 20).toFixed(0)} MiB)`);
    return cluster;
  } catch (err) {
    await cluster.stop();
    throw err;
  }
}

/**
 * The run's own copy of the fleet in the store measured, and how the bench reads it back:
 * its size, the acknowledged snapshots it holds, and (PostgreSQL) the server's processes.
 */
async function runDatabase(setup, f, run) {
  if (setup.store === 'sqlite') {
    const file = join(f.dir, `run-${run}.db`);
    copyFileSync(f.db, file);
    return {
      db: file,
      copied: '',
      bytes: async () => dbBytes(file),
      stored: async (acked) => storedCount(file, acked),
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
      },
    };
  }
  const name = `run_${run}_${setup.collectors}`;
  const { url, seconds } = await copyDatabase(f.pg, name);
  return {
    db: url,
    copied: `; its database copied from the template in ${seconds.toFixed(1)} s`,
    bytes: () => databaseBytes(url),
    stored: (acked) => storedSnapshots(url, acked),
    dbServer: () => serverStats(f.pg),
    ...(TOP_STATEMENTS > 0 ? { statements: { reset: () => resetStatements(url), top: (per) => topStatements(url, TOP_STATEMENTS, per) } } : {}),
    drop: () => dropDatabase(f.pg, name),
  };
}

/** A list changed as overnight: two programs updated, one removed and another installed, all among the padding. */
function changedList(list, round) {
  const out = list.slice();
  const n = out.length;
  out[n - 1] = { ...out[n - 1], version: `${out[n - 1].version}.${round}` };
  out[n - 2] = { ...out[n - 2], version: `${out[n - 2].version}.${round}` };
  out[n - 3] = filler(out[n - 3], n - 3, `r${round}-`);
  return out;
}

/** The bytes an agent sends: the snapshot's JSON, signed, gzipped. */
function signed(agentId, key, snapshot) {
  const bytes = Buffer.from(JSON.stringify(snapshot), 'utf8');
  return { agentId, snapshotId: snapshot.snapshotId, seq: snapshot.seq, signature: sign(null, bytes, key).toString('base64'), body: gzipSync(bytes, { level: 1 }) };
}

function nextSnapshot(agent, template, kind, round) {
  return {
    ...template,
    agentId: agent.id,
    snapshotId: randomUUID(),
    seq: agent.seq + 1,
    collectedAt: new Date(Date.now() - 5_000).toISOString(),
    software: kind === 'changed' ? changedList(template.software, round) : template.software,
  };
}

async function enroll(url, token, hostname, keys) {
  const res = await fetch(`${url}${API_PREFIX}/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(), hostname }),
  });
  if (res.status !== 201) throw new Error(`enroll answered ${res.status}: ${await res.text()}`);
  return (await res.json()).agentId;
}

/** The scenario's snapshots, signed; new machines are enrolled first (not timed). */
async function itemsOf(scenario, ctx) {
  const count = scenario.target * SECONDS;
  if (scenario.kind === 'new') {
    const template = [...ctx.templates.values()].find((t) => t.software.length === scenario.size);
    const items = [];
    for (let i = 0; i < count; i++) {
      const keys = generateKeyPairSync('ed25519');
      const hostname = `BENCH-NEW-${ctx.run}-${scenario.size}-${i}`;
      const agentId = await enroll(ctx.url, ctx.token, hostname, keys);
      const snap = { ...nextSnapshot({ id: agentId, seq: 0, hostname }, template, 'new', ctx.run), machine: { ...template.machine, hostname, hardwareUuid: randomUUID(), serial: `BN${i}` } };
      items.push(signed(agentId, keys.privateKey, snap));
    }
    return items;
  }
  const pool = ctx.free.get(scenario.size);
  const chosen = pool.splice(0, count);
  return chosen.map((a) => signed(a.id, a.key, nextSnapshot(a, ctx.templates.get(a.template), scenario.kind, ctx.run)));
}

/** Bytes the database's pages in use hold (the WAL's committed pages included): what the fleet's data takes. */
function dbBytes(db) {
  const d = new Database(db, { readonly: true });
  try {
    const pages = d.pragma('page_count', { simple: true }) - d.pragma('freelist_count', { simple: true });
    return pages * d.pragma('page_size', { simple: true });
  } finally {
    d.close();
  }
}

/** How many of the acknowledged snapshots the database holds. */
function storedCount(db, acked) {
  const d = new Database(db, { readonly: true });
  try {
    const find = d.prepare('SELECT 1 FROM snapshots WHERE snapshot_id = ? AND agent_id = ? AND seq = ?');
    return acked.filter((i) => find.get(i.snapshotId, i.agentId, i.seq)).length;
  } finally {
    d.close();
  }
}

const fmt = {
  rate: (x) => `${Math.round(x)}/s`,
  ms: (x) => (Number.isNaN(x) ? '-' : x >= 100 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`),
  mib: (x) => `${Math.round(x)} MiB`,
  kb: (x) => `${(x / 1024).toFixed(1)} KiB`,
};
const pad = (s, n) => String(s).padStart(n);

function printRow(name, r, stored) {
  const refused = [...r.refused].map(([k, v]) => `${v} × ${k}`).join('; ');
  console.log(
    `  ${name.padEnd(20)} ${pad(r.acked.length, 6)}/${pad(r.sent, 6)} ${pad(fmt.rate(r.rate), 8)} ${pad(fmt.ms(r.p50), 9)} ${pad(fmt.ms(r.p99), 9)} ${pad(fmt.ms(r.cpuMsPerSnapshot), 9)} ${pad(fmt.ms(r.dbCpuMsPerSnapshot), 9)} ${pad(fmt.ms(r.clientCpuMsPerSnapshot), 9)} ${pad(fmt.mib(r.peakMiB), 8)} ${pad(fmt.kb(r.writtenPerSnapshot), 10)} ${pad(fmt.kb(r.grown), 9)} ${pad(`${stored}/${r.acked.length}`, 12)}${refused ? `  refused: ${refused}` : ''}`,
  );
}

async function oneRun(f, run, setup) {
  const d = await runDatabase(setup, f, run);
  const quiet = await waitForQuiet();
  console.log(`run ${run}, ${setup.name}: machine ${(quiet.busy * 100).toFixed(0)}% busy after waiting ${quiet.waitedS.toFixed(0)} s, load average ${loadavg()[0].toFixed(2)}${d.copied}`);
  const servers = [];
  const results = new Map();
  try {
    const token = await collectorCli(d.db, ['enrollment', 'create', '--unit', COUNTY, '--max-uses', '100000']);
    for (let i = 0; i < setup.collectors; i++) {
      // --cpu-prof DIR: the collector writes a V8 CPU profile per thread into DIR when it stops (cpu-profile.mjs reads one).
      servers.push(
        await serveCollector(d.db, {
          nodeArgs: o['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', o['cpu-prof']] : [],
          args: [...(o['intake-workers'] ? ['--intake-workers', o['intake-workers']] : []), ...(setup.store === 'postgres' ? ['--db-pool', String(POOL)] : [])],
        }),
      );
    }
    const [urls, pids] = [servers.map((s) => s.url), servers.map((s) => s.pid)];
    const load = { inFlight: IN_FLIGHT, ...(d.dbServer ? { dbServer: d.dbServer } : {}) };
    const free = new Map([150, 800].map((size) => [size, f.agents.filter((a) => a.size === size)]));
    const ctx = { url: urls[0], token, templates: f.templates, free, run };
    const warm = free.get(150).splice(-WARM_UP).map((a) => signed(a.id, a.key, nextSnapshot(a, f.templates.get(a.template), 'unchanged', run)));
    await runLoad(urls, pids, warm, { ...load, maxSeconds: 600 });
    console.log(`  ${'scenario'.padEnd(20)} ${'acked/sent'.padStart(13)} ${'rate'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'cpu/snap'.padStart(9)} ${'db cpu'.padStart(9)} ${'bench cpu'.padStart(9)} ${'peak RSS'.padStart(8)} ${'written'.padStart(10)} ${'db grew'.padStart(9)} ${'stored'.padStart(12)}`);
    for (const scenario of scenarios) {
      const items = await itemsOf(scenario, ctx);
      const size = await d.bytes();
      await d.statements?.reset();
      const r = await runLoad(urls, pids, items, { ...load, maxSeconds: 4 * SECONDS });
      const grown = r.acked.length ? ((await d.bytes()) - size) / r.acked.length : NaN;
      const stored = await d.stored(r.acked);
      printRow(scenario.name, { ...r, grown }, stored);
      if (d.statements && r.acked.length > 0) console.log((await d.statements.top(r.acked.length)).join('\n'));
      results.set(scenario.name, { ...r, grown, stored, acked: r.acked.length });
    }
  } finally {
    for (const server of servers) await server.stop();
    await d.drop();
  }
  return results;
}

function spread(values, show) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return 'n/a';
  const median = v[Math.floor((v.length - 1) / 2)];
  return v.length === 1 ? show(median) : `${show(median)} (${show(v[0])}–${show(v.at(-1))})`;
}

console.log(`node ${process.version}; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}; ${IN_FLIGHT} in flight; ${RUNS} runs; ${SETUPS.map((su) => su.name).join('; ')}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const f = await fleet();
try {
  if (STORES.includes('postgres')) f.pg = await pgFleet(f);
  const runs = new Map(SETUPS.map((su) => [su, []]));
  for (let run = 1; run <= RUNS; run++) for (const su of SETUPS) runs.get(su).push(await oneRun(f, run, su));
  for (const su of SETUPS) {
    console.log(`\nmedian (min–max) of ${RUNS} runs, ${su.name}`);
    console.log(`  ${'scenario'.padEnd(20)} | target | rate | p50 | p99 | cpu/snap | db cpu/snap | peak RSS | written/snap | db grew/snap | lost`);
    for (const s of scenarios) {
      const rs = runs.get(su).map((r) => r.get(s.name));
      const lost = rs.reduce((n, r) => n + r.acked - r.stored, 0);
      console.log(
        `  ${s.name.padEnd(20)} | ${s.target}/s | ${spread(rs.map((r) => r.rate), fmt.rate)} | ${spread(rs.map((r) => r.p50), fmt.ms)} | ${spread(rs.map((r) => r.p99), fmt.ms)} | ${spread(rs.map((r) => r.cpuMsPerSnapshot), fmt.ms)} | ${spread(rs.map((r) => r.dbCpuMsPerSnapshot), fmt.ms)} | ${spread(rs.map((r) => r.peakMiB), fmt.mib)} | ${spread(rs.map((r) => r.writtenPerSnapshot), fmt.kb)} | ${spread(rs.map((r) => r.grown), fmt.kb)} | ${lost}`,
      );
    }
  }
  console.log(`\nload average at the end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  await f.pg?.stop();
  if (!o.fleet) rmSync(f.dir, { recursive: true, force: true });
}
