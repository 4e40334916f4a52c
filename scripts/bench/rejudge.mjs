#!/usr/bin/env node
// `npm run bench:rejudge [-- --machines N] [--seed-machines S] [--distinct] [--catalog auto|skip|force] [--keep FILE] [--store sqlite|postgres|both]`
//
// Re-judging a county after a registry change. A few hundred machines are reported
// through the real path (enroll, signed snapshot, ingest) and cloned in SQL to 10,000 and
// then N (100,000 by default). The collector then runs in its own process, on that file,
// and each measured step is one admin write through its HTTP API that runs the real
// engine (createRejudge, one transaction): an Office licence every machine needs is
// added, its seats are cut by 10%, it is deleted; a catalog change makes every machine
// be assessed again. Printed per step: the engine's time, what it changed, and the
// collector process's peak RSS. Targets (issue 5): 10 s, 400 MiB.
// Each clone's findings are its own, as a real PC's are; its installs are its seed's, as
// PCs in the same state share them, and the engine judges each distinct state once.
// `--distinct` gives every clone installs of its own: the engine's worst case.
//
// `--store` picks what the collector runs on: the SQLite file (the default), a
// PostgreSQL database, or both, one after the other at each size. The fleet is seeded
// and cloned in SQLite either way; for PostgreSQL, a throwaway PostgreSQL 15 cluster with
// production's durability gets it at each size through `zhengban-collector migrate` (a
// database of its own per size, vacuumed and analyzed: pg-fleet.mjs says why), before
// any step runs there, so both stores start each size from the same fleet. What the
// steps at 10,000 change is carried to N through the SQLite file, so with `--store
// postgres` alone the fleet at N lacks it (the custom product, the new machines).
// PostgreSQL's lines add the server's CPU time during the step; the collector's peak RSS
// is the collector process's, the server's memory not in it.
// Run after `npm run build`. Figures only: nothing here passes or fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCollector } from '../sample-data/collector-client.mjs';
import { COUNTY } from '../sample-data/county.mjs';
import { seededRandom } from '../sample-data/random.mjs';
import { cloneFleet } from './clone-fleet.mjs';
import { startCollectorProcess } from './collector-process.mjs';
import { benchCluster, dropDatabase, moveFleet, serverStats } from './pg-fleet.mjs';
import { BUDGET_CLIENT, WINRAR_OVERRIDE, officeLicence, seedFleet } from './seed-fleet.mjs';

const TARGET = { seconds: 10, rssMiB: 400 };
const SMALL = 10_000;
/** A catalog change at N runs only when the one at 10,000 projects to at most this. */
const CATALOG_BUDGET_S = 300;

const { values: o } = parseArgs({
  options: {
    machines: { type: 'string', default: '100000' },
    'seed-machines': { type: 'string', default: '300' },
    catalog: { type: 'string', default: 'auto' },
    distinct: { type: 'boolean', default: false },
    keep: { type: 'string' },
    store: { type: 'string', default: 'sqlite' },
  },
});
const STORES = { sqlite: ['sqlite'], postgres: ['postgres'], both: ['sqlite', 'postgres'] }[o.store];
const STORE_NAME = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const N = Number(o.machines);
const S = Number(o['seed-machines']);
if (!Number.isInteger(N) || !Number.isInteger(S) || S < 1 || N < S || !STORES) {
  console.error('bench:rejudge: --machines and --seed-machines must be whole numbers, machines >= seed machines; --store is sqlite, postgres or both');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'zhengban-bench-'));
const db = o.keep ?? join(dir, 'bench.db');
const clock = { now: new Date('2026-11-02T01:00:00Z') };
const secs = (s) => `${s.toFixed(1)} s`;
const mib = (x) => `${Math.round(x)} MiB`;

const results = [];
let collector;
/** The store the steps run on now, and (PostgreSQL) its cluster. */
let store = 'sqlite';
let cluster;

/** One admin write, timed, with the re-judge it ran and the collector's peak RSS during it. */
async function step(label, method, path, body) {
  const t0 = performance.now();
  const db0 = store === 'postgres' ? serverStats(cluster) : null;
  const m = await collector.call(method, path, body);
  const wall = (performance.now() - t0) / 1000;
  const dbCpu = db0 ? `; PostgreSQL CPU ${secs((serverStats(cluster).cpuMs - db0.cpuMs) / 1000)}` : '';
  const r = m.result.rejudged;
  const ok = r.ms / 1000 < TARGET.seconds && m.peak < TARGET.rssMiB;
  console.log(
    `  ${label}: rejudge ${r.machines} machines: ${secs(r.ms / 1000)}, changed ${r.changed} (status ${r.statusChanged}), ` +
      `collector peak RSS ${mib(m.peak)} [${ok ? 'within' : 'OVER'} target]  (request ${secs(wall)}; VmHWM ${mib(m.peakHwm)}, sampled ${mib(m.peakSampled)}, RSS before ${mib(m.rssBefore)}${dbCpu})`,
  );
  results.push({ label, store, ...r, peak: m.peak });
  return { response: m.result, ...r };
}

