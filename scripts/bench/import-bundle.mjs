#!/usr/bin/env node
// `npm run bench:import`: the rate at which `zhengban-collector import` takes in a bundle
// carried from a network with no route (issue 17). A county's worth of offline PCs (the
// sample county's machine templates, real recorded software lists) each bring their
// enrollment request and first snapshot in one bundle; the next night's bundle brings
// the same machines unchanged; that bundle carried in again changes nothing. Each run
// starts from an empty database; the import is the built CLI in a process of its own,
// timed from start to exit.
//   --machines N   snapshots a bundle carries, one per PC (default 10000)
//   --runs N       repeats (default 3); figures are given as median (min–max)
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ManifestBuilder, offlineAgentId, openBundleWriter, parseEntry, sealEnvelope, signBytes } from '@zhengban/shared';
import { planFleet } from '../sample-data/fleet.mjs';
import { seededRandom } from '../sample-data/random.mjs';
import { identify, snapshotOf } from '../sample-data/snapshot.mjs';
import { collectorCli } from './collector-cli.mjs';

const { values } = parseArgs({ options: { machines: { type: 'string', default: '10000' }, runs: { type: 'string', default: '3' } } });
const machines = Number(values.machines);
const runs = Number(values.runs);
const collectorBin = fileURLToPath(new URL('../../collector/bin/zhengban-collector.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'zhengban-bench-import-'));
const NETWORK = '县机关内网';

/** Writes a bundle of `lines` (strings) to `file`, as the agent's `bundle merge` does. */
async function writeBundle(file, lines) {
  const builder = new ManifestBuilder();
  lines.forEach((l, i) => builder.add(l, parseEntry(l, `line ${i + 2}`)));
  const writer = await openBundleWriter(file, builder.finish({ createdAt: new Date().toISOString(), createdBy: 'bench', network: NETWORK }));
  for (const l of lines) await writer.write(l);
  await writer.commit();
}

function pcs(token) {
  const rng = seededRandom('bench-import');
  return planFleet(machines, rng).slice(0, machines).map((m) => {
    const machine = identify(m, rng);
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const agentId = offlineAgentId(publicKey.export({ type: 'spki', format: 'der' }));
    const request = JSON.stringify({ token, publicKey: publicKeyPem, hostname: machine.identity.hostname, agentId, network: NETWORK, requestedAt: new Date().toISOString() });
    return { machine, agentId, privateKey, rng, enrollment: JSON.stringify({ kind: 'enrollment', agentId, payload: request, signature: signBytes(Buffer.from(request), privateKey) }) };
  });
}

const snapshotLine = (pc, seq, at) => {
  const s = { ...snapshotOf(pc.machine, seq, at, pc.rng), agentId: pc.agentId };
  return JSON.stringify(sealEnvelope(pc.agentId, JSON.stringify(s), pc.privateKey));
};

function timedImport(db, file) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [collectorBin, "import", "--db", db, "--json", file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`import exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const report = JSON.parse(r.stdout);
  return { seconds, report };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs, f = (x) => x.toFixed(0)) => `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;

try {
  console.log(`import bench: ${machines} offline PCs, ${runs} run(s), node ${process.version}, NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}`);
  const tokenFile = join(work, 'token.json');
  const probe = join(work, 'probe.db');
  await collectorCli(probe, ['enrollment', 'create', '--unit', '青溪县', '--offline', tokenFile, '--network', NETWORK]);
  const { token } = JSON.parse(readFileSync(tokenFile, 'utf8'));
  const t0 = performance.now();
  const fleet = pcs(token);
  const night1 = new Date(Date.now() - 86_400_000);
  const night2 = new Date(Date.now() - 3_600_000);
  const first = join(work, 'first.bundle');
  const next = join(work, 'next.bundle');
  await writeBundle(first, fleet.flatMap((pc) => [pc.enrollment, snapshotLine(pc, 1, night1)]));
  await writeBundle(next, fleet.flatMap((pc) => [pc.enrollment, snapshotLine(pc, 2, night2)]));
  const mb = (f) => (statSync(f).size / 2 ** 20).toFixed(0);
  const gz = (f) => (gzipSync(readFileSync(f)).length / 2 ** 20).toFixed(0);
  console.log(`bundles made in ${((performance.now() - t0) / 1000).toFixed(1)} s: first ${mb(first)} MiB (${gz(first)} MiB gzipped), next ${mb(next)} MiB (${gz(next)} MiB gzipped)`);

  const rows = { first: [], next: [], again: [] };
  for (let run = 1; run <= runs; run++) {
    const db = join(work, `run-${run}.db`);
    // A copy of the database the token was made in: every run starts empty but for it.
    copyFileSync(probe, db);
    for (const [name, file] of [['first', first], ['next', next], ['again', next]]) {
      const { seconds, report } = timedImport(db, file);
      const snapshots = report.accepted + report.duplicates;
      rows[name].push({ seconds, rate: snapshots / seconds, inside: report.seconds, accepted: report.accepted, duplicates: report.duplicates, enrolled: report.enrolled.length, refused: report.refusedTotal });
      console.log(`run ${run} ${name.padEnd(5)}: ${seconds.toFixed(1)} s (import ${report.seconds.toFixed(1)} s), ${(snapshots / seconds).toFixed(0)} snapshots/s; accepted ${report.accepted}, duplicates ${report.duplicates}, enrolled ${report.enrolled.length}, refused ${report.refusedTotal}`);
    }
    rmSync(db, { force: true });
  }
  console.log('\nbundle                                   | snapshots/s, median (min–max) | seconds, process start to exit');
  const label = { first: `first bundle: ${machines} enrollments + first snapshots`, next: `next night: ${machines} unchanged`, again: 'the next night\'s bundle imported again' };
  for (const name of ['first', 'next', 'again']) {
    console.log(`${label[name].padEnd(41)}| ${spread(rows[name].map((r) => r.rate)).padEnd(30)}| ${spread(rows[name].map((r) => r.seconds), (x) => x.toFixed(1))}`);
  }
} finally {
  if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });
}
