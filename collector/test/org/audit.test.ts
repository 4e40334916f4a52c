import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { AuditList } from '../../src/schema/history.js';
import { call, orgWorld, snapshotDb, type OrgWorld } from './org-helper.js';

let w: OrgWorld;
beforeEach(async () => {
  w = await orgWorld();
});
afterEach(() => w.t.close());

describe('GET /audit', () => {
  it('lists entries newest first: who, when, what, before and after', async () => {
    w.t.clock.now = new Date('2026-11-21T09:00:00.000Z');
    await call(w.t, w.admin, 'PATCH', `/units/${w.ids.finance}`, { headcount: 30 });
    const res = await call(w.t, w.admin, 'GET', '/audit?limit=2');
    expect(res.statusCode).toBe(200);
    const { entries } = assertValid(AuditList, res.json(), 'audit');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      at: '2026-11-21T09:00:00.000Z',
      actor: 'token:1',
      action: 'unit.update',
      target: `unit #${w.ids.finance}`,
      detail: { before: { headcount: null }, after: { headcount: 30 } },
    });
    expect(entries[1]!.id).toBeLessThan(entries[0]!.id);
  });

  it('filters by action prefix and pages', async () => {
    const actions = async (q: string) => (await call(w.t, w.admin, 'GET', `/audit?${q}`)).json().entries.map((e: { action: string }) => e.action);
    expect(await actions('action=unit.')).toEqual(['unit.create', 'unit.create', 'unit.create', 'unit.create']);
    expect(await actions('action=unit.&limit=1&offset=3')).toEqual(['unit.create']);
    expect(await actions('action=enrollment-token.create&limit=500')).toHaveLength(5);
    expect(await actions('action=nothing.')).toEqual([]);
  });

  it('refuses bad query values with 400 and a viewer with 403, writing nothing', async () => {
    const before = snapshotDb(w.t.dbFile);
    for (const q of ['limit=0', 'limit=501', 'offset=-1', 'action=']) {
      const res = await call(w.t, w.admin, 'GET', `/audit?${q}`);
      expect({ q, status: res.statusCode, code: res.json().code }).toEqual({ q, status: 400, code: 'E_SCHEMA' });
    }
    expect((await call(w.t, w.viewer, 'GET', '/audit')).json().code).toBe('E_FORBIDDEN');
    expect(snapshotDb(w.t.dbFile)).toEqual(before);
  });

  it('asks for a token', async () => {
    expect((await w.t.app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });
});
