import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { UnitList, UnitView, UnitWriteResult } from '../../src/schema/units.js';
import { enrollmentToken } from '../helper.js';
import { call, lastAudit, orgWorld, snapshotDb, type OrgWorld } from './org-helper.js';
import { createAdminToken } from '../../src/service/token-service.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await orgWorld();
});
afterEach(() => w.t.close());

const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => call(w.t, w.admin, method, url, body);

describe('GET /units', () => {
  it('lists every unit for an admin with its people and machine count', async () => {
    await admin('POST', `/units/${w.ids.finance}/people`, { role: 'contact', name: '李四', phone: '0571-8888 1234' });
    const res = await admin('GET', '/units');
    expect(res.statusCode).toBe(200);
    const { units } = assertValid(UnitList, res.json(), 'units');
    expect(units.map((u) => [u.name, u.parentId, u.machines, u.people.length])).toEqual([
      ['市', null, 1, 0],
      ['教育局', w.ids.city, 1, 0],
      ['财政局', w.ids.city, 2, 1],
      ['财政局办公室', w.ids.finance, 1, 0],
    ]);
  });

  it('shows a unit an enrollment token created, with updatedAt filled', async () => {
    await enrollmentToken(w.t.store, '新单位');
    const unit = ((await admin('GET', '/units')).json().units as UnitView[]).find((u) => u.name === '新单位');
    expect(unit).toMatchObject({ parentId: null, kind: 'department', updatedAt: unit?.createdAt, machines: 0 });
  });

  it('shows one unit', async () => {
    const res = await admin('GET', `/units/${w.ids.office}`);
    expect(res.statusCode).toBe(200);
    expect(assertValid(UnitView, res.json(), 'unit')).toMatchObject({ name: '财政局办公室', kind: 'other', parentId: w.ids.finance, machines: 1 });
    expect((await admin('GET', '/units/999')).statusCode).toBe(404);
    expect((await admin('GET', '/units/abc')).json().code).toBe('E_SCHEMA');
  });
});

describe('POST /units', () => {
  it('keeps what a unit is: an office, a public institution or an enterprise; PATCH changes or clears it', async () => {
    const { unit } = (await admin('POST', '/units', { name: '县教研室', parentId: w.ids.city, sector: 'institution' })).json();
    expect(unit.sector).toBe('institution');
    expect((await admin('PATCH', `/units/${unit.id}`, { sector: 'enterprise' })).json().unit.sector).toBe('enterprise');
    expect((await admin('PATCH', `/units/${unit.id}`, { sector: null })).json().unit.sector).toBeNull();
  });

  it('creates a unit with its fields and audits it', async () => {
    const res = await admin('POST', '/units', { name: '审计局', parentId: w.ids.city, kind: 'department', code: '11330100MB1234567X', headcount: 42 });
    expect(res.statusCode).toBe(201);
    const { unit, rejudged } = assertValid(UnitWriteResult, res.json(), 'created');
    expect(unit).toMatchObject({ name: '审计局', parentId: w.ids.city, code: '11330100MB1234567X', headcount: 42, machines: 0, people: [] });
    expect(rejudged).toBeUndefined();
    expect(lastAudit(w.t.dbFile)).toMatchObject({ actor: 'token:1', action: 'unit.create', target: `unit #${unit.id}`, detail: { after: { name: '审计局', headcount: 42 } } });
  });

  it('defaults to a top-level department', async () => {
    const { unit } = (await admin('POST', '/units', { name: '审计局' })).json();
    expect(unit).toMatchObject({ parentId: null, kind: 'department', sector: null, code: null, headcount: null });
    expect(unit.updatedAt).toBe(unit.createdAt);
  });

  it.each([
    [{ name: '财政局' }, 409, 'E_CONFLICT'],
    [{ name: ' 财政局 ' }, 409, 'E_CONFLICT'],
    [{ name: '新局', parentId: 999 }, 404, 'E_NOT_FOUND'],
    [{ name: '   ' }, 400, 'E_INVALID'],
    [{ name: '' }, 400, 'E_SCHEMA'],
    [{ name: '新局', kind: 'village' }, 400, 'E_SCHEMA'],
    [{ name: '新局', sector: 'school' }, 400, 'E_SCHEMA'],
    [{ name: '新局', headcount: -1 }, 400, 'E_SCHEMA'],
    [{ name: '新局', parentId: -1 }, 400, 'E_SCHEMA'],
    [{ name: '新局', parentId: 'x' }, 400, 'E_SCHEMA'],
    [{ parentId: 1 }, 400, 'E_SCHEMA'],
  ])('refuses %j with %i %s and writes nothing', async (body, status, code) => {
    const before = snapshotDb(w.t.dbFile);
    const res = await admin('POST', '/units', body);
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
    expect(res.json().message).toEqual(expect.any(String));
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });
});

