import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { generateKeyPair, signBytes, type KeyPairPem, type Snapshot } from '@zhengban/shared';
import { buildApp, type App, type AppOptions } from '../src/app.js';
import { runCli } from '../src/cli.js';
import { hashToken, newToken } from '../src/service/tokens.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';
import { minimalSnapshot } from '../../shared/test/minimal-snapshot.js';
import { createAdminToken, createEnrollmentToken } from '../src/service/token-service.js';

export const T0 = new Date('2026-11-20T08:00:00.000Z');

/** A temporary folder removed by the returned function. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'zhengban-collector-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestApp {
  app: App;
  store: Store;
  dbFile: string;
  clock: { now: Date };
  close: () => Promise<void>;
}

/** The app on a temporary SQLite file, with a clock the test moves. */
export async function testApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const { dir, cleanup } = tempDir();
  const dbFile = join(dir, 'zhengban.db');
  const store = openStore(dbFile);
  const clock = { now: T0 };
  const app = await buildApp({ store, now: () => clock.now, ...options });
  return {
    app,
    store,
    dbFile,
    clock,
    close: async () => {
      await app.close();
      cleanup();
    },
  };
}

/** Row counts straight from the file, through a second read-only connection. */
export function countRows(dbFile: string): Record<string, number> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = ['units', 'enrollment_tokens', 'admin_tokens', 'agents', 'snapshots', 'machine_software', 'verdicts', 'audit_log'];
    return Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

export async function enrollmentToken(store: Store, unit = '财政局', opts: { maxUses?: number; ttlMs?: number; now?: Date } = {}) {
  const token = newToken('enrollment');
  const now = opts.now ?? T0;
  await createEnrollmentToken(store, {
    tokenHash: hashToken(token),
    unitName: unit,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + (opts.ttlMs ?? 7 * 86_400_000)).toISOString(),
    maxUses: opts.maxUses ?? null,
    actor: 'test',
  });
  return token;
}

/** An API token of the role (an admin by default), stored as `token create` stores it. */
export async function adminToken(store: Store, role: 'admin' | 'viewer' = 'admin', unitId: number | null = null): Promise<string> {
  const token = newToken(role);
  await createAdminToken(store, { tokenHash: hashToken(token), role, unitId, createdAt: T0.toISOString(), actor: 'test' });
  return token;
}

export interface TestAgent {
  agentId: string;
  unit: string;
  keys: KeyPairPem;
}

/** Enrolls a fresh agent through the HTTP API. */
export async function enrolledAgent(t: TestApp, unit = '财政局', hostname = 'pc-01'): Promise<TestAgent> {
  const keys = generateKeyPair();
  const token = await enrollmentToken(t.store, unit);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { token, publicKey: keys.publicKeyPem, hostname } });
  if (res.statusCode !== 201) throw new Error(`enroll failed: ${res.statusCode} ${res.body}`);
  return { ...(res.json() as { agentId: string; unit: string }), keys };
}

export function snapshotOf(agent: TestAgent, seq: number, changes: Partial<Snapshot> = {}): Snapshot {
  return { ...minimalSnapshot(), agentId: agent.agentId, seq, collectedAt: T0.toISOString(), ...changes };
}

export interface PostOptions {
  gzip?: boolean;
  signature?: string;
  agentId?: string;
  headers?: Record<string, string>;
}

/** Posts exact bytes the way the agent does: signed body, id and signature in headers. */
export function postSnapshot(t: TestApp, agent: TestAgent, body: Snapshot | string | Buffer, o: PostOptions = {}) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-zhengban-agent': o.agentId ?? agent.agentId,
    'x-zhengban-signature': o.signature ?? signBytes(bytes, agent.keys.privateKeyPem),
    ...(o.gzip ? { 'content-encoding': 'gzip' } : {}),
    ...o.headers,
  };
  return t.app.inject({ method: 'POST', url: '/api/v1/snapshots', headers, payload: o.gzip ? gzipSync(bytes) : bytes });
}

export { minimalSnapshot };

/** Runs one collector command line, capturing what it prints and its exit code. */
export async function runCliCaptured(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}
