#!/usr/bin/env node
// `npm run bench:rejudge [-- --machines N] [--seed-machines S] [--catalog auto|skip|force] [--no-index] [--keep FILE]`
//
// Re-judging a county after a registry change, in the collector's own process. A few
// hundred machines are reported through the real path (enroll, signed snapshot, ingest)
// and cloned in SQL to 10,000 and then N (100,000 by default). Each measured step is one
// admin write through the HTTP API that runs the real engine (createRejudge, one
// transaction): an Office licence every machine needs is added, its seats are cut by
// 10%, it is deleted; a catalog change makes every machine be assessed again. Printed per
// step: the engine's time, what it changed, peak RSS. Targets (issue 5): 10 s, 400 MiB.
//
// As shipped, storing one machine's seat outcome scans every install row of the product
// (see the report in docs/sample-data.md), so the steps grow with the square of the
// fleet; beyond 10,000 machines the bench therefore adds the index proposed as the fix
// before measuring, and says so (--no-index measures the schema as shipped, for hours).
// Run after `npm run build`. Figures only: nothing here passes or fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openCollector } from '../sample-data/collector-client.mjs';
import { COUNTY } from '../sample-data/county.mjs';
import { seededRandom } from '../sample-data/random.mjs';
import { cloneFleet } from './clone-fleet.mjs';
import { memorySampler, rssNow } from './memory.mjs';
import { BUDGET_CLIENT, WINRAR_OVERRIDE, officeLicence, seedFleet } from './seed-fleet.mjs';

const TARGET = { seconds: 10, rssMiB: 400 };
const SMALL = 10_000;
/** A catalog change at N runs only when the one at 10,000 projects to at most this. */
const CATALOG_BUDGET_S = 300;
const PROPOSED_INDEX = 'CREATE INDEX IF NOT EXISTS machine_installs_agent_product ON machine_installs(agent_id, product_id)';

const { values: o } = parseArgs({
  options: {
    machines: { type: 'string', default: '100000' },
    'seed-machines': { type: 'string', default: '300' },
    catalog: { type: 'string', default: 'auto' },
    'no-index': { type: 'boolean', default: false },
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

const c = await openCollector(db, clock);
const memory = await memorySampler();
const results = [];

/** One admin write, timed, with the re-judge it ran and the step's peak RSS. */
async function step(label, method, path, body) {
  const t0 = performance.now();
  const m = await memory.measure(() => c.api(method, path, body));
  const wall = (performance.now() - t0) / 1000;
  const r = m.result.rejudged;
  const ok = r.ms / 1000 < TARGET.seconds && m.peak < TARGET.rssMiB;
  console.log(
    `  ${label}: rejudge ${r.machines} machines: ${secs(r.ms / 1000)}, changed ${r.changed} (status ${r.statusChanged}), ` +
      `peak RSS ${mib(m.peak)} [${ok ? 'within' : 'OVER'} target]  (request ${secs(wall)}; VmHWM ${mib(m.peakHwm)}, sampled ${mib(m.peakSampled)}, RSS before ${mib(m.rssBefore)})`,
  );
  results.push({ label, ...r, peak: m.peak });
  return { response: m.result, ...r };
}

function grow(target) {
  const t0 = performance.now();
  const g = cloneFleet(db, target, new Date('2026-11-03T00:00:00Z'));
  console.log(`cloned in SQL to ${g.total} machines in ${secs((performance.now() - t0) / 1000)}; RSS ${mib(rssNow())}`);
  return g.total;
}

function addIndex() {
  const conn = new Database(db);
  conn.exec(PROPOSED_INDEX);
  conn.close();
  console.log(`what-if: ${PROPOSED_INDEX}`);
}

/** Licence added with a seat for each machine, seats cut by 10%, licence deleted. */
async function licenceSteps(total, county, tag, keep = false) {
  const added = await step(`${tag} Office licence added (${total} seats)`, 'POST', '/licences', officeLicence(county, total));
  const id = added.response.licence.id;
  await step(`${tag} seats cut to ${Math.round(total * 0.9)}`, 'PATCH', `/licences/${id}`, { seats: Math.round(total * 0.9) });
  if (!keep) await step(`${tag} licence deleted`, 'DELETE', `/licences/${id}`);
}

try {
  let t0 = performance.now();
  const unitIds = await seedFleet(c, clock, seededRandom('bench'), S);
  const county = unitIds.get(COUNTY);
  console.log(`seed: ${S} machines enrolled and reported through the API in ${secs((performance.now() - t0) / 1000)}`);
  clock.now = new Date('2026-11-10T02:00:00Z');

  let total = grow(Math.min(SMALL, N));
  console.log(`at ${total} machines, schema as shipped:`);
  const catalog = await step('catalog change (a custom product; every machine assessed again)', 'POST', '/catalog/products', BUDGET_CLIENT);
  await licenceSteps(total, county, '[as shipped]');

  if (N > total) {
    if (!o['no-index']) {
      addIndex();
      console.log(`at ${total} machines, with the proposed index:`);
      await licenceSteps(total, county, '[index]');
    }
    total = grow(N);
    console.log(`at ${total} machines${o['no-index'] ? ', schema as shipped' : ', with the proposed index'}:`);
    await licenceSteps(total, county, o['no-index'] ? '[as shipped]' : '[index]', true);
    const projected = (catalog.ms / 1000) * (total / SMALL);
    if (o.catalog === 'force' || (o.catalog === 'auto' && projected <= CATALOG_BUDGET_S)) {
      await step('catalog change (a rule added to WinRAR; every machine assessed again)', 'PUT', '/catalog/products/winrar/override', WINRAR_OVERRIDE);
    } else if (o.catalog !== 'skip') {
      console.log(`  catalog change not run at ${total}: ${secs(catalog.ms / 1000)} at ${SMALL} projects to ${secs(projected)} (over ${CATALOG_BUDGET_S} s; --catalog force runs it)`);
    }
  }
  const headline = results.filter((r) => /licence added/.test(r.label)).at(-1);
  if (headline) console.log(`\nrejudge ${headline.machines} machines: ${secs(headline.ms / 1000)}, changed ${headline.changed}, peak RSS ${mib(headline.peak)} (target ${TARGET.seconds} s, ${TARGET.rssMiB} MiB)`);
} finally {
  memory.stop();
  await c.close();
  if (!o.keep) rmSync(dir, { recursive: true, force: true });
}
