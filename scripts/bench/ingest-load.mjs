// The ingest bench's load and its measures: signed, gzipped snapshots sent over HTTP with
// a fixed number in flight, each answer timed, and the collector processes read from
// /proc before and after (CPU, bytes written, resident memory sampled while the load
// runs). With several collectors on one database the snapshots go to them in turn, as
// nginx's round robin sends them (one agent's next snapshot may reach another collector);
// with a database server, its CPU and bytes written are read before and after too.
import { request, Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_PREFIX, HEADER_AGENT, HEADER_SIGNATURE } from '@zhengban/shared';

const TICKS_PER_S = 100;

/** The process's CPU time (all threads), bytes it had written to storage, and resident set. */
export function procStats(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  const writeBytes = Number(/^write_bytes: (\d+)/m.exec(io)[1]);
  const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return { cpuMs, writeBytes, rssKiB };
}

/** The share of the machine's CPU busy over `ms`. */
async function busyShare(ms) {
  const read = () => readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const a = read();
  await sleep(ms);
  const b = read();
  const d = b.map((x, i) => x - a[i]);
  const total = d.reduce((x, y) => x + y, 0);
  return total === 0 ? 0 : 1 - (d[3] + d[4]) / total;
}

/** Waits until the machine is quiet (under `limit` busy over a second), at most `maxS` seconds; returns what it saw last. */
export async function waitForQuiet({ limit = 0.15, maxS = 90 } = {}) {
  const t0 = performance.now();
  let busy = await busyShare(1000);
  while (busy > limit && performance.now() - t0 < maxS * 1000) busy = await busyShare(1000);
  return { busy, waitedS: (performance.now() - t0) / 1000 };
}

function post(url, agent, item) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const req = request(
      `${url}${API_PREFIX}/snapshots`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': item.body.length,
          [HEADER_AGENT]: item.agentId,
          [HEADER_SIGNATURE]: item.signature,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', (err) => resolve({ status: 0, ms: performance.now() - t0, body: err.message }));
    req.end(item.body);
  });
}

const quantile = (sorted, q) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);

/**
 * Sends `items` with `inFlight` at a time until all are answered or `maxSeconds` have
 * passed (then no more are sent), item i to collector i mod n; returns what was measured
 * and the items acknowledged. `urls` and `pids` are the collectors' (one or several);
 * `dbServer`, when given, reads the database server's `{ cpuMs, writeBytes }`.
 */
export async function runLoad(urls, pids, items, { inFlight, maxSeconds, dbServer }) {
  [urls, pids] = [[urls].flat(), [pids].flat()];
  // A connection pool per collector, each as large as the load: round robin may send all in flight to one.
  const agents = urls.map(() => new Agent({ keepAlive: true, maxSockets: inFlight }));
  const latencies = [];
  const acked = [];
  const refused = new Map();
  let next = 0;
  const peakKiB = pids.map(() => 0);
  const sample = () => pids.forEach((pid, i) => (peakKiB[i] = Math.max(peakKiB[i], procStats(pid).rssKiB)));
  const sampler = setInterval(sample, 50);
  const sum = (stats, key) => stats.reduce((n, s) => n + s[key], 0);
  const before = pids.map(procStats);
  const dbBefore = dbServer?.();
  const clientCpu = process.cpuUsage();
  const t0 = performance.now();
  const worker = async () => {
    while (next < items.length && performance.now() - t0 < maxSeconds * 1000) {
      const i = next++;
      const item = items[i];
      const r = await post(urls[i % urls.length], agents[i % urls.length], item);
      latencies.push(r.ms);
      if (r.status === 202) acked.push(item);
      else {
        const key = `${r.status} ${r.body.slice(0, 120)}`;
        refused.set(key, (refused.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const wallS = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const after = pids.map(procStats);
  const dbAfter = dbServer?.();
  sample();
  for (const a of agents) a.destroy();
  const client = process.cpuUsage(clientCpu);
  latencies.sort((a, b) => a - b);
  const n = latencies.length;
  const dbWritten = dbServer ? dbAfter.writeBytes - dbBefore.writeBytes : 0;
  return {
    sent: n,
    acked,
    refused,
    rate: acked.length / wallS,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    // The collectors' CPU, all their threads; the database server's apart (none for SQLite, which runs in the collector).
    cpuMsPerSnapshot: n ? (sum(after, 'cpuMs') - sum(before, 'cpuMs')) / n : NaN,
    dbCpuMsPerSnapshot: n && dbServer ? (dbAfter.cpuMs - dbBefore.cpuMs) / n : NaN,
    clientCpuMsPerSnapshot: n ? (client.user + client.system) / 1000 / n : NaN,
    // The largest collector's: what one collector's machine must have.
    peakMiB: Math.max(...peakKiB) / 1024,
    // The collectors' and the database server's, together.
    writtenPerSnapshot: n ? (sum(after, 'writeBytes') - sum(before, 'writeBytes') + dbWritten) / n : NaN,
  };
}
