#!/usr/bin/env node
// `npm run bench:rejudge [-- --machines N] [--seed-machines S] [--distinct] [--catalog auto|skip|force] [--keep FILE]`
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
// Run after `npm run build`. Figures only: nothing here passes or fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCollector } from '../sample-data/collector-client.mjs';
import { COUNTY } from '../sample-data/county.mjs';
import { seededRandom } from '../sample-data/random.mjs';
import { cloneFleet } from './clone-fleet.mjs';
import { startCollectorProcess } from './collector-process.mjs';
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
  },
});
const N = Number(o.machines);
const S = Number(o['seed-machines']);
if (!Number.isInteger(N) || !Number.isInteger(S) || S < 1 || N < S) {
  console.error('bench:rejudge: --machines and --seed-machines must be whole numbers, machines >= seed machines');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'zhengban-bench-'));
const db = o.keep ?? join(dir, 'bench.db');
const clock = { now: new Date('2026-11-02T01:00:00Z') };
const secs = (s) => `${s.toFixed(1)} s`;
const mib = (x) => `${Math.round(x)} MiB`;

const results = [];
let collector;

/** One admin write, timed, with the re-judge it ran and the collector's peak RSS during it. */
async function step(label, method, path, body) {
  const t0 = performance.now();
  const m = await collector.call(method, path, body);
  const wall = (performance.now() - t0) / 1000;
  const r = m.result.rejudged;
  const ok = r.ms / 1000 < TARGET.seconds && m.peak < TARGET.rssMiB;
  console.log(
    `  ${label}: rejudge ${r.machines} machines: ${secs(r.ms / 1000)}, changed ${r.changed} (status ${r.statusChanged}), ` +
      `collector peak RSS ${mib(m.peak)} [${ok ? 'within' : 'OVER'} target]  (request ${secs(wall)}; VmHWM ${mib(m.peakHwm)}, sampled ${mib(m.peakSampled)}, RSS before ${mib(m.rssBefore)})`,
  );
  results.push({ label, ...r, peak: m.peak });
  return { response: m.result, ...r };
}

/** Grows the fleet with the collector stopped, then starts it afresh on the file. */
async function grow(target) {
  await collector?.stop();
  const t0 = performance.now();
  const g = cloneFleet(db, target, new Date('2026-11-03T00:00:00Z'), { distinct: o.distinct });
  console.log(`cloned in SQL to ${g.total} machines${o.distinct ? ', each with installs of its own,' : ''} in ${secs((performance.now() - t0) / 1000)}`);
  collector = await startCollectorProcess(db, clock.now);
  return g.total;
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
  const t0 = performance.now();
  const seeder = await openCollector(db, clock);
  const unitIds = await seedFleet(seeder, clock, seededRandom('bench'), S);
  await seeder.close();
  const county = unitIds.get(COUNTY);
  console.log(`seed: ${S} machines enrolled and reported through the API in ${secs((performance.now() - t0) / 1000)}`);
  clock.now = new Date('2026-11-10T02:00:00Z');

  let total = await grow(Math.min(SMALL, N));
  console.log(`at ${total} machines:`);
  const catalog = await step('catalog change (a custom product; every machine assessed again)', 'POST', '/catalog/products', BUDGET_CLIENT);
  await licenceSteps(total, county);

  if (N > total) {
    total = await grow(N);
    console.log(`at ${total} machines:`);
    await licenceSteps(total, county, true);
    const projected = (catalog.ms / 1000) * (total / SMALL);
    if (o.catalog === 'force' || (o.catalog === 'auto' && projected <= CATALOG_BUDGET_S)) {
      await step('catalog change (a rule added to WinRAR; every machine assessed again)', 'PUT', '/catalog/products/winrar/override', WINRAR_OVERRIDE);
    } else if (o.catalog !== 'skip') {
      console.log(`  catalog change not run at ${total}: ${secs(catalog.ms / 1000)} at ${SMALL} projects to ${secs(projected)} (over ${CATALOG_BUDGET_S} s; --catalog force runs it)`);
    }
  }
  const headline = results.filter((r) => /licence added/.test(r.label)).at(-1);
  if (headline) console.log(`\nrejudge ${headline.machines} machines: ${secs(headline.ms / 1000)}, changed ${headline.changed}, collector peak RSS ${mib(headline.peak)} (target ${TARGET.seconds} s, ${TARGET.rssMiB} MiB)`);
} finally {
  await collector?.stop();
  if (!o.keep) rmSync(dir, { recursive: true, force: true });
}
