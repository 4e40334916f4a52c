import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachineList } from '@zhengban/shared';
import { adminToken, enrolledAgent, postSnapshot, snapshotOf, T0, testApp, type TestApp } from '../helper.js';
import { AV, OFFICE, OS } from '../support/fleet.js';

// The machine list as the dashboard pages it: text search over host name, user, asset
// number and address, the OS, a failed finding, and the sort orders.

describe('GET /machines filtered, searched and sorted', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await testApp();
    admin = await adminToken(t.store);
    const plan = [['czj-kylin-1', 'kylin', 'wps', '王伟', 'ZC-001'], ['czj-win-2', 'windows', 'none', '李娜', 'ZC-002'], ['czj-deb_3', 'debian', 'libre', null, null]] as const;
    for (const [i, [host, os, office, user, asset]] of plan.entries()) {
      t.clock.now = new Date(T0.getTime() + i * 60_000);
      const agent = await enrolledAgent(t, '财政局', host);
      const res = await postSnapshot(t, agent, snapshotOf(agent, 1, { collectedAt: t.clock.now.toISOString(), machine: { hostname: host, chassis: 'desktop' }, os: OS[os]!.os, office: OFFICE[office]!.office, antivirus: AV.clamav!.antivirus }), { headers: { 'x-forwarded-for': '10.0.0.9' } }); // not trusted: the socket's address is kept
      expect(res.statusCode, res.body).toBeLessThan(300);
      if (user) await t.app.inject({ method: 'PATCH', url: `/api/v1/machines/${agent.agentId}`, headers: { authorization: `Bearer ${admin}` }, payload: { user, assetNumber: asset } });
    }
  });
  afterAll(() => t.close());

  const hosts = async (query: string): Promise<string[]> => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/machines?${query}`, headers: { authorization: `Bearer ${admin}` } });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as MachineList).machines.map((m) => m.hostname);
  };

  it('finds a machine by a part of its host name, user, asset number or the address it reported from', async () => {
    expect(await hosts('q=WIN')).toEqual(['czj-win-2']);
    expect(await hosts(`q=${encodeURIComponent('王')}`)).toEqual(['czj-kylin-1']);
    expect(await hosts('q=zc-00')).toEqual(['czj-kylin-1', 'czj-win-2']);
    expect(await hosts('q=127.0.0.1')).toEqual(['czj-deb_3', 'czj-kylin-1', 'czj-win-2']);
    // A % or _ typed in the search is that character, not a wildcard.
    expect(await hosts('q=deb_')).toEqual(['czj-deb_3']);
    expect(await hosts('q=kylin_')).toEqual([]);
    // Past the last page: no machines, and still the count of all that match.
    const past = await t.app.inject({ method: 'GET', url: '/api/v1/machines?q=zc-00&offset=10', headers: { authorization: `Bearer ${admin}` } });
    expect([(past.json() as MachineList).machines.length, (past.json() as MachineList).total]).toEqual([0, 2]);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/machines?q=czj-win', headers: { authorization: `Bearer ${admin}` } });
    expect((res.json() as MachineList).machines[0]!.ip).toBe('127.0.0.1');
  });

  it('filters by a part of the OS name and by a failed finding', async () => {
    expect(await hosts('os=kylin')).toEqual(['czj-kylin-1']);
    expect(await hosts('category=office&code=missing')).toEqual(['czj-win-2']);
    expect(await hosts('code=missing')).toEqual(['czj-win-2']);
    // Windows and Kylin with no licence registered fail their OS category; Debian, free, passes.
    expect(await hosts('category=os')).toEqual(['czj-kylin-1', 'czj-win-2']);
  });

  it('sorts by host name, unit, status or last report, either way', async () => {
    expect(await hosts('sort=-hostname')).toEqual(['czj-win-2', 'czj-kylin-1', 'czj-deb_3']);
    expect(await hosts('sort=-lastSeen')).toEqual(['czj-deb_3', 'czj-win-2', 'czj-kylin-1']);
    expect(await hosts('sort=lastSeen')).toEqual(['czj-kylin-1', 'czj-win-2', 'czj-deb_3']);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/machines?sort=ip&code=cracked', headers: { authorization: `Bearer ${admin}` } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('E_SCHEMA');
  });

  it("lists a machine's programs for whoever may see it", async () => {
    const [m] = (await (await t.app.inject({ method: 'GET', url: '/api/v1/machines?q=czj-win', headers: { authorization: `Bearer ${admin}` } })).json() as MachineList).machines;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/machines/${m!.machineId}/software`, headers: { authorization: `Bearer ${admin}` } });
    expect(res.statusCode).toBe(200);
    expect(Array.isArray(res.json().software)).toBe(true);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/machines/ag_nobody/software', headers: { authorization: `Bearer ${admin}` } });
    expect(missing.statusCode).toBe(404);
  });
});
