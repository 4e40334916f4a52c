import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MachineList, assertValid } from '@zhengban/shared';
import { MachineDetail } from '../../src/schema/machine-detail.js';
import { T0, adminToken as tokenOf, enrolledAgent, postSnapshot, snapshotOf, testApp, type TestAgent, type TestApp } from '../helper.js';

let t: TestApp;
let finance: TestAgent;
let financeIdle: TestAgent;
let education: TestAgent;

async function adminToken(role: 'admin' | 'viewer', unit?: string): Promise<string> {
  const unitId = unit === undefined ? null : (await t.store.read.units.findByName(unit))!.id;
  return tokenOf(t.store, role, unitId);
}

const get = (url: string, token?: string) =>
  t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeEach(async () => {
  t = await testApp();
  finance = await enrolledAgent(t, '财政局', 'cz-01');
  financeIdle = await enrolledAgent(t, '财政局', 'cz-02');
  education = await enrolledAgent(t, '教育局', 'jy-01');
  const machine = (hostname: string) => ({ hostname, chassis: 'desktop' as const, serial: 'SN-1' });
  await postSnapshot(t, finance, snapshotOf(finance, 1, { machine: machine('cz-01') }));
  t.clock.now = new Date(T0.getTime() + 72 * 3_600_000);
  await postSnapshot(t, education, snapshotOf(education, 1, { machine: machine('jy-01') }));
});
afterEach(() => t.close());

describe('GET /api/v1/machines', () => {
  it('lists every machine for an admin, with status and staleness', async () => {
    const res = await get('/api/v1/machines', await adminToken('admin'));
    expect(res.statusCode).toBe(200);
    const list = assertValid(MachineList, res.json(), 'list');
    expect(list.total).toBe(3);
    expect(list.machines.map((m) => [m.hostname, m.unit, m.status, m.stale])).toEqual([
      ['cz-01', '财政局', expect.stringMatching(/^(licensed|unauthorized)$/), true],
      ['cz-02', '财政局', 'pending', true],
      ['jy-01', '教育局', expect.stringMatching(/^(licensed|unauthorized)$/), false],
    ]);
    expect(list.machines[0]).toMatchObject({ machineId: finance.agentId, chassis: 'desktop', os: 'Debian GNU/Linux 12 (bookworm)' });
  });

  it('filters by status, unit, and pages', async () => {
    const token = await adminToken('admin');
    const names = async (q: string) => (await get(`/api/v1/machines?${q}`, token)).json().machines.map((m: { hostname: string }) => m.hostname);
    expect(await names('status=pending')).toEqual(['cz-02']);
    expect(await names('status=stale')).toEqual(['cz-01', 'cz-02']);
    expect(await names(`unit=${encodeURIComponent('教育局')}`)).toEqual(['jy-01']);
    const page = (await get('/api/v1/machines?limit=1&offset=2', token)).json();
    expect(page).toMatchObject({ total: 3, machines: [{ hostname: 'jy-01' }] });
  });

  it('refuses bad query values with 400 E_SCHEMA', async () => {
    const token = await adminToken('admin');
    for (const q of ['status=gone', 'limit=0', 'limit=501', 'offset=-1']) {
      const res = await get(`/api/v1/machines?${q}`, token);
      expect({ q, status: res.statusCode, code: res.json().code }).toEqual({ q, status: 400, code: 'E_SCHEMA' });
    }
  });

  it('shows a viewer only its own unit, whatever unit it asks for', async () => {
    const token = await adminToken('viewer', '财政局');
    const list = (await get('/api/v1/machines', token)).json();
    expect(list.machines.map((m: { hostname: string }) => m.hostname)).toEqual(['cz-01', 'cz-02']);
    expect(list.total).toBe(2);
    expect((await get(`/api/v1/machines?unit=${encodeURIComponent('教育局')}`, token)).json()).toEqual({ machines: [], total: 0 });
  });
});

describe('GET /api/v1/machines/:id', () => {
  it('shows identity, OS, findings with their facts, last seen and software count', async () => {
    const res = await get(`/api/v1/machines/${finance.agentId}`, await adminToken('admin'));
    expect(res.statusCode).toBe(200);
    const m = assertValid(MachineDetail, res.json(), 'detail');
    expect(m).toMatchObject({
      machineId: finance.agentId,
      hostname: 'cz-01',
      unit: '财政局',
      lastSeen: T0.toISOString(),
      lastSeq: 1,
      softwareCount: 1,
      machine: { serial: 'SN-1' },
      os: { name: 'Debian GNU/Linux 12 (bookworm)', activation: { state: 'not-applicable' } },
      office: [],
      antivirus: [],
    });
    expect(m.lastSnapshotId).toEqual(expect.any(String));
    expect(m.verdict?.findings.length).toBeGreaterThan(0);
    for (const f of m.verdict!.findings) expect(Array.isArray(f.facts)).toBe(true);
  });

  it('shows a machine that has not reported yet as pending with no facts', async () => {
    const m = (await get(`/api/v1/machines/${financeIdle.agentId}`, await adminToken('admin'))).json();
    expect(m).toMatchObject({ status: 'pending', machine: null, os: null, verdict: null, lastSeen: null, softwareCount: 0 });
  });

  it('answers 404 for an unknown machine, and for another unit\'s machine to a viewer', async () => {
    const admin = await adminToken('admin');
    expect((await get('/api/v1/machines/ag_nobody', admin)).json()).toEqual({ code: 'E_NOT_FOUND', message: expect.any(String) });
    const viewer = await adminToken('viewer', '财政局');
    const res = await get(`/api/v1/machines/${education.agentId}`, viewer);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('E_NOT_FOUND');
    expect((await get(`/api/v1/machines/${finance.agentId}`, viewer)).statusCode).toBe(200);
  });
});

describe('admin authentication', () => {
  it('refuses a request without a token with 401 E_AUTH_REQUIRED', async () => {
    for (const url of ['/api/v1/machines', `/api/v1/machines/${finance.agentId}`, '/api/v1/machines?limit=0']) {
      const res = await get(url);
      expect({ url, status: res.statusCode, code: res.json().code }).toEqual({ url, status: 401, code: 'E_AUTH_REQUIRED' });
    }
  });

  it('refuses a wrong token or scheme with 401 E_AUTH_INVALID', async () => {
    expect((await get('/api/v1/machines', 'zba_wrong')).json().code).toBe('E_AUTH_INVALID');
    const token = await adminToken('admin');
    const basic = await t.app.inject({ method: 'GET', url: '/api/v1/machines', headers: { authorization: `Basic ${token}` } });
    expect(basic.statusCode).toBe(401);
    expect(basic.json().code).toBe('E_AUTH_INVALID');
  });

  it('records when a token was last used', async () => {
    const token = await adminToken('admin');
    await get('/api/v1/machines', token);
    expect((await t.store.read.adminTokens.list())[0]?.lastUsedAt).toBe(t.clock.now.toISOString());
  });

  it('does not ask enroll, snapshots or healthz for a token', async () => {
    expect((await get('/healthz')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: {} })).json().code).toBe('E_SCHEMA');
  });
});
