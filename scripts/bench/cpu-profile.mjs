#!/usr/bin/env node
// `node scripts/bench/cpu-profile.mjs FILE.cpuprofile [N]`: the N functions (40) that
// took the most time of their own in a V8 CPU profile, such as `bench:ingest --cpu-prof
// DIR` leaves (one file per thread of the collector), with their share of the whole.
import { readFileSync } from 'node:fs';

const [file, top = '40'] = process.argv.slice(2);
if (!file) {
  console.error('cpu-profile: give a .cpuprofile file');
  process.exit(1);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const own = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  const where = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  own.set(where, (own.get(where) ?? 0) + dt);
});
console.log(`${(total / 1000).toFixed(0)} ms sampled`);
for (const [where, us] of [...own].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${where}`);
}
