import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, signBytes } from '@zhengban/shared';
import { minimalSnapshot, tempDir } from '../helper.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'collector/bin/zhengban-collector.js');
let dir: string;
let cleanup: () => void;

beforeAll(() => {
  // The bin runs the built code; build it (incremental, so cheap when up to date).
  try {
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-b', 'collector'], { cwd: root, stdio: 'pipe' });
  } catch (err) {
    // Type errors elsewhere still emit; only a missing dist is fatal.
    if (!existsSync(join(root, 'collector/dist/cli.js'))) throw err;
  }
  ({ dir, cleanup } = tempDir());
}, 120_000);
afterAll(() => cleanup());

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout.split('\n').filter(Boolean), err: r.stderr.split('\n').filter(Boolean) };
}

/** Starts `serve` and resolves with the URL from its one stdout line. */
function serve(args: string[]): Promise<{ child: ChildProcess; url: string; stdout: string[]; stderr: string[] }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      stdout.push(line);
      const m = /^listening on (\S+)$/.exec(line);
      if (m) resolve({ child, url: m[1]!, stdout, stderr });
    });
  });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('zhengban-collector (built bin)', () => {
  it('prints a token on the last line of stdout', () => {
    const db = join(dir, 'tokens.db');
    const r = run('token', 'create', '--db', db, '--role', 'admin');
    expect(r.code).toBe(0);
    expect(r.out.length).toBeGreaterThan(1);
    expect(r.out.at(-1)).toMatch(/^zba_\S{43}$/);
  });

  it('answers bad input with one stderr line, a non-zero exit and no file', () => {
    const db = join(dir, 'never', 'z.db');
    const r = run('enrollment', 'create', '--db', db, '--unit', 'u', '--expires', 'soon');
    expect(r.code).not.toBe(0);
    expect(r.out).toEqual([]);
    expect(r.err).toHaveLength(1);
    expect(existsSync(db)).toBe(false);
  });

  it('serves over a real socket: one stdout line, enroll, ingest, machines, SIGTERM closes cleanly', async () => {
    const db = join(dir, 'serve.db');
    const enrollToken = run('enrollment', 'create', '--db', db, '--unit', '财政局').out.at(-1)!;
    const adminToken = run('token', 'create', '--db', db, '--role', 'admin').out.at(-1)!;
    const s = await serve(['--db', db, '--stale-after', '24', '--trusted-kms', 'kms.gov.local']);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ status: 'ok', db: 'ok' });
    const keys = generateKeyPair();
    const enrolled = await fetch(`${s.url}/api/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: enrollToken, publicKey: keys.publicKeyPem, hostname: 'pc-01' }),
    });
    expect(enrolled.status).toBe(201);
    const { agentId } = (await enrolled.json()) as { agentId: string };
    const body = JSON.stringify({ ...minimalSnapshot(), agentId });
    const ingest = await fetch(`${s.url}/api/v1/snapshots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zhengban-agent': agentId, 'x-zhengban-signature': signBytes(Buffer.from(body), keys.privateKeyPem) },
      body,
    });
    expect(ingest.status).toBe(202);
    const list = await fetch(`${s.url}/api/v1/machines`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(((await list.json()) as { total: number }).total).toBe(1);

    const exit = exited(s.child);
    s.child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(s.stdout).toEqual([`listening on ${s.url}`]);
    // Logs are JSON on stderr.
    expect(s.stderr.length).toBeGreaterThan(0);
    for (const line of s.stderr) expect(() => JSON.parse(line)).not.toThrow();
  }, 30_000);

  it('serves HTTPS with --tls-cert and --tls-key', async () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert]);
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    const s = await serve(['--db', join(dir, 'tls.db'), '--tls-cert', cert, '--tls-key', key]);
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      request(`${s.url}/healthz`, { ca: readFileSync(cert) }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(text));
      })
        .on('error', reject)
        .end();
    });
    expect(JSON.parse(body)).toEqual({ status: 'ok', db: 'ok' });
    const exit = exited(s.child);
    s.child.kill('SIGINT');
    expect(await exit).toBe(0);
  }, 30_000);
});
