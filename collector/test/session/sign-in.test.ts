import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/service/tokens.js';
import { T0, adminToken, tempDir, testApp, type TestApp } from '../helper.js';
import { dbState } from '../access/requests.js';

/** POST /api/v1/session: an API token in, a session and its cookie out. */

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const signIn = (app: TestApp, payload: unknown, remoteAddress = '127.0.0.1') =>
  app.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress, ...(payload === undefined ? {} : { payload: payload as object }) });

const sessionCookieOf = (res: { headers: Record<string, unknown> }): string => {
  const header = [res.headers['set-cookie']].flat().find((c) => typeof c === 'string' && c.startsWith('zhengban_session='));
  if (typeof header !== 'string') throw new Error('no session cookie was set');
  return header;
};

const TWELVE_HOURS = 12 * 3_600;

describe('signing in', () => {
  it('gives an admin a session of its role, a CSRF token, and an HttpOnly SameSite=Strict cookie for 12 h', async () => {
    t = await testApp();
    const res = await signIn(t, { token: await adminToken(t.store) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      session: { role: 'admin', unitId: null, unit: null, csrfToken: expect.stringMatching(/^[\w-]{43}$/), expiresAt: new Date(T0.getTime() + TWELVE_HOURS * 1000).toISOString() },
    });
    const cookie = sessionCookieOf(res);
    expect(cookie).toMatch(/^zhengban_session=[\w-]{43};/);
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', `Max-Age=${TWELVE_HOURS}`, 'Path=/', 'SameSite=Strict']);
  });

  it("gives a viewer its unit, and the cookie's session answers GET /session with the same CSRF token", async () => {
    t = await testApp();
    const unitId = (await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { authorization: `Bearer ${await adminToken(t.store)}` }, payload: { name: '财政局' } })).json().unit.id;
    const res = await signIn(t, { token: await adminToken(t.store, 'viewer', unitId) });
    expect(res.json().session).toMatchObject({ role: 'viewer', unitId, unit: '财政局' });
    const cookie = res.cookies.find((c) => c.name === 'zhengban_session')!.value;
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/session', cookies: { zhengban_session: cookie } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(res.json());
  });

  it('refuses a wrong token exactly as a wrong bearer token, and counts it toward the 429 of its address', async () => {
    t = await testApp({ authFailures: { max: 3, windowMs: 60_000 } });
    const wrong = await signIn(t, { token: 'zba_wrong' }, '10.1.1.1');
    const bearer = await t.app.inject({ method: 'GET', url: '/api/v1/machines', remoteAddress: '10.2.2.2', headers: { authorization: 'Bearer zba_wrong' } });
    expect([wrong.statusCode, wrong.json()]).toEqual([bearer.statusCode, bearer.json()]);
    expect(wrong.json()).toEqual({ code: 'E_AUTH_INVALID', message: expect.any(String) });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // One budget for both ways in: two more failures of any kind, and the address is refused.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/machines', remoteAddress: '10.1.1.1', headers: { authorization: 'Bearer zba_wrong' } })).statusCode).toBe(401);
    expect((await signIn(t, { token: 'zba_wrong' }, '10.1.1.1')).statusCode).toBe(401);
    const limited = await signIn(t, { token: 'zba_wrong' }, '10.1.1.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('E_TOO_MANY_FAILURES');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // A good token still signs in from there: only failures are refused.
    expect((await signIn(t, { token: await adminToken(t.store) }, '10.1.1.1')).statusCode).toBe(200);
  });

  it.each([
    ['no body', undefined],
    ['no token', {}],
    ['a token that is not text', { token: 42 }],
    ['an empty token', { token: '' }],
    ['another field', { token: 'zba_x', role: 'admin' }],
  ])('answers %s 400 E_SCHEMA, as other routes do, and sets no cookie', async (_what, payload) => {
    t = await testApp();
    const res = await signIn(t, payload);
    expect([res.statusCode, res.json().code]).toEqual([400, 'E_SCHEMA']);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('audits the sign-in as the token, and keeps only the hash of the session id', async () => {
    t = await testApp();
    const res = await signIn(t, { token: await adminToken(t.store) });
    const id = res.cookies.find((c) => c.name === 'zhengban_session')!.value;
    const audit = (await t.store.read.audit.list({ limit: 10, offset: 0, action: 'session.' })).map((e) => [e.action, e.actor]);
    expect(audit).toEqual([['session.create', 'token:1']]);
    const db = new Database(t.dbFile, { readonly: true });
    try {
      expect(db.prepare('SELECT session_hash, admin_token_id, csrf_token FROM sessions').all()).toEqual([
        { session_hash: hashToken(id), admin_token_id: 1, csrf_token: res.json().session.csrfToken },
      ]);
    } finally {
      db.close();
    }
    expect(JSON.stringify(dbState(t.dbFile))).not.toContain(id);
    for (const file of [t.dbFile, `${t.dbFile}-wal`].filter((f) => existsSync(f))) expect({ file, id: readFileSync(file).includes(id) }).toEqual({ file, id: false });
  });

  it('sweeps the sessions that have expired', async () => {
    t = await testApp();
    const token = await adminToken(t.store);
    await signIn(t, { token });
    t.clock.now = new Date(T0.getTime() + TWELVE_HOURS * 1000);
    await signIn(t, { token });
    expect(dbState(t.dbFile).sessions).toEqual([expect.objectContaining({ created_at: t.clock.now.toISOString() })]);
  });
});

describe('the limit on failed authentications', () => {
  it('counts a dead session cookie like a wrong bearer token, but not a refused CSRF header (the session was good)', async () => {
    t = await testApp({ authFailures: { max: 2, windowMs: 60_000 } });
    const id = (await signIn(t, { token: await adminToken(t.store) }, '10.1.1.1')).cookies[0]!.value;
    const write = (cookie: string) => t!.app.inject({ method: 'POST', url: '/api/v1/units', remoteAddress: '10.1.1.1', cookies: { zhengban_session: cookie }, payload: { name: '某局' } });
    for (let i = 0; i < 5; i++) expect((await write(id)).json().code).toBe('E_CSRF');
    expect((await write('dead')).statusCode).toBe(401);
    expect((await write('dead')).statusCode).toBe(401);
    expect((await write('dead')).statusCode).toBe(429);
  });
});

describe('under TLS', () => {
  let dir: { dir: string; cleanup: () => void };
  let tls: { cert: Buffer; key: Buffer };
  beforeAll(() => {
    dir = tempDir();
    const [cert, key] = [join(dir.dir, 'cert.pem'), join(dir.dir, 'key.pem')];
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert]);
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    tls = { cert: readFileSync(cert), key: readFileSync(key) };
  });
  afterAll(() => dir.cleanup());

  it('marks the cookie Secure, so the browser sends it over HTTPS only', async () => {
    t = await testApp({ tls });
    const cookie = sessionCookieOf(await signIn(t, { token: await adminToken(t.store) }));
    expect(cookie.split('; ')).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Strict', 'Path=/']));
  });
});
