import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helper.js';
import { ACCESS_TABLE } from './access-table.js';
import { requestsOf } from './cases.js';
import { casesOf, expectRefusal } from './expect.js';
import { dbState, send, signIn } from './requests.js';
import { registeredRoutes } from './routes.js';
import { buildWorld, type World } from './world.js';

/** Every registered route has an access case, so a new route cannot slip in untested. */
describe('the access table', () => {
  let t: TestApp;
  let routes: string[];
  beforeAll(async () => {
    t = await testApp();
    routes = registeredRoutes(t.app);
  });
  afterAll(() => t.close());

  it('reads the routes the app registers (the listing is understood)', () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const known of ['GET /healthz', 'POST /api/v1/enroll', 'GET /api/v1/machines/:id/moves', 'GET /api/v1/licences.csv', 'GET /docs/static/*']) {
      expect(routes).toContain(known);
    }
  });

  it('has a case for every registered route, and no case for a route that is gone', () => {
    const registered = routes.filter((r) => !r.startsWith('HEAD '));
    const cased = Object.keys(ACCESS_TABLE).sort();
    expect({ withoutCase: registered.filter((r) => !cased.includes(r)) }).toEqual({ withoutCase: [] });
    expect({ routeGone: cased.filter((r) => !registered.includes(r)) }).toEqual({ routeGone: [] });
  });

  it('has only HEAD routes that are the twins of GET routes (tested with them)', () => {
    const heads = routes.filter((r) => r.startsWith('HEAD ')).map((r) => r.replace(/^HEAD /, 'GET '));
    expect(heads.filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('gives every public route a reason', () => {
    for (const [route, c] of casesOf('public')) expect({ route, why: c.why.length > 20 }).toEqual({ route, why: true });
  });
});

describe('without a bearer token', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
  });
  afterAll(() => w.t.close());

  it.each(casesOf('public'))('%s answers as designed: no token needed', async (_route, c) => {
    const req = c.probe(w);
    const res = await send(w.t, req);
    expect({ url: req.url, status: res.statusCode }).toEqual({ url: req.url, status: c.status });
    if (res.headers['content-type']?.startsWith('application/json') && res.statusCode >= 400) {
      expect(res.json().code).not.toMatch(/^E_AUTH_/);
      if (c.code) expect(res.json().code).toBe(c.code);
    }
  });

  const guarded = Object.entries(ACCESS_TABLE).filter(([, c]) => c.kind !== 'public' && c.kind !== 'session');
  const deadSession = { cookie: 'not-a-session', csrf: 'not-a-csrf-token' };

  it.each(guarded)('%s: no token → 401 E_AUTH_REQUIRED, a wrong one → 401 E_AUTH_INVALID, a dead session → 401 E_SESSION_INVALID, nothing written', async (_route, c) => {
    const before = dbState(w.t.dbFile);
    for (const m of requestsOf(c)) {
      const req = m(w);
      expectRefusal(await send(w.t, req), req, 401, 'E_AUTH_REQUIRED');
      expectRefusal(await send(w.t, req, 'zba_not-a-real-token'), req, 401, 'E_AUTH_INVALID');
      expectRefusal(await send(w.t, req, deadSession), req, 401, 'E_SESSION_INVALID');
      if (req.method === 'GET') expect((await send(w.t, { ...req, method: 'HEAD' })).statusCode).toBe(401);
    }
    expect(dbState(w.t.dbFile)).toEqual(before);
  });

  it.each(casesOf('session'))("%s: the session cookie alone: none → 401 E_AUTH_REQUIRED (even with a good bearer token), a dead one → 401 E_SESSION_INVALID, the viewer's → its status", async (_route, c) => {
    const req = c.request(w);
    const before = dbState(w.t.dbFile);
    expectRefusal(await send(w.t, req), req, 401, 'E_AUTH_REQUIRED');
    expectRefusal(await send(w.t, req, w.admin), req, 401, 'E_AUTH_REQUIRED');
    expectRefusal(await send(w.t, req, deadSession), req, 401, 'E_SESSION_INVALID');
    expect(dbState(w.t.dbFile)).toEqual(before);
    // A session of its own: DELETE signs out, and the world's viewer session must outlive it.
    const res = await send(w.t, req, await signIn(w.t, w.viewer));
    expect({ url: req.url, status: res.statusCode }).toEqual({ url: req.url, status: c.status });
  });
});
