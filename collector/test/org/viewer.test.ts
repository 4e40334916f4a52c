import { beforeAll, describe, expect, it } from 'vitest';
import { call, orgWorld, snapshotDb, tokenFor, type OrgWorld } from './org-helper.js';

/** The viewer sees 财政局 and 财政局办公室, not 市 or 教育局; it writes nothing anywhere. */
let w: OrgWorld;
let people: { finance: number; education: number };
beforeAll(async () => {
  w = await orgWorld();
  const add = async (unitId: number, name: string) =>
    (await call(w.t, w.admin, 'POST', `/units/${unitId}/people`, { role: 'contact', name, phone: '13800000000' })).json().person.id as number;
  people = { finance: await add(w.ids.finance, '李四'), education: await add(w.ids.education, '王五') };
  return () => w.t.close();
});

const viewer = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => call(w.t, w.viewer, method, url, body);

describe('a viewer reads its subtree only', () => {
  it('lists its unit and subunits with their people', async () => {
    const res = await viewer('GET', '/units');
    expect(res.statusCode).toBe(200);
    const units = res.json().units as { name: string; people: { name: string }[] }[];
    expect(units.map((u) => u.name)).toEqual(['财政局', '财政局办公室']);
    expect(units[0]!.people.map((p) => p.name)).toEqual(['李四']);
  });

  it('reads units, people and machines inside', async () => {
    expect((await viewer('GET', `/units/${w.ids.office}`)).statusCode).toBe(200);
    expect((await viewer('GET', `/units/${w.ids.finance}/people`)).json().people).toHaveLength(1);
    expect((await viewer('GET', `/people/${people.finance}`)).statusCode).toBe(200);
    expect((await viewer('GET', `/machines/${w.machines.office.agentId}/moves`)).json()).toEqual({ moves: [] });
  });

  it.each([
    ['the parent unit', () => `/units/${w.ids.city}`],
    ['a sibling unit', () => `/units/${w.ids.education}`],
    ["a sibling's people", () => `/units/${w.ids.education}/people`],
    ['a person outside', () => `/people/${people.education}`],
    ["an outside machine's moves", () => `/machines/${w.machines.education.agentId}/moves`],
    ["the parent's machine's moves", () => `/machines/${w.machines.city.agentId}/moves`],
  ])('answers 404 for %s, as if it did not exist', async (_what, url) => {
    const res = await viewer('GET', url());
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('E_NOT_FOUND');
  });

  it('loses sight of a machine moved out of its subtree, and sees one moved in', async () => {
    await call(w.t, w.admin, 'POST', `/machines/${w.machines.finance2.agentId}/move`, { unitId: w.ids.education });
    expect((await viewer('GET', `/machines/${w.machines.finance2.agentId}/moves`)).statusCode).toBe(404);
    await call(w.t, w.admin, 'POST', `/machines/${w.machines.finance2.agentId}/move`, { unitId: w.ids.office });
    expect((await viewer('GET', `/machines/${w.machines.finance2.agentId}/moves`)).json().moves).toHaveLength(2);
  });

  it('is refused the audit log', async () => {
    const res = await viewer('GET', '/audit');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('E_FORBIDDEN');
  });
});

describe('a viewer writes nothing', () => {
  const writes: [string, 'POST' | 'PATCH' | 'DELETE', () => string, () => unknown][] = [
    ['create a unit', 'POST', () => '/units', () => ({ name: '新局', parentId: w.ids.finance })],
    ['edit its own unit', 'PATCH', () => `/units/${w.ids.finance}`, () => ({ headcount: 5 })],
    ['re-parent its subunit', 'PATCH', () => `/units/${w.ids.office}`, () => ({ parentId: w.ids.education })],
    ['edit an outside unit', 'PATCH', () => `/units/${w.ids.education}`, () => ({ name: 'x' })],
    ['delete its subunit', 'DELETE', () => `/units/${w.ids.office}`, () => undefined],
    ['delete a missing unit', 'DELETE', () => '/units/999', () => undefined],
    ['add a person', 'POST', () => `/units/${w.ids.finance}/people`, () => ({ role: 'contact', name: '某', phone: '13800000000' })],
    ['add a person outside', 'POST', () => `/units/${w.ids.education}/people`, () => ({ role: 'contact', name: '某', phone: '13800000000' })],
    ['edit a person', 'PATCH', () => `/people/${people.finance}`, () => ({ name: '某' })],
    ['remove a person', 'DELETE', () => `/people/${people.finance}`, () => undefined],
    ['remove a person outside', 'DELETE', () => `/people/${people.education}`, () => undefined],
    ['move its machine inside', 'POST', () => `/machines/${w.machines.finance.agentId}/move`, () => ({ unitId: w.ids.office })],
    ['move its machine out', 'POST', () => `/machines/${w.machines.finance.agentId}/move`, () => ({ unitId: w.ids.education })],
    ['move an outside machine in', 'POST', () => `/machines/${w.machines.education.agentId}/move`, () => ({ unitId: w.ids.finance })],
  ];

  it.each(writes)('%s: 403 E_FORBIDDEN, nothing written', async (_what, method, url, body) => {
    const before = snapshotDb(w.t.dbFile);
    const res = await viewer(method, url(), body());
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('E_FORBIDDEN');
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });
});

describe('a viewer of a leaf unit', () => {
  it('sees only that unit', async () => {
    const leaf = await tokenFor(w.t, 'viewer', w.ids.office);
    const units = (await call(w.t, leaf, 'GET', '/units')).json().units as { name: string }[];
    expect(units.map((u) => u.name)).toEqual(['财政局办公室']);
    expect((await call(w.t, leaf, 'GET', `/units/${w.ids.finance}`)).statusCode).toBe(404);
  });
});
