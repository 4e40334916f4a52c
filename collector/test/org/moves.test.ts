import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { MoveResult } from '../../src/schema/units.js';
import { call, lastAudit, orgWorld, snapshotDb, type OrgWorld } from './org-helper.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await orgWorld();
});
afterEach(() => w.t.close());

const admin = (method: 'GET' | 'POST', url: string, body?: unknown) => call(w.t, w.admin, method, url, body);

describe('POST /machines/:id/move', () => {
  it('moves the machine, records the move, audits it and re-judges', async () => {
    const id = w.machines.finance.agentId;
    const res = await admin('POST', `/machines/${id}/move`, { unitId: w.ids.education, reason: '调拨' });
    expect(res.statusCode).toBe(201);
    const { move, rejudged } = assertValid(MoveResult, res.json(), 'move');
    expect(move).toMatchObject({
      machineId: id,
      fromUnitId: w.ids.finance,
      fromUnit: '财政局',
      toUnitId: w.ids.education,
      toUnit: '教育局',
      at: w.t.clock.now.toISOString(),
      actor: 'token:1',
      reason: '调拨',
    });
    expect(rejudged).toEqual(expect.objectContaining({ machines: expect.any(Number) }));
    expect((await admin('GET', `/machines/${id}`)).json().unit).toBe('教育局');
    expect(lastAudit(w.t.dbFile)).toEqual({
      actor: 'token:1',
      action: 'machine.move',
      target: `machine ${id}`,
      detail: { before: { unitId: w.ids.finance, unit: '财政局' }, after: { unitId: w.ids.education, unit: '教育局' }, reason: '调拨' },
    });
    const units = (await admin('GET', '/units')).json().units as { name: string; machines: number }[];
    expect(units.find((u) => u.name === '财政局')?.machines).toBe(1);
    expect(units.find((u) => u.name === '教育局')?.machines).toBe(2);
  });

  it('lists moves newest first', async () => {
    const id = w.machines.office.agentId;
    await admin('POST', `/machines/${id}/move`, { unitId: w.ids.city });
    w.t.clock.now = new Date(w.t.clock.now.getTime() + 60_000);
    await admin('POST', `/machines/${id}/move`, { unitId: w.ids.office, reason: '退回' });
    const res = await admin('GET', `/machines/${id}/moves`);
    expect(res.statusCode).toBe(200);
    expect(res.json().moves.map((m: { fromUnit: string; toUnit: string; reason: string | null }) => [m.fromUnit, m.toUnit, m.reason])).toEqual([
      ['市', '财政局办公室', '退回'],
      ['财政局办公室', '市', null],
    ]);
    expect((await admin('GET', `/machines/${w.machines.city.agentId}/moves`)).json()).toEqual({ moves: [] });
  });

  it.each([
    ['an unknown machine', () => ['ag_nobody', { unitId: 1 }], 404, 'E_NOT_FOUND'],
    ['an unknown unit', () => [w.machines.finance.agentId, { unitId: 999 }], 404, 'E_NOT_FOUND'],
    ['the unit it is in', () => [w.machines.finance.agentId, { unitId: w.ids.finance }], 409, 'E_CONFLICT'],
    ['no unit', () => [w.machines.finance.agentId, { reason: 'x' }], 400, 'E_SCHEMA'],
    ['a long reason', () => [w.machines.finance.agentId, { unitId: w.ids.city, reason: 'x'.repeat(501) }], 400, 'E_SCHEMA'],
  ] as const)('refuses %s and writes nothing', async (_what, args, status, code) => {
    const [id, body] = args();
    const before = snapshotDb(w.t.dbFile);
    const res = await admin('POST', `/machines/${id}/move`, body);
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });

  it('answers 404 for the moves of an unknown machine', async () => {
    expect((await admin('GET', '/machines/ag_nobody/moves')).statusCode).toBe(404);
  });

  it('keeps a unit with move history from being deleted', async () => {
    const { unit } = (await admin('POST', '/units', { name: '临时组' })).json();
    const id = w.machines.finance.agentId;
    await admin('POST', `/machines/${id}/move`, { unitId: unit.id });
    await admin('POST', `/machines/${id}/move`, { unitId: w.ids.finance });
    const res = await call(w.t, w.admin, 'DELETE', `/units/${unit.id}`);
    expect(res.json()).toEqual({ code: 'E_IN_USE', message: expect.stringMatching(/machine-move/) });
  });
});
