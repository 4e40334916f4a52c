import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MachineList, assertValid } from '@zhengban/shared';
import { MachineDetail } from '../../src/schema/machine-detail.js';
import { call, lastAudit, orgWorld, type OrgWorld } from '../org/org-helper.js';
import { labelState } from './label-helper.js';

/** PATCH /machines/:id sets a machine's user (使用人) and asset number (资产编号); list and detail show them. */

let w: OrgWorld;
beforeEach(async () => {
  w = await orgWorld();
});
afterEach(() => w.t.close());

const patch = (id: string, body: unknown, token = w.admin) => call(w.t, token, 'PATCH', `/machines/${id}`, body);

describe('PATCH /machines/:id', () => {
  it('sets both, trimmed, answers the machine, and audits the change', async () => {
    const id = w.machines.finance.agentId;
    const res = await patch(id, { user: ' 张三\u3000', assetNumber: 'ZC-2024-0012 ' });
    expect(res.statusCode).toBe(200);
    expect(assertValid(MachineDetail, res.json(), 'detail')).toMatchObject({ machineId: id, hostname: 'cz-01', user: '张三', assetNumber: 'ZC-2024-0012' });
    expect(lastAudit(w.t.dbFile)).toEqual({
      actor: 'token:1',
      action: 'machine.update',
      target: `machine ${id}`,
      detail: { before: { user: null, assetNumber: null }, after: { user: '张三', assetNumber: 'ZC-2024-0012' } },
    });
  });

  it('leaves an absent field as it is, clears with null or an empty text, and audits only what changed', async () => {
    const id = w.machines.finance.agentId;
    await patch(id, { user: '张三', assetNumber: 'ZC-1' });
    expect((await patch(id, { user: '李四' })).json()).toMatchObject({ user: '李四', assetNumber: 'ZC-1' });
    expect(lastAudit(w.t.dbFile).detail).toEqual({ before: { user: '张三' }, after: { user: '李四' } });
    expect((await patch(id, { assetNumber: null })).json()).toMatchObject({ user: '李四', assetNumber: null });
    expect((await patch(id, { user: '  ' })).json()).toMatchObject({ user: null, assetNumber: null });
    const audited = labelState(w.t.dbFile).audit.length;
    expect((await patch(id, {})).statusCode).toBe(200);
    expect((await patch(id, { user: '' })).statusCode).toBe(200);
    expect(labelState(w.t.dbFile).audit).toHaveLength(audited);
  });

  it('refuses an asset number another machine holds, whatever its ASCII case, with 409 naming the holder', async () => {
    await patch(w.machines.finance.agentId, { assetNumber: 'ZC-0001' });
    const before = labelState(w.t.dbFile);
    const res = await patch(w.machines.education.agentId, { user: '王五', assetNumber: 'zc-0001' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ code: 'E_CONFLICT', message: expect.stringContaining('the asset number zc-0001 is already') });
    expect(res.json().message).toContain(`machine ${w.machines.finance.agentId} (cz-01)`);
    expect(labelState(w.t.dbFile)).toEqual(before);
    // Its own number again is no conflict.
    expect((await patch(w.machines.finance.agentId, { assetNumber: 'zc-0001' })).json().assetNumber).toBe('zc-0001');
  });

  it.each([
    ['a user longer than 50 characters', { user: '张'.repeat(51) }, 'E_SCHEMA'],
    ['an asset number longer than 64 characters', { assetNumber: 'A'.repeat(65) }, 'E_SCHEMA'],
    ['a number', { assetNumber: 12 }, 'E_SCHEMA'],
    ['an unknown field', { owner: '张三' }, 'E_SCHEMA'],
    ['a line break inside', { user: '张\n三' }, 'E_INVALID'],
    ['a zero-width space', { assetNumber: 'ZC-\u200B1' }, 'E_INVALID'],
  ])('refuses %s with 400 and writes nothing', async (_what, body, code) => {
    const before = labelState(w.t.dbFile);
    const res = await patch(w.machines.finance.agentId, body);
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 400, code });
    expect(labelState(w.t.dbFile)).toEqual(before);
  });

  it('answers 404 for an unknown machine', async () => {
    expect((await patch('ag_nobody', { user: '某人' })).json()).toEqual({ code: 'E_NOT_FOUND', message: 'machine ag_nobody was not found' });
  });

  it('refuses a viewer with 403, inside its unit and outside, and writes nothing', async () => {
    const before = labelState(w.t.dbFile);
    for (const id of [w.machines.finance.agentId, w.machines.education.agentId, 'ag_nobody']) {
      const res = await patch(id, { user: '某人' }, w.viewer);
      expect({ id, status: res.statusCode, code: res.json().code }).toEqual({ id, status: 403, code: 'E_FORBIDDEN' });
    }
    expect(labelState(w.t.dbFile)).toEqual(before);
  });
});

describe('machine views', () => {
  beforeEach(async () => {
    await patch(w.machines.finance.agentId, { user: '张三', assetNumber: 'ZC-0001' });
    await patch(w.machines.education.agentId, { user: '王五', assetNumber: 'ZC-0002' });
  });

  it('show user and asset number in the list and the detail, null where unset', async () => {
    const list = assertValid(MachineList, (await call(w.t, w.admin, 'GET', '/machines')).json(), 'list');
    expect(list.machines.map((m) => [m.hostname, m.user, m.assetNumber])).toEqual([
      ['bg-01', null, null],
      ['cz-01', '张三', 'ZC-0001'],
      ['cz-02', null, null],
      ['jy-01', '王五', 'ZC-0002'],
      ['sz-01', null, null],
    ]);
    const detail = assertValid(MachineDetail, (await call(w.t, w.admin, 'GET', `/machines/${w.machines.education.agentId}`)).json(), 'detail');
    expect(detail).toMatchObject({ user: '王五', assetNumber: 'ZC-0002' });
  });

  it('find a machine by asset number, ASCII case ignored', async () => {
    const res = await call(w.t, w.admin, 'GET', '/machines?assetNumber=zc-0002');
    expect(res.json()).toMatchObject({ total: 1, machines: [{ hostname: 'jy-01', assetNumber: 'ZC-0002' }] });
    expect((await call(w.t, w.admin, 'GET', '/machines?assetNumber=ZC-9999')).json()).toEqual({ machines: [], total: 0 });
  });

  it("show a viewer the labels of its subtree's machines only", async () => {
    const list = (await call(w.t, w.viewer, 'GET', '/machines')).json() as MachineList;
    expect(list.machines.map((m) => [m.hostname, m.user])).toEqual([['bg-01', null], ['cz-01', '张三'], ['cz-02', null]]);
    expect((await call(w.t, w.viewer, 'GET', '/machines?assetNumber=ZC-0002')).json()).toEqual({ machines: [], total: 0 });
    expect((await call(w.t, w.viewer, 'GET', `/machines/${w.machines.finance.agentId}`)).json()).toMatchObject({ user: '张三', assetNumber: 'ZC-0001' });
  });
});
