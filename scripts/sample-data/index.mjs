#!/usr/bin/env node
// `npm run sample-data -- --db FILE [--machines N] [--seed S] [--json FILE]`
// Builds the sample county 青溪县 into a collector database through the real collector
// (buildApp on the file, its HTTP API, signed snapshots) and prints the campaign's
// figures. Run after `npm run build`: the collector is imported from collector/dist.
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { printSummary } from './print.mjs';

const USAGE = 'usage: npm run sample-data -- --db FILE [--machines N] [--seed S] [--json FILE]';

function fail(message) {
  console.error(`sample-data: ${message}`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      db: { type: 'string' },
      machines: { type: 'string', default: '300' },
      seed: { type: 'string', default: 'qingxi' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (err) {
  fail(`${err.message}\n${USAGE}`);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!args.db) fail(`--db is required\n${USAGE}`);
const machines = Number(args.machines);
if (!Number.isInteger(machines) || machines < 1) fail(`--machines must be a positive whole number, not ${args.machines}`);
// A sample is a fresh county; loading it twice into one database would clash on unit names.
if (existsSync(args.db)) fail(`${args.db} already exists: give a new file`);
if (!existsSync(new URL('../../collector/dist/index.js', import.meta.url))) fail('collector/dist is missing: run `npm run build` first');

const { CALENDAR, loadSample } = await import('./sample.mjs');
const started = performance.now();
let result;
try {
  result = await loadSample({ db: args.db, machines, seed: args.seed, log: (line) => console.log(line) });
} catch (err) {
  fail(err.message);
}
const s = result.summary;
console.log(`\n青溪县样例数据 sample county loaded into ${args.db}: ${s.machines} machines, seed ${args.seed}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
printSummary(s);
// The sample's story ends on CALENDAR.report: its forms are made as of that day (made
// today, every machine would count as not reporting).
const day = new Date(CALENDAR.report.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
console.log(`\n统计表 the statistics form: node collector/bin/zhengban-collector.js report statistics --db ${args.db} --as-of ${day} --format xlsx --out 统计表.xlsx`);
// Served today, its machines last reported days ago: a reporting window reaching back to
// the story's end keeps them counted as reporting.
const windowHours = Math.max(48, Math.ceil((Date.now() - CALENDAR.secondScan.getTime()) / 3_600_000) + 48);
console.log(`仪表盘 the dashboard: node collector/bin/zhengban-collector.js token create --db ${args.db} --role admin   (the token is the last line)`);
console.log(`                      node collector/bin/zhengban-collector.js serve --db ${args.db} --stale-after ${windowHours}   then open the address it prints`);
if (args.json) {
  const machinesOut = result.plan.map((m) => ({ host: m.host, unit: m.move ?? m.unit, template: m.template, showcase: m.showcase, expect: m.expect ?? null, agentId: m.agent.agentId, status: m.verdict.status }));
  writeFileSync(args.json, `${JSON.stringify({ seed: args.seed, summary: s, machines: machinesOut }, null, 2)}\n`);
  console.log(`\nsummary and machines written to ${args.json}`);
}
