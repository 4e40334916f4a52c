#!/usr/bin/env node
// Benchmark: what one `zhengban-agent scan --json` costs on this machine, as a user
// (or the nightly daemon) pays it: process start, module loading, the scan, printing.
// Run after `npm run build` (the npm script `bench:scan` does both). Prints the median
// wall time and the median and worst peak RSS of RUNS runs, once with the environment
// as inherited and once without NODE_EXTRA_CA_CERTS (Node reads that CA file at
// start-up, which costs time and memory a deployed agent may not pay).
// Figures only: nothing here passes or fails.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RUNS = 5;
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}agent/bin/zhengban-agent.js`;
const TIME = '/usr/bin/time'; // GNU time: %M is the child's peak RSS in KiB
const TARGET = { seconds: 0.3, rssMiB: 55 };

if (!existsSync(bin)) {
  console.error(`${bin} not found: run \`npm run build\` first`);
  process.exit(1);
}
const haveTime = existsSync(TIME);

/** One scan; wall time measured here, peak RSS by GNU time when present. */
function once(env) {
  const args = [process.execPath, bin, 'scan', '--json'];
  const [cmd, argv] = haveTime ? [TIME, ['-f', '%M', ...args]] : [args[0], args.slice(1)];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => (err += b));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return reject(new Error(`scan exited ${code}: ${err.trim()}`));
      const snapshot = JSON.parse(Buffer.concat(out).toString('utf8')); // the output must be the snapshot
      const kib = haveTime ? Number(err.trim().split('\n').at(-1)) : NaN;
      resolve({ seconds, rssMiB: kib / 1024, software: snapshot.software.length, errors: snapshot.collectionErrors.length });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function series(label, env) {
  await once(env); // warm the page cache so the first run does not measure the disk
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(env));
  const t = median(runs.map((r) => r.seconds));
  const rss = median(runs.map((r) => r.rssMiB));
  const worstRss = Math.max(...runs.map((r) => r.rssMiB));
  const mark = (ok) => (ok ? 'within target' : 'OVER target');
  console.log(`${label}`);
  console.log(`  runs:        ${runs.map((r) => r.seconds.toFixed(3)).join(' ')} s`);
  console.log(`  median wall: ${t.toFixed(3)} s  (${mark(t < TARGET.seconds)} ${TARGET.seconds} s)`);
  if (haveTime) {
    console.log(`  peak RSS:    median ${rss.toFixed(1)} MiB, worst ${worstRss.toFixed(1)} MiB  (${mark(worstRss < TARGET.rssMiB)} ${TARGET.rssMiB} MiB)`);
  } else {
    console.log(`  peak RSS:    not measured (${TIME} not installed)`);
  }
  console.log(`  snapshot:    ${runs[0].software} software entries, ${runs[0].errors} collection errors`);
}

console.log(`zhengban-agent scan --json, ${RUNS} runs each after one warm-up, node ${process.version}, ${process.platform}/${process.arch}`);
await series(`NODE_EXTRA_CA_CERTS as inherited (${process.env.NODE_EXTRA_CA_CERTS ?? 'unset'})`, process.env);
const { NODE_EXTRA_CA_CERTS: _dropped, ...withoutCa } = process.env;
await series('NODE_EXTRA_CA_CERTS unset (env -u NODE_EXTRA_CA_CERTS)', withoutCa);