/** Grows the fleet in the SQLite file, with no collector on it; for PostgreSQL, moves it into a database of its own. */
async function grow(target) {
  const t0 = performance.now();
  const g = cloneFleet(db, target, new Date('2026-11-03T00:00:00Z'), { distinct: o.distinct });
  console.log(`cloned in SQL to ${g.total} machines${o.distinct ? ', each with installs of its own,' : ''} in ${secs((performance.now() - t0) / 1000)}`);
  if (!cluster) return { total: g.total };
  const name = `fleet_${g.total}`;
  const moved = await moveFleet(cluster, db, name);
  console.log(`moved into PostgreSQL (${name}) by zhengban-collector migrate in ${secs(moved.migrateS)}, VACUUM (ANALYZE) ${secs(moved.vacuumS)}: ${moved.line.replace(/ from .*? to \S+/, '')}`);
  return { total: g.total, pg: { url: moved.url, name } };
}

/** Runs `steps` at this size on each store in turn, each from the same clock; the collector is started afresh on each. */
async function onEachStore(grown, steps) {
  const start = clock.now;
  for (const s of STORES) {
    store = s;
    clock.now = start;
    console.log(`at ${grown.total} machines, ${STORE_NAME[s]}:`);
    collector = await startCollectorProcess(s === 'postgres' ? grown.pg.url : db, clock.now);
    try {
      await steps();
    } finally {
      await collector.stop();
      collector = undefined;
    }
  }
  if (grown.pg) await dropDatabase(cluster, grown.pg.name);
}

/** Licence added with a seat for each machine, seats cut by 10%, licence deleted. */
async function licenceSteps(total, county, keep = false) {
  const added = await step(`Office licence added (${total} seats)`, 'POST', '/licences', officeLicence(county, total));
  const id = added.response.licence.id;
  await step(`seats cut to ${Math.round(total * 0.9)}`, 'PATCH', `/licences/${id}`, { seats: Math.round(total * 0.9) });
  if (!keep) await step('licence deleted', 'DELETE', `/licences/${id}`);
  const fresh = await collector.newMachines(20);
  // The next collector's clock goes on from here: new machines are first seen last.
  clock.now = new Date(fresh.result.now);
  console.log(
    `  new machines: ${fresh.result.count} enrolled and reported, first snapshot median ${Math.round(fresh.result.medianMs)} ms, ` +
      `slowest ${Math.round(fresh.result.maxMs)} ms (collector peak RSS ${mib(fresh.peak)})`,
  );
}

try {
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${STORES.map((x) => STORE_NAME[x]).join(' and ')}`);
  if (STORES.includes('postgres')) cluster = await benchCluster('bench');
  const t0 = performance.now();
  const seeder = await openCollector(db, clock);
  const unitIds = await seedFleet(seeder, clock, seededRandom('bench'), S);
  await seeder.close();
  const county = unitIds.get(COUNTY);
  console.log(`seed: ${S} machines enrolled and reported through the API in ${secs((performance.now() - t0) / 1000)}`);
  clock.now = new Date('2026-11-10T02:00:00Z');

  /** The catalog change's time at 10,000 on each store, which decides whether it runs at N. */
  const catalogS = new Map();
  let grown = await grow(Math.min(SMALL, N));
  await onEachStore(grown, async () => {
    const catalog = await step('catalog change (a custom product; every machine assessed again)', 'POST', '/catalog/products', BUDGET_CLIENT);
    catalogS.set(store, catalog.ms / 1000);
    await licenceSteps(grown.total, county);
  });

  if (N > grown.total) {
    const small = grown.total;
    grown = await grow(N);
    await onEachStore(grown, async () => {
      await licenceSteps(grown.total, county, true);
      const projected = catalogS.get(store) * (grown.total / small);
      if (o.catalog === 'force' || (o.catalog === 'auto' && projected <= CATALOG_BUDGET_S)) {
        await step('catalog change (a rule added to WinRAR; every machine assessed again)', 'PUT', '/catalog/products/winrar/override', WINRAR_OVERRIDE);
      } else if (o.catalog !== 'skip') {
        console.log(`  catalog change not run at ${grown.total}: ${secs(catalogS.get(store))} at ${small} projects to ${secs(projected)} (over ${CATALOG_BUDGET_S} s; --catalog force runs it)`);
      }
    });
  }
  console.log('');
  for (const s of STORES) {
    const headline = results.filter((r) => r.store === s && /licence added/.test(r.label)).at(-1);
    if (headline) console.log(`${STORE_NAME[s]}: rejudge ${headline.machines} machines: ${secs(headline.ms / 1000)}, changed ${headline.changed}, collector peak RSS ${mib(headline.peak)} (target ${TARGET.seconds} s, ${TARGET.rssMiB} MiB)`);
  }
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  await collector?.stop();
  await cluster?.stop();
  if (!o.keep) rmSync(dir, { recursive: true, force: true });
}
