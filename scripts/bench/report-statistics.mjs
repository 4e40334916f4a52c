#!/usr/bin/env node
// `npm run bench:report [-- --machines N] [--units U] [--seed-machines S] [--runs R] [--keep FILE]`
//
// The statistics form (软件正版化工作情况统计表) over a large county: S machines are
// reported through the real path, cloned in SQL to N (100,000 by default, each with
// findings of its own, as real PCs have) and spread over U units (1,000) below the
// county. The collector then runs in a process of its own on that file and answers
// `GET /api/v1/reports/statistics` as JSON and as XLSX, now and as of 30 days back (the
// verdict history path), R times each. Printed: each request's time (min, median, max)
// and the collector process's peak RSS. Targets (issue 13): JSON 1 s, XLSX 3 s, as of a
// past date 3 s, 400 MiB. The clock is set 30 days after the fleet reported, with a
// reporting window long enough that every machine counts as reporting in both.
// Run after `npm run build`. Figures only: nothing here passes or fails.
import { fileURLToPath } from 'node:url';
import { buildApp, hashToken, newToken, openStore } from '@zhengban/collector';
import { COUNTY } from '../sample-data/county.mjs';
import { countyBench } from './county-fleet.mjs';
import { memorySampler } from './memory.mjs';
import { createAdminToken } from '@zhengban/collector';

const TARGET = { json: 1, xlsx: 3, asOf: 3, rssMiB: 400 };
const REPORTED = new Date('2026-11-02T01:00:00Z');
const AS_OF = new Date('2026-11-03T00:00:00Z');
const NOW = new Date(AS_OF.getTime() + 30 * 86_400_000);
const WINDOW_HOURS = 60 * 24;

/** The collector's side: opened afresh on the file, every request timed and its peak RSS taken. */
async function serve(db, runs) {
  const store = openStore(db);
  const app = await buildApp({ store, now: () => NOW, staleAfterHours: WINDOW_HOURS });
  const token = newToken('admin');
  await createAdminToken(store, { tokenHash: hashToken(token), role: 'admin', unitId: null, createdAt: NOW.toISOString(), actor: 'bench' });
  const memory = await memorySampler();
  const get = async (query) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/reports/statistics?unit=${encodeURIComponent(COUNTY)}&${query}`, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`${query}: ${res.statusCode} ${res.body}`);
    return res.rawPayload.length;
  };
  const out = {};
  for (const [label, query] of [['json', 'format=json'], ['xlsx', 'format=xlsx'], ['asOf', `format=json&asOf=${AS_OF.toISOString()}`]]) {
    const times = [];
    let peak = 0;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const m = await memory.measure(() => get(query));
      times.push((performance.now() - t0) / 1000);
      peak = Math.max(peak, m.peak);
      bytes = m.result;
    }
    times.sort((a, b) => a - b);
    out[label] = { min: times[0], median: times[Math.floor(times.length / 2)], max: times.at(-1), peak, bytes };
  }
  memory.stop();
  await app.close();
  return out;
}

await countyBench({
  name: 'bench:report',
  script: fileURLToPath(import.meta.url),
  reported: REPORTED,
  execArgv: ['--expose-gc'],
  serve,
  print: (result, runs) => {
    const s = (x) => `${x.toFixed(2)} s`;
    for (const [label, what, target] of [['json', 'JSON, now', TARGET.json], ['xlsx', 'XLSX, now', TARGET.xlsx], ['asOf', 'JSON, as of 30 days back', TARGET.asOf]]) {
      const r = result[label];
      const ok = r.median < target && r.peak < TARGET.rssMiB;
      console.log(`  statistics ${what}: median ${s(r.median)} (min ${s(r.min)}, max ${s(r.max)}; ${runs} runs), ${Math.round(r.bytes / 1024)} KiB, collector peak RSS ${Math.round(r.peak)} MiB [${ok ? 'within' : 'OVER'} target ${target} s, ${TARGET.rssMiB} MiB]`);
    }
  },
});
