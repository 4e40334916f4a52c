import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach } from 'vitest';
import type { IngestResponse, Snapshot, Verdict } from '@zhengban/shared';
import { minimalSnapshot } from '../../shared/test/minimal-snapshot.js';
import { ensureKeyFile, loadConfig, type AgentConfig, type BuildSnapshot, type ConfigLocation } from '../src/index.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'zhengban-agent-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  /** As it arrived on the wire. */
  raw: Buffer;
  /** Inflated when gzipped: the bytes the signature covers. */
  body: Buffer;
}

export type Answer = { status: number; body: unknown } | 'hang';

export interface FakeCollector {
  url: string;
  received: Received[];
  answer: (r: Received) => Answer;
  close(): Promise<void>;
}

/** A collector stand-in on 127.0.0.1 with a free port; `answer` decides each reply. */
export async function fakeCollector(answer: (r: Received) => Answer): Promise<FakeCollector> {
  const fake: FakeCollector = { url: '', received: [], answer, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const r: Received = { url: req.url ?? '', headers: req.headers, raw, body };
      fake.received.push(r);
      const a = fake.answer(r);
      if (a === 'hang') return;
      res.writeHead(a.status, { 'content-type': 'application/json' });
      res.end(typeof a.body === 'string' ? a.body : JSON.stringify(a.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  cleanups.push(() => fake.close());
  return fake;
}

export function verdict(status: Verdict['status'] = 'unauthorized'): Verdict {
  return {
    status,
    rulesVersion: 'test-1',
    decidedAt: '2025-03-01T02:00:00.000Z',
    findings: [
      { category: 'os', code: 'licensed', passed: true, subject: 'Debian 12', message: 'Debian needs no activation', messageZh: 'Debian 无需激活', facts: [] },
      { category: 'office', code: 'not-activated', passed: false, subject: 'WPS Office', message: 'WPS Office is not activated', messageZh: 'WPS Office 未激活', facts: ['activation.state = not-activated'] },
    ],
  };
}

/** An IngestResponse for the snapshot a request carried. */
export function ingestAnswer(r: Received, duplicate = false): IngestResponse {
  const s = JSON.parse(r.body.toString('utf8')) as Snapshot;
  return { snapshotId: s.snapshotId, agentId: s.agentId ?? '', seq: s.seq, duplicate, verdict: verdict() };
}

export function seqOf(r: Received): number {
  return (JSON.parse(r.body.toString('utf8')) as Snapshot).seq;
}

export const fakeBuild: BuildSnapshot = async ({ agentId, seq, now }) => ({
  ...minimalSnapshot(),
  agentId,
  seq,
  collectedAt: (now ?? new Date()).toISOString(),
  machine: { hostname: 'pc-01', chassis: 'desktop', machineId: 'mid-0001', hardwareUuid: '4C4C4544-0000-1000-8000-000000000001' },
});

/** A config folder as `enroll` leaves it: config file with agent id and server, key beside it. */
export async function enrolledAgent(serverUrl: string, extra: Record<string, unknown> = {}): Promise<{ dir: string; location: ConfigLocation; config: AgentConfig }> {
  const dir = await tempDir();
  const location: ConfigLocation = { configFile: join(dir, 'agent.json'), stateDir: dir, source: 'flag' };
  await writeFile(location.configFile, JSON.stringify({ serverUrl, agentId: 'a1', unit: 'u1', timeouts: { connectMs: 2000, requestMs: 3000 }, ...extra }));
  const config = await loadConfig(location);
  await ensureKeyFile(config.keyFile);
  return { dir, location, config };
}
