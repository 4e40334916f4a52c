import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { casesOf, expectRefusal, expectShows } from './expect.js';
import { asHead, dbState, send, type Req } from './requests.js';
import { MARK, VIEWER_VIA, buildWorld, type World } from './world.js';

/**
 * A viewer of 甲市 reads its subtree (甲市, 甲县, 甲市空科) and nothing else: a record
 * outside answers 404 as if it did not exist, lists and exports leave it out. No read
 * writes anything. All of it holds through its bearer token and its session cookie alike.
 */
let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(() => w.t.close());

let before: ReturnType<typeof dbState>;
beforeEach(() => {
  before = dbState(w.t.dbFile);
});
afterEach(() => {
  expect(dbState(w.t.dbFile)).toEqual(before);
});

describe.each(VIEWER_VIA)('through its %s', (_via, credential) => {
  const asViewer = (req: Req) => send(w.t, req, credential(w));

  describe('records of a unit', () => {
    it.each(casesOf('scoped-read'))('%s: inside 200, outside 404 E_NOT_FOUND (GET and HEAD)', async (_route, c) => {
      for (const make of c.inside) {
        const req = make(w);
        expect({ url: req.url, status: (await asViewer(req)).statusCode }).toEqual({ url: req.url, status: 200 });
        expect({ url: req.url, head: (await asViewer(asHead(req))).statusCode }).toEqual({ url: req.url, head: 200 });
      }
      for (const make of c.outside) {
        const req = make(w);
        expectRefusal(await asViewer(req), req, 404, 'E_NOT_FOUND');
        expect({ url: req.url, head: (await asViewer(asHead(req))).statusCode }).toEqual({ url: req.url, head: 404 });
      }
    });

    it('answers an outside record exactly like a missing one, so ids do not leak', async () => {
      const outside = await asViewer({ method: 'GET', url: `/api/v1/licences/${w.licences.outside}` });
      const missing = await asViewer({ method: 'GET', url: '/api/v1/licences/9999' });
      expect([outside.statusCode, outside.json().code]).toEqual([missing.statusCode, missing.json().code]);
      expect(outside.json().message).toBe(`licence #${w.licences.outside} was not found`);
      expect(missing.json().message).toBe('licence #9999 was not found');
    });
  });

  describe('lists and exports', () => {
    it.each(casesOf('scoped-list'))('%s: shows the subtree, leaves out the rest', async (_route, c) => {
      for (const probe of c.probes) {
        const req = probe.request(w);
        expectShows(await asViewer(req), req, probe.inside, probe.outside);
        expect({ url: req.url, head: (await asViewer(asHead(req))).statusCode }).toEqual({ url: req.url, head: 200 });
      }
    });

    it('counts only what it shows', async () => {
      expect((await asViewer({ method: 'GET', url: '/api/v1/machines' })).json().total).toBe(1);
      expect((await asViewer({ method: 'GET', url: '/api/v1/licences' })).json().total).toBe(1);
      const review = (await asViewer({ method: 'GET', url: '/api/v1/review/software' })).json();
      expect(review.total).toBe(review.items.length);
      expect(review.items.every((i: { machines: number }) => i.machines === 1)).toBe(true);
    });
  });

  describe('what an inside record says about others', () => {
    it("names no outside unit or licence in its machine's detail, verdicts, changes or moves", async () => {
      const id = w.machines.inside.agentId;
      const outside = [...MARK.unitsOut, ...MARK.hostsOut, ...MARK.softwareOut, ...[w.licences.outside, w.licences.parent].flatMap((l) => [`licence #${l}`, `第 ${l} 号授权`])];
      for (const suffix of ['', '/verdicts', '/changes', '/moves']) {
        const req: Req = { method: 'GET', url: `/api/v1/machines/${id}${suffix}` };
        const shown = { '': [`licence #${w.licences.inside}`], '/verdicts': [`licence #${w.licences.inside}`], '/changes': ['Jia Viewer'], '/moves': ['甲县'] }[suffix]!;
        expectShows(await asViewer(req), req, shown, outside);
      }
    });

    it("names no outside record in an inside licence's events or document", async () => {
      for (const suffix of ['', '/events', '/document']) {
        const req: Req = { method: 'GET', url: `/api/v1/licences/${w.licences.inside}${suffix}` };
        expectShows(await asViewer(req), req, [], [...MARK.unitsOut, ...MARK.licencesOut]);
      }
    });
  });

  describe('global reference data', () => {
    it.each(casesOf('global-read'))('%s: the viewer reads it', async (_route, c) => {
      for (const make of c.requests) {
        const req = make(w);
        expect({ url: req.url, status: (await asViewer(req)).statusCode }).toEqual({ url: req.url, status: 200 });
      }
    });

    it("sees the admin's custom product and override like any other product", async () => {
      const catalog = (await asViewer({ method: 'GET', url: '/api/v1/catalog' })).json() as { products: { id: string; origin: string }[] };
      expect(catalog.products.find((p) => p.id === w.product)).toMatchObject({ origin: 'custom' });
      expect(catalog.products.find((p) => p.id === w.overridden)).toBeDefined();
    });
  });

  describe('admin-only reads', () => {
    it.each(casesOf('admin-read'))('%s: 403 E_FORBIDDEN for a viewer', async (_route, c) => {
      const req = c.request(w);
      expectRefusal(await asViewer(req), req, 403, 'E_FORBIDDEN');
      expect((await asViewer(asHead(req))).statusCode).toBe(403);
    });
  });
});
