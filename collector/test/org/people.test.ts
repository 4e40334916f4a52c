import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { Person } from '../../src/schema/units.js';
import { call, lastAudit, orgWorld, snapshotDb, type OrgWorld } from './org-helper.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await orgWorld();
});
afterEach(() => w.t.close());

const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => call(w.t, w.admin, method, url, body);
const zhang = { role: 'first-responsible', name: '张三', title: '局长', phone: '0571-87000001' };

async function addZhang(): Promise<number> {
  return (await admin('POST', `/units/${w.ids.finance}/people`, zhang)).json().person.id;
}

describe('POST /units/:id/people', () => {
  it('adds a person, several per role, and audits it', async () => {
    const res = await admin('POST', `/units/${w.ids.finance}/people`, zhang);
    expect(res.statusCode).toBe(201);
    const person = assertValid(Person, res.json().person, 'person');
    expect(person).toMatchObject({ unitId: w.ids.finance, role: 'first-responsible', name: '张三', title: '局长', phone: '0571-87000001' });
    expect(lastAudit(w.t.dbFile)).toMatchObject({ actor: 'token:1', action: 'person.create', target: `person #${person.id}`, detail: { after: { name: '张三' } } });
    await admin('POST', `/units/${w.ids.finance}/people`, { role: 'contact', name: '李四', phone: '+86 138 0000 0001' });
    await admin('POST', `/units/${w.ids.finance}/people`, { role: 'contact', name: '赵六', phone: '(0571) 87000002' });
    const list = (await admin('GET', `/units/${w.ids.finance}/people`)).json();
    expect(list.people.map((p: { name: string; title: string | null }) => [p.name, p.title])).toEqual([
      ['张三', '局长'],
      ['李四', null],
      ['赵六', null],
    ]);
  });

  it.each([
    [{ ...zhang, phone: 'call me' }, 400, 'E_SCHEMA'],
    [{ ...zhang, phone: '12' }, 400, 'E_SCHEMA'],
    [{ ...zhang, phone: '+-- ()' }, 400, 'E_INVALID'],
    [{ ...zhang, role: 'boss' }, 400, 'E_SCHEMA'],
    [{ ...zhang, name: '' }, 400, 'E_SCHEMA'],
    [{ ...zhang, name: '  ' }, 400, 'E_INVALID'],
    [{ role: 'contact', name: '李四' }, 400, 'E_SCHEMA'],
  ])('refuses %j and writes nothing', async (body, status, code) => {
    const before = snapshotDb(w.t.dbFile);
    const res = await admin('POST', `/units/${w.ids.finance}/people`, body);
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });

  it('answers 404 for a missing unit and writes nothing', async () => {
    const before = snapshotDb(w.t.dbFile);
    expect((await admin('POST', '/units/999/people', zhang)).statusCode).toBe(404);
    expect((await admin('GET', '/units/999/people')).statusCode).toBe(404);
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });
});

describe('PATCH /people/:id', () => {
  it('edits a person and records only what changed', async () => {
    const id = await addZhang();
    const res = await admin('PATCH', `/people/${id}`, { phone: '13900000000', role: 'leader-in-charge' });
    expect(res.statusCode).toBe(200);
    expect(res.json().person).toMatchObject({ id, name: '张三', phone: '13900000000', role: 'leader-in-charge', title: '局长' });
    expect(lastAudit(w.t.dbFile)).toEqual({
      actor: 'token:1',
      action: 'person.update',
      target: `person #${id}`,
      detail: {
        unitId: w.ids.finance,
        before: { phone: '0571-87000001', role: 'first-responsible' },
        after: { phone: '13900000000', role: 'leader-in-charge' },
      },
    });
    expect((await admin('PATCH', `/people/${id}`, { title: '' })).json().person.title).toBeNull();
  });

  it('refuses bad input and a missing person, writing nothing', async () => {
    const id = await addZhang();
    const before = snapshotDb(w.t.dbFile);
    expect((await admin('PATCH', `/people/${id}`, { phone: 'x' })).json().code).toBe('E_SCHEMA');
    expect((await admin('PATCH', `/people/${id}`, { unitId: 3, role: 'nobody' })).json().code).toBe('E_SCHEMA');
    expect((await admin('PATCH', '/people/999', { name: '某' })).statusCode).toBe(404);
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });
});

describe('GET and DELETE /people/:id', () => {
  it('shows and removes a person, and audits the removal', async () => {
    const id = await addZhang();
    expect((await admin('GET', `/people/${id}`)).json()).toMatchObject({ id, name: '张三' });
    const res = await admin('DELETE', `/people/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().person).toMatchObject({ id, name: '张三' });
    expect(lastAudit(w.t.dbFile)).toMatchObject({ action: 'person.delete', target: `person #${id}`, detail: { before: { name: '张三' } } });
    expect((await admin('GET', `/people/${id}`)).statusCode).toBe(404);
    expect((await admin('DELETE', `/people/${id}`)).statusCode).toBe(404);
  });
});
