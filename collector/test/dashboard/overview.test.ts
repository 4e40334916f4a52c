import type { Verdict } from '@zhengban/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryResults } from '../../src/classify/combine.js';
import type { Overview, Trend } from '../../src/schema/dashboard.js';
import type { ReportTable } from '../../src/schema/reports.js';
import { countTrendDay, missingTrendDays } from '../../src/service/trend-recorder.js';
import { adminToken, enrolledAgent, postSnapshot, snapshotOf, T0, testApp, type TestApp } from '../helper.js';
import { AV, OFFICE, OS } from '../support/fleet.js';
import { createUnits } from '../support/units.js';

// A small county reported over three days, then the dashboard's figures checked against
// what the machines API lists and what the statistics form says for the same moment.

const DAY = 86_400_000;
const TREE = [
  { name: '青溪县', parent: null, kind: 'county' },
  { name: '青溪县财政局', parent: '青溪县', kind: 'department' },
  { name: '青溪县教育局', parent: '青溪县', kind: 'department' },
  { name: '青溪县教研室', parent: '青溪县教育局', kind: 'other', sector: 'institution' },
] as const;
// unit, OS, office, antivirus, days before T0 it reported (null: never)
const FLEET: [string, string, string, string, number | null][] = [
  ['青溪县财政局', 'windows', 'none', 'none', 2],
  ['青溪县财政局', 'debian', 'libre', 'clamav', 2],
  ['青溪县财政局', 'kylin', 'wps', 'huorong', 0],
  ['青溪县教育局', 'windows', 'libre', 'clamav', 1],
  ['青溪县教育局', 'debian', 'none', 'clamav', 0],
  ['青溪县教研室', 'debian', 'libre', 'clamav', 0],
  ['青溪县教研室', 'debian', 'libre', 'clamav', null],
];