describe('PATCH /units/:id', () => {
  it('renames and edits without re-judging, recording before and after', async () => {
    const res = await admin('PATCH', `/units/${w.ids.finance}`, { name: '财政厅', headcount: 80, code: 'C-1' });
    expect(res.statusCode).toBe(200);
    const body = assertValid(UnitWriteResult, res.json(), 'updated');
    expect(body.unit).toMatchObject({ id: w.ids.finance, name: '财政厅', headcount: 80, code: 'C-1', machines: 2 });
    expect(body.rejudged).toBeUndefined();
    expect(lastAudit(w.t.dbFile)).toEqual({
      actor: 'token:1',
      action: 'unit.update',
      target: `unit #${w.ids.finance}`,
      detail: { before: { name: '财政局', code: null, headcount: null }, after: { name: '财政厅', code: 'C-1', headcount: 80 } },
    });
  });

  it('moves a unit under another parent and re-judges', async () => {
    const res = await admin('PATCH', `/units/${w.ids.office}`, { parentId: w.ids.education });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unit: { parentId: w.ids.education }, rejudged: { machines: expect.any(Number) } });
    expect(lastAudit(w.t.dbFile).detail).toEqual({ before: { parentId: w.ids.finance }, after: { parentId: w.ids.education } });
    const top = await admin('PATCH', `/units/${w.ids.office}`, { parentId: null });
    expect(top.json()).toMatchObject({ unit: { parentId: null }, rejudged: expect.any(Object) });
  });

  it('writes nothing for a patch that changes nothing', async () => {
    const before = snapshotDb(w.t.dbFile);
    const res = await admin('PATCH', `/units/${w.ids.finance}`, { name: '财政局', parentId: w.ids.city });
    expect(res.statusCode).toBe(200);
    expect(res.json().rejudged).toBeUndefined();
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });

  it.each([
    ['itself', () => ({ parentId: w.ids.finance })],
    ['its child', () => ({ parentId: w.ids.office })],
  ])('refuses a cycle (under %s) with 409 and writes nothing', async (_what, body) => {
    const before = snapshotDb(w.t.dbFile);
    const res = await admin('PATCH', `/units/${w.ids.finance}`, body());
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ code: 'E_CONFLICT', message: expect.stringContaining('财政局') });
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });

  it('refuses the city under its grandchild', async () => {
    const res = await admin('PATCH', `/units/${w.ids.city}`, { parentId: w.ids.office });
    expect(res.json().code).toBe('E_CONFLICT');
  });

  it.each([
    [() => `/units/${w.ids.finance}`, { name: '教育局' }, 409, 'E_CONFLICT'],
    [() => `/units/${w.ids.finance}`, { parentId: 999 }, 404, 'E_NOT_FOUND'],
    [() => '/units/999', { name: '新' }, 404, 'E_NOT_FOUND'],
    [() => `/units/${w.ids.finance}`, { name: ' ' }, 400, 'E_INVALID'],
    [() => `/units/${w.ids.finance}`, { headcount: 1.5 }, 400, 'E_SCHEMA'],
    [() => `/units/${w.ids.finance}`, { kind: 'planet' }, 400, 'E_SCHEMA'],
  ])('refuses bad input with %#: nothing written', async (url, body, status, code) => {
    const before = snapshotDb(w.t.dbFile);
    const res = await admin('PATCH', url(), body);
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });
});

describe('DELETE /units/:id', () => {
  it('deletes an unused unit with its people and audits it', async () => {
    const { unit } = (await admin('POST', '/units', { name: '临时组', parentId: w.ids.city })).json();
    await admin('POST', `/units/${unit.id}/people`, { role: 'contact', name: '王五', phone: '13800000000' });
    const res = await admin('DELETE', `/units/${unit.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unit: { id: unit.id, name: '临时组', people: [{ name: '王五' }] } });
    expect((await admin('GET', `/units/${unit.id}`)).statusCode).toBe(404);
    expect(snapshotDb(w.t.dbFile).people).toEqual([]);
    expect(lastAudit(w.t.dbFile)).toMatchObject({ action: 'unit.delete', detail: { before: { name: '临时组', people: [{ name: '王五' }] } } });
  });

  it.each([
    ['subunits', () => w.ids.city, /subunits/],
    ['machines', () => w.ids.education, /1 machines/],
    ['tokens', () => w.ids.office, /enrollment tokens/],
  ])('refuses a unit that still has %s with 409 E_IN_USE and writes nothing', async (_what, id, message) => {
    const before = snapshotDb(w.t.dbFile);
    const res = await admin('DELETE', `/units/${id()}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ code: 'E_IN_USE', message: expect.stringMatching(message) });
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });

  it('refuses a unit named by an admin token, and answers 404 for a missing one', async () => {
    const { unit } = (await admin('POST', '/units', { name: '临时组' })).json();
    await createAdminToken(w.t.store, { tokenHash: 'h', role: 'viewer', unitId: unit.id, createdAt: new Date().toISOString(), actor: 'test' });
    expect((await admin('DELETE', `/units/${unit.id}`)).json()).toEqual({ code: 'E_IN_USE', message: expect.stringMatching(/admin tokens/) });
    expect((await admin('DELETE', '/units/999')).statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the unit, people, move and audit routes', async () => {
    const doc = (await w.t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const path of ['/api/v1/units', '/api/v1/units/{id}', '/api/v1/units/{id}/people', '/api/v1/people/{id}', '/api/v1/machines/{id}/move', '/api/v1/machines/{id}/moves', '/api/v1/audit']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/units/{id}'].patch).toMatchObject({ tags: ['units'], summary: expect.any(String) });
  });
});
