import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { casesOf, expectShows } from './expect.js';
import { asHead, dbState, send, type Req } from './requests.js';
import { buildWorld, copyOfWorld, type World } from './world.js';

/** An admin reads and changes everything, inside the viewer's subtree and outside it. */

describe('an admin reads everything', () => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld();
  });
  afterAll(() => w.t.close());
  const asAdmin = (req: Req) => send(w.t, req, w.admin);

  it.each(casesOf('scoped-read'))('%s: inside and outside 200', async (_route, c) => {
    for (const make of [...c.inside, ...c.outside]) {
      const req = make(w);
      expect({ url: req.url, status: (await asAdmin(req)).statusCode }).toEqual({ url: req.url, status: 200 });
      expect({ url: req.url, head: (await asAdmin(asHead(req))).statusCode }).toEqual({ url: req.url, head: 200 });
    }
  });

  it.each(casesOf('scoped-list'))('%s: lists inside and outside', async (_route, c) => {
    for (const probe of c.probes) {
      const req = probe.request(w);
      expectShows(await asAdmin(req), req, [...probe.inside, ...probe.outside], []);
    }
  });

  it.each(casesOf('global-read'))('%s: 200', async (_route, c) => {
    for (const make of c.requests) expect((await asAdmin(make(w))).statusCode).toBe(200);
  });

  it.each(casesOf('admin-read'))('%s: 200', async (_route, c) => {
    const res = await asAdmin(c.request(w));
    expect(res.statusCode).toBe(200);
    if (_route !== 'GET /api/v1/audit') return;
    // The world was built through the API, so its writes are all there, outside units' too.
    const actions = (res.json().entries as { action: string; target: string | null }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['unit.create', 'person.create', 'licence.create', 'licence.document', 'licence.event', 'list.create', 'machine.move']));
  });
});

describe('an admin writes everything', () => {
  // Each write on its own copy of one world, so no write depends on another.
  let original: World;
  let w: World;
  beforeAll(async () => {
    original = await buildWorld();
  });
  afterAll(() => original.t.close());
  afterEach(() => w.t.close());

  it.each(casesOf('write'))('%s: succeeds outside the viewer subtree, written and audited', async (_route, c) => {
    w = await copyOfWorld(original);
    const before = dbState(w.t.dbFile);
    const req = c.admin(w);
    const res = await send(w.t, req, w.admin);
    expect({ url: req.url, status: res.statusCode, body: res.statusCode === c.adminStatus ? '' : res.body }).toEqual({ url: req.url, status: c.adminStatus, body: '' });
    const after = dbState(w.t.dbFile);
    const audit = after.audit_log as { actor: string; action: string }[];
    if (c.audited === false) {
      expect(c.why).toEqual(expect.any(String));
      expect(audit).toEqual(before.audit_log);
    } else {
      const added = audit.slice(before.audit_log!.length);
      const adminId = (before.admin_tokens as { id: number; role: string }[]).find((t) => t.role === 'admin')!.id;
      expect(after).not.toEqual(before);
      expect(added.length).toBeGreaterThan(0);
      expect(added.map((e) => e.actor)).toEqual(added.map(() => `token:${adminId}`));
    }
  });
});