describe('the dashboard overview and trend', () => {
  let t: TestApp;
  let admin: string;
  let unitIds = new Map<string, number>();

  beforeAll(async () => {
    t = await testApp();
    admin = await adminToken(t.store);
    unitIds = await createUnits(t, admin, TREE);
    for (const [i, [unit, os, office, av, daysBefore]] of FLEET.entries()) {
      t.clock.now = new Date(T0.getTime() - 3 * DAY);
      const agent = await enrolledAgent(t, unit, `pc-${i}`);
      if (daysBefore === null) continue;
      t.clock.now = new Date(T0.getTime() - daysBefore * DAY);
      const res = await postSnapshot(t, agent, snapshotOf(agent, 1, {
        collectedAt: t.clock.now.toISOString(), machine: { hostname: `pc-${i}`, chassis: 'desktop' },
        os: OS[os]!.os, office: OFFICE[office]!.office, antivirus: AV[av]!.antivirus,
      }));
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    t.clock.now = T0;
  });
  afterAll(() => t.close());

  const get = async <T>(url: string, token = admin): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  const total = (table: ReportTable) => table.rows.find((r) => r.kind === 'total')!.cells;

  it('counts what the machines API lists, with the rates of the statistics form', async () => {
    const o = await get<Overview>('/api/v1/dashboard/overview');
    const { machines } = await get<{ machines: { status: string; stale: boolean }[] }>('/api/v1/machines?limit=500');
    const reporting = machines.filter((m) => m.status !== 'pending' && !m.stale);
    expect(o.totals).toEqual({
      machines: machines.length,
      licensed: reporting.filter((m) => m.status === 'licensed').length,
      unauthorized: reporting.filter((m) => m.status === 'unauthorized').length,
      notReporting: machines.length - reporting.length,
    });
    expect(o.totals.machines).toBe(FLEET.length);
    const stats = total(await get<ReportTable>('/api/v1/reports/statistics'));
    expect(o.rates).toEqual({ os: stats.osRate, office: stats.officeRate, antivirus: stats.antivirusRate, all: stats.allRate });
  });

  it('puts the units behind first, each with its whole subtree', async () => {
    const o = await get<Overview>('/api/v1/dashboard/overview');
    const rates = o.units.map((u) => u.rates.all ?? -1);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    const edu = o.units.find((u) => u.name === '青溪县教育局')!;
    expect(edu).toMatchObject({ level: 1, computers: 4, notReporting: 1 });
    expect(o.units.find((u) => u.name === '青溪县教研室')).toMatchObject({ level: 2, parentId: unitIds.get('青溪县教育局'), computers: 2 });
  });

  it('gives each reason the machines whose category fails for that finding, as the machine list finds them', async () => {
    const o = await get<Overview>('/api/v1/dashboard/overview');
    expect(o.reasons.length).toBeGreaterThan(0);
    // The hand count, from each reporting machine's verdict.
    const { machines } = await get<{ machines: { machineId: string; stale: boolean; status: string }[] }>('/api/v1/machines?limit=500');
    const expected = new Map<string, number>();
    for (const m of machines.filter((x) => !x.stale && x.status !== 'pending')) {
      const { verdict } = await get<{ verdict: Verdict }>(`/api/v1/machines/${m.machineId}`);
      const results = categoryResults(verdict.findings);
      const why = new Set(verdict.findings.filter((f) => !f.passed && !results[f.category]).map((f) => `${f.category}:${f.code}`));
      for (const key of why) expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    expect(new Map(o.reasons.map((r) => [`${r.category}:${r.code}`, r.machines]))).toEqual(expected);
    for (const r of o.reasons) {
      // The link a reason opens lists exactly those machines.
      const { total } = await get<{ total: number }>(`/api/v1/machines?reporting=true&category=${r.category}&code=${r.code}`);
      expect(total, `${r.category}:${r.code}`).toBe(r.machines);
    }
    expect(o.reasons.map((r) => r.machines)).toEqual([...o.reasons.map((r) => r.machines)].sort((a, b) => b - a));
    expect(o.reasons.find((r) => r.category === 'antivirus' && r.code === 'missing')?.zh).toBe('杀毒软件：未安装');
    const { total: reporting } = await get<{ total: number }>('/api/v1/machines?reporting=true');
    const { total: silent } = await get<{ total: number }>('/api/v1/machines?reporting=false');
    expect([reporting, silent]).toEqual([o.totals.licensed + o.totals.unauthorized, o.totals.notReporting]);
  });

  it('shows a viewer its own subtree only, and refuses a unit outside it or a bad range', async () => {
    const viewer = await adminToken(t.store, 'viewer', unitIds.get('青溪县教育局')!);
    const o = await get<Overview>('/api/v1/dashboard/overview', viewer);
    expect(o.unit.name).toBe('青溪县教育局');
    expect(o.totals.machines).toBe(4);
    expect(o.units.map((u) => u.name)).toEqual(['青溪县教研室']);
    const outside = await t.app.inject({ method: 'GET', url: `/api/v1/dashboard/overview?unit=${encodeURIComponent('青溪县财政局')}`, headers: { authorization: `Bearer ${viewer}` } });
    expect(outside.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard/trend?days=0', headers: { authorization: `Bearer ${admin}` } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('E_SCHEMA');
  });

  it('draws the trend from the days counted in the background: each day the statistics form of that day, today the overview', async () => {
    const before = await get<Trend>('/api/v1/dashboard/trend?days=7');
    expect(before.points.map((p) => p.date)).toEqual(['2026-11-20']);
    expect(before.pending).toBe(2);
    const missing = await missingTrendDays({ ...t.app.registry, staleAfterMs: 48 * 3_600_000 });
    expect(missing).toEqual(['2026-11-18', '2026-11-19']);
    for (const day of missing) await countTrendDay({ ...t.app.registry, staleAfterMs: 48 * 3_600_000 }, day);
    const trend = await get<Trend>('/api/v1/dashboard/trend?days=7');
    expect(trend.pending).toBe(0);
    expect(trend.points.map((p) => [p.date, p.computers])).toEqual([['2026-11-18', 7], ['2026-11-19', 7], ['2026-11-20', 7]]);
    for (const p of trend.points.slice(0, -1)) {
      const stats = total(await get<ReportTable>(`/api/v1/reports/statistics?asOf=${p.date}`));
      expect(p.rates, p.date).toEqual({ os: stats.osRate, office: stats.officeRate, antivirus: stats.antivirusRate, all: stats.allRate });
      expect(p.reporting).toBe((stats.computers as number) - (stats.notReporting as number));
    }
    expect(trend.points.at(-1)!.rates).toEqual((await get<Overview>('/api/v1/dashboard/overview')).rates);
    const edu = await get<Trend>(`/api/v1/dashboard/trend?days=7&unit=${encodeURIComponent('青溪县教育局')}`);
    expect(edu.points.map((p) => p.computers)).toEqual([4, 4, 4]);
  });
});
