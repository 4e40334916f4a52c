import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dbState, send, signIn, type BrowserSession, type Req } from '../access/requests.js';
import { buildWorld, copyOfWorld, type World } from '../access/world.js';

/**
 * The session cookie on the API's routes: the same caller as its token, writes only
 * with the CSRF header, and an end when signed out, after 12 hours, or when its token
 * is gone. Each test that changes something works on its own copy of one world.
 */
let original: World;
beforeAll(async () => {
  original = await buildWorld();
});
afterAll(() => original.t.close());

let w: World;
const ownWorld = async () => (w = await copyOfWorld(original));
afterEach(async () => {
  if (w && w !== original) await w.t.close();
  w = original;
});

const TWELVE_HOURS_MS = 12 * 3_600_000;
const cookieOnly = (s: BrowserSession): BrowserSession => ({ ...s, csrf: '' });
const newUnit = (w: World): Req => ({ method: 'POST', url: '/api/v1/units', body: { name: '江南省新科', parentId: w.units.province } });
const sessionRows = (w: World) => dbState(w.t.dbFile).sessions as { admin_token_id: number }[];
const tokenId = (w: World, role: 'admin' | 'viewer') => (dbState(w.t.dbFile).admin_tokens as { id: number; role: string }[]).find((t) => t.role === role)!.id;
/** The cookie without a CSRF header, as a page of another site would make the browser send it. */
const fromElsewhere = (w: World, req: Req, s: BrowserSession) =>
  w.t.app.inject({ method: req.method, url: req.url, cookies: { zhengban_session: s.cookie }, ...(req.body === undefined ? {} : { payload: req.body as object }) });

describe('the viewer through its session cookie', () => {
  it('sees exactly what its bearer token sees: its subtree', async () => {
    w = original;
    for (const url of ['/api/v1/units', '/api/v1/machines', `/api/v1/machines/${w.machines.inside.agentId}`, '/api/v1/licences', '/api/v1/people']) {
      const byCookie = await send(w.t, { method: 'GET', url }, w.viewerSession);
      const byBearer = await send(w.t, { method: 'GET', url }, w.viewer);
      expect({ url, status: byCookie.statusCode, body: byCookie.json() }).toEqual({ url, status: 200, body: byBearer.json() });
    }
    const units = (await send(w.t, { method: 'GET', url: '/api/v1/units' }, w.viewerSession)).body;
    expect(['甲市', '甲县'].every((u) => units.includes(u)) && !['江南省', '乙市', '乙县'].some((u) => units.includes(u))).toBe(true);
    expect((await send(w.t, { method: 'GET', url: `/api/v1/machines/${w.machines.outside.agentId}` }, w.viewerSession)).statusCode).toBe(404);
  });
});

describe('writes through the cookie', () => {
  it('are refused 403 E_CSRF without the CSRF header or with a wrong one, and change nothing', async () => {
    const admin = await signIn((await ownWorld()).t, w.admin);
    const other = await signIn(w.t, w.admin);
    const before = dbState(w.t.dbFile);
    for (const [what, res] of [
      ['no header', await fromElsewhere(w, newUnit(w), admin)],
      ['an empty header', await send(w.t, newUnit(w), cookieOnly(admin))],
      ['a made-up token', await send(w.t, newUnit(w), { ...admin, csrf: 'A'.repeat(admin.csrf.length) })],
      ["another session's token", await send(w.t, newUnit(w), { ...admin, csrf: other.csrf })],
    ] as const) {
      expect({ what, status: res.statusCode, body: res.json() }).toEqual({ what, status: 403, body: { code: 'E_CSRF', message: expect.any(String) } });
    }
    expect(dbState(w.t.dbFile)).toEqual(before);
  });

  it('work with it, audited as the token', async () => {
    const admin = await signIn((await ownWorld()).t, w.admin);
    const res = await send(w.t, newUnit(w), admin);
    expect(res.statusCode).toBe(201);
    const [entry] = await w.t.store.read.audit.list({ limit: 1, offset: 0, action: 'unit.create' });
    expect(entry).toMatchObject({ actor: `token:${tokenId(w, 'admin')}`, target: `unit #${res.json().unit.id}` });
  });

  it('go by the bearer header when both come: no CSRF needed, and a wrong token is refused whatever the cookie', async () => {
    const admin = await signIn((await ownWorld()).t, w.admin);
    const both = (session: BrowserSession, bearer: string) =>
      w.t.app.inject({ method: 'POST', url: '/api/v1/units', cookies: { zhengban_session: session.cookie }, headers: { authorization: `Bearer ${bearer}` }, payload: newUnit(w).body as object });
    expect((await both(w.viewerSession, w.admin)).statusCode).toBe(201);
    const wrong = await both(admin, 'zba_not-a-token');
    expect([wrong.statusCode, wrong.json().code]).toEqual([401, 'E_AUTH_INVALID']);
  });
});

