import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER_AGENT, HEADER_SIGNATURE, signBytes, type SignedEnvelope } from '@zhengban/shared';
import { agentBin, collectorBin, lastLine, runCli, startCollector, type RunningCollector } from './processes.js';

// The real collector on a loopback port with a temporary SQLite file, and the real,
// built agent CLI against it: enroll, report, report while the collector is down,
// report again when it is up, then replays and forgeries sent by hand.
describe('agent → signed snapshot → collector → verdict', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhengban-e2e-'));
  const db = join(dir, 'zhengban.db');
  const config = join(dir, 'agent', 'agent.json');
  let collector: RunningCollector;
  let adminToken: string;
  let agentId: string;
  let savedEnvelope: SignedEnvelope;

  const agent = (...args: string[]) => runCli(agentBin, ['--config', config, ...args]);
  const storedSnapshots = (): Array<{ snapshot_id: string; seq: number }> => {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return conn.prepare('SELECT snapshot_id, seq FROM snapshots ORDER BY seq').all() as Array<{ snapshot_id: string; seq: number }>;
    } finally {
      conn.close();
    }
  };
  const api = async (path: string) => {
    const res = await fetch(`${collector.url}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const postSnapshot = async (payload: string, signature: string) => {
    const res = await fetch(`${collector.url}/api/v1/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HEADER_AGENT]: agentId, [HEADER_SIGNATURE]: signature },
      body: payload,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    collector = await startCollector(db);
    const created = runCli(collectorBin, ['token', 'create', '--db', db, '--role', 'admin']);
    expect(created.status, created.stderr).toBe(0);
    adminToken = lastLine(created.stdout);
  });

  afterAll(async () => {
    await collector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrolls with a one-use token and keeps the private key to its owner', () => {
    const made = runCli(collectorBin, ['enrollment', 'create', '--db', db, '--unit', '东城区财政局', '--max-uses', '1']);
    expect(made.status, made.stderr).toBe(0);
    const token = lastLine(made.stdout);

    const enrolled = agent('enroll', '--server', collector.url, '--token', token);
    expect(enrolled.status, enrolled.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(config, 'utf8')) as { agentId: string; serverUrl: string };
    expect(saved.agentId).toBeTruthy();
    expect(saved.serverUrl).toBe(collector.url);
    agentId = saved.agentId;

    const keyFiles = readdirSync(join(dir, 'agent')).filter((f) => /key/i.test(f) && !f.endsWith('.pub'));
    expect(keyFiles.length).toBeGreaterThan(0);
    for (const f of keyFiles) {
      if (readFileSync(join(dir, 'agent', f), 'utf8').includes('PRIVATE KEY')) {
        expect(statSync(join(dir, 'agent', f)).mode & 0o077).toBe(0);
      }
    }

    const again = runCli(agentBin, ['--config', join(dir, 'other', 'agent.json'), 'enroll', '--server', collector.url, '--token', token]);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toMatch(/token/i);
  });

  it('reports once and prints the verdict the collector stored', async () => {
    const r = agent('report');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/licensed|unauthorized/);

    const list = await api('/api/v1/machines');
    expect(list.status).toBe(200);
    const machines = list.body.machines as Array<{ machineId: string; status: string; unit: string }>;
    expect(machines).toHaveLength(1);
    expect(machines[0]).toMatchObject({ machineId: agentId, unit: '东城区财政局' });
    expect(['licensed', 'unauthorized']).toContain(machines[0]?.status);

    const detail = await api(`/api/v1/machines/${agentId}`);
    expect(detail.status).toBe(200);
    const findings = JSON.stringify(detail.body);
    expect(findings).toContain('"facts"');
    expect(r.stdout).toContain(machines[0]?.status === 'licensed' ? 'licensed' : 'unauthorized');
  });

  it('spools while the collector is down and delivers the spool, oldest first, when it is back', async () => {
    const port = collector.port;
    await collector.stop();

    const down = agent('report');
    expect(down.status).not.toBe(0);
    expect(down.stderr).toMatch(/spool/i);
    const status = JSON.parse(agent('status', '--json').stdout) as Record<string, unknown>;
    expect(JSON.stringify(status)).toMatch(/"spool\w*":\s*1\b|"depth":\s*1\b/);

    const spoolDir = findSpoolDir(join(dir, 'agent'));
    const files = readdirSync(spoolDir).filter((f) => !f.startsWith('.') && !f.endsWith('.tmp'));
    expect(files).toHaveLength(1);
    savedEnvelope = JSON.parse(readFileSync(join(spoolDir, files[0]!), 'utf8')) as SignedEnvelope;

    collector = await startCollector(db, port);
    const up = agent('report');
    expect(up.status, up.stderr).toBe(0);
    expect(readdirSync(spoolDir).filter((f) => !f.startsWith('.') && !f.endsWith('.tmp'))).toHaveLength(0);

    const rows = storedSnapshots();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(new Set(rows.map((r) => r.snapshot_id)).size).toBe(3);
  });

  it('answers a replayed envelope as a duplicate and stores nothing twice', async () => {
    const replay = await postSnapshot(savedEnvelope.payload, savedEnvelope.signature);
    expect(replay.status).toBe(200);
    expect(replay.body.duplicate).toBe(true);
    expect(storedSnapshots()).toHaveLength(3);
  });

  it('refuses a new snapshot carrying an old seq, even correctly signed', async () => {
    const keyPem = findPrivateKey(join(dir, 'agent'));
    const old = JSON.parse(savedEnvelope.payload) as Record<string, unknown>;
    const forged = JSON.stringify({ ...old, snapshotId: randomUUID() });
    const res = await postSnapshot(forged, signBytes(Buffer.from(forged), keyPem));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('E_SEQ_REPLAY');
    expect(storedSnapshots()).toHaveLength(3);
  });

  it('refuses a tampered body with the signature of the original', async () => {
    const tampered = savedEnvelope.payload.replace('"seq":', '"seq": ');
    const res = await postSnapshot(tampered, savedEnvelope.signature);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('E_SIGNATURE');
    expect(storedSnapshots()).toHaveLength(3);
  });
});

function findSpoolDir(stateDir: string): string {
  for (const entry of readdirSync(stateDir, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory() && entry.name === 'spool') return join(entry.parentPath, entry.name);
  }
  throw new Error(`no spool folder under ${stateDir}`);
}

function findPrivateKey(stateDir: string): string {
  for (const entry of readdirSync(stateDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    if (text.includes('BEGIN PRIVATE KEY')) return text;
  }
  throw new Error(`no private key under ${stateDir}`);
}
