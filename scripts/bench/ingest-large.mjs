#!/usr/bin/env node
// Benchmark: one agent whose whole software list changes between two snapshots, the
// worst snapshot an agent can send (every name new, every old one gone). The real
// collector runs in its own process (`zhengban-collector serve` on 127.0.0.1); the
// bench enrolls an agent over HTTP, sends a first snapshot of N programs, then a second
// of N other programs, and meanwhile asks /healthz every 10 ms. It prints, per size and
// run, how long the second snapshot took to be answered and the slowest /healthz
// answer while it was in flight: a blocked event loop shows in the second figure. The
// clock runs from sending the signed bytes to the answer (serialising and signing are
// the agent's work).
//   npm run bench:ingest-large [-- --sizes 5000,20000 --runs 3]
// Figures only: nothing here passes or fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { collectorCli, serveCollector } from './collector-cli.mjs';
import { API_PREFIX, HEADER_AGENT, HEADER_SIGNATURE, SCHEMA_VERSION, generateKeyPair, signBytes } from '@zhengban/shared';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '5000,20000' }, runs: { type: 'string', default: '3' } } });
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);

/** N programs whose names all carry `tag`, so two lists with different tags share no name. */
function programs(n, tag) {
  return Array.from({ length: n }, (_, i) => ({
    name: `Program ${tag} ${i} 应用程序`,
    version: `${1 + (i % 9)}.${i % 100}.${i}`,
    publisher: `Vendor ${i % 500}`,
    arch: 'x64',
    installDate: '2026-11-01',
    source: 'registry:HKLM',
    scope: 'machine',
  }));
}

function snapshot(agentId, seq, software) {
  return {
    schemaVersion: SCHEMA_VERSION,
    snapshotId: randomUUID(),
    agentId,
    seq,
    collectedAt: new Date().toISOString(),
    agent: { version: '0.1.0', platform: 'win32', arch: 'x64', nodeVersion: 'v20.20.2' },
    machine: { hostname: `BENCH-LARGE-${seq}`, chassis: 'desktop' },
    os: { family: 'windows', name: 'Microsoft Windows 10 专业版', id: 'windows', version: '10.0.19045', edition: 'Professional', arch: 'x64', activation: { state: 'activated', channel: 'OEM:DM', source: 'wmi:SoftwareLicensingProduct' } },
    office: [],
    antivirus: [{ name: 'Microsoft Defender Antivirus', vendor: 'Microsoft', enabled: true, upToDate: true, owner: 'microsoft', state: 'on', source: 'wmi:SecurityCenter2' }],
    software,
    indicators: [],
    collectionErrors: [],
  };
}

/** The exact bytes and their signature, made before the clock starts: the agent's work, not the collector's. */
function signed(agent, body) {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  return { bytes, signature: signBytes(bytes, agent.keys.privateKeyPem) };
}

async function post(url, agent, { bytes, signature }) {
  const res = await fetch(`${url}${API_PREFIX}/snapshots`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [HEADER_AGENT]: agent.agentId, [HEADER_SIGNATURE]: signature },
    body: bytes,
  });
  if (res.status !== 202) throw new Error(`snapshot answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Asks /healthz every 10 ms until stopped; the slowest answer is the longest the event loop was held. */
function healthProbe(url) {
  let stopped = false;
  let slowest = 0;
  let count = 0;
  let failed = 0;
  const loop = (async () => {
    while (!stopped) {
      const t0 = performance.now();
      try {
        const res = await fetch(`${url}/healthz`);
        await res.arrayBuffer();
      } catch {
        // A keep-alive socket the server closed while it was blocked: the wait still counts.
        failed++;
      }
      slowest = Math.max(slowest, performance.now() - t0);
      count++;
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { slowestMs: slowest, probes: count, failed };
  };
}

async function once(size, run) {
  const dir = mkdtempSync(join(tmpdir(), 'zhengban-bench-large-'));
  const db = join(dir, 'bench.db');
  try {
    const token = await collectorCli(db, ['enrollment', 'create', '--unit', 'bench', '--max-uses', '1']);
    const server = await serveCollector(db);
    try {
      const keys = generateKeyPair();
      const enrolled = await fetch(`${server.url}${API_PREFIX}/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, publicKey: keys.publicKeyPem, hostname: 'BENCH-LARGE' }),
      });
      if (enrolled.status !== 201) throw new Error(`enroll answered ${enrolled.status}: ${await enrolled.text()}`);
      const agent = { agentId: (await enrolled.json()).agentId, keys };
      await post(server.url, agent, signed(agent, snapshot(agent.agentId, 1, programs(size, 'A'))));
      const second = signed(agent, snapshot(agent.agentId, 2, programs(size, 'B')));
      const stopProbe = healthProbe(server.url);
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      await post(server.url, agent, second);
      const ingestMs = performance.now() - t0;
      const health = await stopProbe();
      console.log(`${String(size).padStart(6)}  run ${run}  changed list ingested in ${ingestMs.toFixed(0).padStart(6)} ms   slowest /healthz ${health.slowestMs.toFixed(0).padStart(5)} ms (${health.probes} probes${health.failed ? `, ${health.failed} failed` : ''})`);
      return { ingestMs, healthMs: health.slowestMs };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`node ${process.version}; NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}`);
for (const size of sizes) {
  const results = [];
  for (let run = 1; run <= runs; run++) results.push(await once(size, run));
  const range = (k) => {
    const v = results.map((r) => r[k]).sort((a, b) => a - b);
    return `median ${v[Math.floor(v.length / 2)].toFixed(0)} ms (${v[0].toFixed(0)}–${v.at(-1).toFixed(0)})`;
  };
  console.log(`${String(size).padStart(6)}  ${runs} runs: ingest ${range('ingestMs')}, slowest /healthz ${range('healthMs')}`);
}