describe('the end of a session', () => {
  it('comes with sign-out (which needs the CSRF header): the row is deleted, the cookie cleared, the token still works', async () => {
    const viewer = await signIn((await ownWorld()).t, w.viewer);
    const signOut = { method: 'DELETE' as const, url: '/api/v1/session' };
    expect((await fromElsewhere(w, signOut, viewer)).json().code).toBe('E_CSRF');
    expect((await send(w.t, { method: 'GET', url: '/api/v1/session' }, viewer)).statusCode).toBe(200);
    const rows = sessionRows(w).length;

    const res = await send(w.t, signOut, viewer);
    expect([res.statusCode, res.body]).toEqual([204, '']);
    expect(res.cookies).toEqual([expect.objectContaining({ name: 'zhengban_session', value: '', maxAge: 0, path: '/' })]);
    expect(sessionRows(w).length).toBe(rows - 1);
    const [entry] = await w.t.store.read.audit.list({ limit: 1, offset: 0, action: 'session.' });
    expect(entry).toMatchObject({ action: 'session.delete', actor: `token:${tokenId(w, 'viewer')}` });

    for (const url of ['/api/v1/session', '/api/v1/units']) {
      const after = await send(w.t, { method: 'GET', url }, viewer);
      expect({ url, status: after.statusCode, code: after.json().code }).toEqual({ url, status: 401, code: 'E_SESSION_INVALID' });
      // The browser is told to drop the dead cookie.
      expect(after.cookies).toEqual([expect.objectContaining({ name: 'zhengban_session', maxAge: 0 })]);
    }
    expect((await send(w.t, { method: 'GET', url: '/api/v1/units' }, w.viewer)).statusCode).toBe(200);
    expect((await send(w.t, { method: 'GET', url: '/api/v1/units' }, w.viewerSession)).statusCode).toBe(200);
  });

  it('comes 12 hours after sign-in, however busy the session was; the expired row is deleted when seen', async () => {
    const start = (await ownWorld()).t.clock.now;
    const viewer = await signIn(w.t, w.viewer);
    const at = (ms: number) => {
      w.t.clock.now = new Date(start.getTime() + ms);
      return send(w.t, { method: 'GET', url: '/api/v1/units' }, viewer);
    };
    expect((await at(3_600_000)).statusCode).toBe(200);
    expect((await at(TWELVE_HOURS_MS - 1)).statusCode).toBe(200);
    const rows = sessionRows(w).length;
    const expired = await at(TWELVE_HOURS_MS);
    expect([expired.statusCode, expired.json().code]).toEqual([401, 'E_SESSION_INVALID']);
    expect(sessionRows(w).length).toBe(rows - 1);
  });

  it('comes when its API token is gone, and with it every session of that token', async () => {
    const viewer = await signIn((await ownWorld()).t, w.viewer);
    const viewerTokenId = tokenId(w, 'viewer');
    expect(sessionRows(w).filter((s) => s.admin_token_id === viewerTokenId)).toHaveLength(2);
    // There is no revoke command yet: the token's row is deleted as one would.
    const db = new Database(w.t.dbFile);
    try {
      db.pragma('foreign_keys = ON');
      db.prepare('DELETE FROM admin_tokens WHERE id = ?').run(viewerTokenId);
    } finally {
      db.close();
    }
    for (const session of [viewer, w.viewerSession]) {
      const res = await send(w.t, { method: 'GET', url: '/api/v1/machines' }, session);
      expect([res.statusCode, res.json().code]).toEqual([401, 'E_SESSION_INVALID']);
    }
    expect(sessionRows(w).filter((s) => s.admin_token_id === viewerTokenId)).toEqual([]);
  });
});
