import type { Verdict } from '@zhengban/shared';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryResults } from '../../src/classify/combine.js';
import type { ReportRow, ReportTable } from '../../src/schema/reports.js';
import { AV, OFFICE, OS } from '../support/fleet.js';
import { createUnits } from '../support/units.js';
import { adminToken, enrolledAgent, postSnapshot, snapshotOf, T0, testApp, type TestAgent, type TestApp } from '../helper.js';

// A random fleet over a unit tree, posted through the API; then every figure of the
// statistics report is checked against what the machines API says of the same
// machines, unit subtree by unit subtree. Domestic products are checked against the
// plan the fleet was made from, not against the report's own reading of findings.

const CHASSIS = ['desktop', 'laptop', 'virtual'] as const;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

interface Planned {
  agent: TestAgent;
  unit: string;
  chassis: (typeof CHASSIS)[number];
  os: string;
  office: string;
  av: string;
}

const TREE = [
  { name: '青溪县', parent: null, kind: 'county', headcount: 40 },
  { name: '青溪县财政局', parent: '青溪县', kind: 'department', headcount: 25 },
  { name: '青溪县财政局国库中心', parent: '青溪县财政局', kind: 'department', headcount: 8 },
  { name: '青溪县教育局', parent: '青溪县', kind: 'department', headcount: null },
  { name: '青溪县城关镇', parent: '青溪县', kind: 'town', headcount: 30 },
] as const;

describe('GET /api/v1/reports/statistics on a random fleet', () => {
  let t: TestApp;
  let admin: string;
  const fleet: Planned[] = [];
  let unitIds = new Map<string, number>();

  beforeAll(async () => {
    t = await testApp();
    admin = await adminToken(t.store);
    unitIds = await createUnits(t, admin, TREE);
    const r = random(20261206);
    for (let i = 0; i < 60; i++) {
      const unit = pick(r, TREE).name;
      const agent = await enrolledAgent(t, unit, `pc-${i}`);
      const planned = { agent, unit, chassis: pick(r, CHASSIS), os: pick(r, Object.keys(OS)), office: pick(r, Object.keys(OFFICE)), av: pick(r, Object.keys(AV)) };
      fleet.push(planned);
      const silent = r() < 0.1; // enrolled, never reported: pending
      if (silent) continue;
      const old = r() < 0.15; // reported three days before the others: stale by then
      t.clock.now = old ? new Date(T0.getTime() - 3 * 86_400_000) : T0;
      const snap = snapshotOf(agent, 1, {
        collectedAt: t.clock.now.toISOString(),
        machine: { hostname: `pc-${i}`, chassis: planned.chassis },
        os: OS[planned.os]!.os,
        office: OFFICE[planned.office]!.office,
        antivirus: AV[planned.av]!.antivirus,
      });
      const res = await postSnapshot(t, agent, snap);
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    t.clock.now = new Date(T0.getTime() + 3_600_000);
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });
  const report = async (query = ''): Promise<ReportTable> => {
    const res = await get(`/api/v1/reports/statistics${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ReportTable;
  };

  it('counts, for every unit subtree, exactly what the machines API says of the same machines', async () => {
    const table = await report();
    const subtotal = (unit: string): ReportRow => {
      const rows = table.rows.filter((row) => row.unitId === unitIds.get(unit));
      // A unit with subunits has a subtotal row; the root's is the total; a leaf's own row is its subtree.
      return unit === '青溪县' ? table.rows.at(-1)! : (rows.find((row) => row.kind === 'subtotal') ?? rows[0]!);
    };
    for (const u of TREE) {
      const list = await get(`/api/v1/machines?unit=${encodeURIComponent(u.name)}&limit=500`);
      const { machines, total } = list.json() as { machines: { machineId: string; stale: boolean; status: string }[]; total: number };
      const expected = { computers: total, notReporting: 0, os: 0, office: 0, antivirus: 0, all: 0, reporting: 0, domOs: 0, domOffice: 0, domAv: 0 };
      for (const m of machines) {
        const detail = (await get(`/api/v1/machines/${m.machineId}`)).json() as { verdict: Verdict | null; stale: boolean };
        if (!detail.verdict || detail.stale) {
          expected.notReporting++;
          continue;
        }
        expected.reporting++;
        const c = categoryResults(detail.verdict.findings);
        if (c.os) expected.os++;
        if (c.office) expected.office++;
        if (c.antivirus) expected.antivirus++;
        if (c.os && c.office && c.antivirus) expected.all++;
        const plan = fleet.find((p) => p.agent.agentId === m.machineId)!;
        if (OS[plan.os]!.domestic) expected.domOs++;
        if (OFFICE[plan.office]!.domestic) expected.domOffice++;
        if (AV[plan.av]!.domestic) expected.domAv++;
      }
      const row = subtotal(u.name).cells;
      expect({
        computers: row.computers, notReporting: row.notReporting, os: row.osGenuine, office: row.officeGenuine, antivirus: row.antivirusGenuine,
        all: row.allGenuine, reporting: (row.osGenuine as number) + (row.osNotGenuine as number),
        domOs: row.osDomestic, domOffice: row.officeDomestic, domAv: row.antivirusDomestic,
      }, u.name).toEqual(expected);
      expect(row.desktops as number + (row.laptops as number) + (row.others as number)).toBe(total);
      expect(row.osRate).toBe(expected.reporting ? expected.os / expected.reporting : null);
    }
    expect(table.rows.at(-1)!.cells.computers).toBe(60);
    expect(table.rows.map((r) => `${r.kind}:${r.cells.unit}`)).toEqual([
      // Subunits in pinyin order (财 cai, 城 cheng, 教 jiao), each with its own below it.
      'unit:青溪县', 'unit:青溪县财政局', 'unit:青溪县财政局国库中心', 'subtotal:青溪县财政局 小计', 'unit:青溪县城关镇', 'unit:青溪县教育局', 'total:合计',
    ]);
    expect(table.rows.at(-1)!.cells.headcount).toBe(103);
  });

  it('reports a past moment as it stood then: a later change does not reach back', async () => {
    const before = await report();
    const asOf = t.clock.now.toISOString();
    // Later, every Debian PC that had no antivirus installs ClamAV.
    t.clock.now = new Date(T0.getTime() + 86_400_000);
    let changed = 0;
    for (const p of fleet) {
      if (p.av !== 'none') continue;
      const res = await postSnapshot(t, p.agent, snapshotOf(p.agent, 2, {
        collectedAt: t.clock.now.toISOString(), machine: { hostname: 'pc', chassis: p.chassis },
        os: OS[p.os]!.os, office: OFFICE[p.office]!.office, antivirus: AV.clamav!.antivirus,
      }));
      if (res.statusCode < 300) changed++;
    }
    expect(changed).toBeGreaterThan(0);
    const now = await report();
    const then = await report(`?asOf=${encodeURIComponent(asOf)}`);
    expect(then.rows).toEqual(before.rows);
    expect(then.asOf).toBe(asOf);
    expect(now.rows.at(-1)!.cells.antivirusGenuine as number).toBeGreaterThan(before.rows.at(-1)!.cells.antivirusGenuine as number);
  });

  it('answers in English with lang=en', async () => {
    const en = await report('?lang=en');
    expect(en.rows.at(-1)!.cells.unit).toBe('Total');
    expect(en.rows.find((r) => r.kind === 'subtotal')!.cells.unit).toBe('青溪县财政局 subtotal');
    expect(en.rows[0]!.cells.kind).toBe('County');
  });

  it('gives a viewer its own subtree only', async () => {
    const viewer = await adminToken(t.store, 'viewer', unitIds.get('青溪县财政局')!);
    const as = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${viewer}` } });
    const own = (await as('/api/v1/reports/statistics')).json() as ReportTable;
    expect(own.unit).toBe('青溪县财政局');
    expect(own.rows.map((r) => r.cells.unit)).toEqual(['青溪县财政局', '青溪县财政局国库中心', '合计']);
    const parent = await as(`/api/v1/reports/statistics?unit=${encodeURIComponent('青溪县')}`);
    expect(parent.statusCode).toBe(404);
  });

  it.each([
    ['an unknown unit', `?unit=${encodeURIComponent('没有这个单位')}`, 404, 'E_NOT_FOUND', /没有这个单位/],
    ['a date before the first snapshot', '?asOf=2020-01-01', 400, 'E_REPORT_DATE', /before the first snapshot/],
    ['a date in the future', '?asOf=2030-01-01', 400, 'E_REPORT_DATE', /in the future/],
    ['a date that is not one', '?asOf=yesterday-ish', 400, 'E_REPORT_DATE', /not a date/],
    ['an unknown format', '?format=pdf', 400, undefined, /format/],
  ])('refuses %s with a 4xx and a clear message', async (_what, query, status, code, message) => {
    const res = await get(`/api/v1/reports/statistics${query}`);
    expect(res.statusCode).toBe(status);
    const body = res.json() as { code: string; message: string };
    if (code) expect(body.code).toBe(code);
    expect(body.message).toMatch(message);
  });

  it('makes the notice from the same counts, compared with an earlier moment, and its DOCX', async () => {
    const stats = await report();
    const res = await get('/api/v1/reports/notice');
    expect(res.statusCode, res.body).toBe(200);
    const notice = res.json() as ReportTable;
    expect(notice.rows.map((r) => r.cells.unit).sort()).toEqual(['合计', '青溪县城关镇', '青溪县教育局', '青溪县财政局'].sort());
    const total = notice.rows.at(-1)!.cells;
    expect([total.computers, total.allGenuine, total.allRate]).toEqual([stats.rows.at(-1)!.cells.computers, stats.rows.at(-1)!.cells.allGenuine, stats.rows.at(-1)!.cells.allRate]);
    const since = new Date(T0.getTime() + 2 * 3_600_000).toISOString();
    const compared = (await get(`/api/v1/reports/notice?since=${encodeURIComponent(since)}`)).json() as ReportTable;
    expect(compared.rows.at(-1)!.cells.beforeRate).not.toBeNull();
    const docx = await get('/api/v1/reports/notice?format=docx');
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const later = await get(`/api/v1/reports/notice?asOf=${encodeURIComponent(since)}&since=${encodeURIComponent(t.clock.now.toISOString())}`);
    expect(later.statusCode).toBe(400);
    expect((later.json() as { code: string; message: string }).message).toMatch(/must be before the report's date/);
    expect((await get('/api/v1/reports/statistics?format=docx')).statusCode).toBe(400);
  });

  it('makes a check sheet per machine of a unit: the findings of its verdict with their evidence, and a not-reporting machine says so', async () => {
    const unit = '青溪县财政局国库中心';
    const res = await get(`/api/v1/reports/machine-sheets?unit=${encodeURIComponent(unit)}`);
    expect(res.statusCode, res.body).toBe(200);
    const table = res.json() as ReportTable;
    const { machines } = (await get(`/api/v1/machines?unit=${encodeURIComponent(unit)}&limit=500`)).json() as { machines: { machineId: string; hostname: string }[] };
    expect(table.sheets!.map((s) => s.key).sort()).toEqual(machines.map((m) => m.machineId).sort());
    for (const m of machines) {
      const detail = (await get(`/api/v1/machines/${m.machineId}`)).json() as { verdict: Verdict | null };
      const rows = table.rows.filter((r) => r.sheet === m.machineId);
      if (!detail.verdict) {
        expect(rows.map((r) => r.cells.conclusion)).toEqual(['未上报：没有可检查的记录']);
        continue;
      }
      expect(rows.map((r) => r.cells.subject)).toEqual(detail.verdict.findings.map((f) => f.subject));
      expect(rows.map((r) => r.cells.message)).toEqual(detail.verdict.findings.map((f) => f.messageZh));
      expect(table.sheets!.find((s) => s.key === m.machineId)!.fields[0]).toEqual(['计算机名', m.hostname]);
    }
    const xlsx = await get(`/api/v1/reports/machine-sheets?unit=${encodeURIComponent(unit)}&format=xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload);
    // One sheet per machine, named after it; machines sharing a name (here all 'pc', as
    // the second round reported them) get sheets of their own.
    expect(wb.worksheets).toHaveLength(machines.length);
    expect(new Set(wb.worksheets.map((w) => w.name)).size).toBe(machines.length);
    expect(wb.worksheets.every((w) => /^pc(~\d+)?$|^pc-\d+$/.test(w.name))).toBe(true);
    expect(wb.worksheets[0]!.getCell('A1').value).toBe('计算机软件安装情况检查表');
  });

  it('lists what must be bought: every Windows PC here has no licence (the registry is empty), one set each', async () => {
    const table = (await get('/api/v1/reports/procurement')).json() as ReportTable;
    const windowsRows = table.rows.filter((r) => r.kind === 'unit' && r.cells.software === 'Microsoft Windows 10 Pro');
    const reportingWindows = fleet.filter((p) => p.os === 'windows').length;
    const sets = windowsRows.reduce((n, r) => n + (r.cells.sets as number), 0);
    expect(sets).toBeGreaterThan(0);
    expect(sets).toBeLessThanOrEqual(reportingWindows);
    expect(windowsRows.every((r) => r.cells.alternative === '银河麒麟操作系统')).toBe(true);
    const xlsx = await get('/api/v1/reports/procurement?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
  });

  it('gives the year in the annual report, its end-of-year rate the statistics form of the same moment', async () => {
    const stats = await report();
    const annual = (await get('/api/v1/reports/annual')).json() as ReportTable;
    expect(annual.title.zh).toBe('青溪县2026年度软件正版化工作情况');
    expect(annual.rows.at(-1)!.cells.endRate).toBe(stats.rows.at(-1)!.cells.allRate);
    expect(annual.rows.at(-1)!.cells.startRate).toBeNull(); // nothing had reported on 2026-01-01
    expect((await get('/api/v1/reports/annual?format=xlsx')).statusCode).toBe(200);
  });

  it('refuses an unknown report by name', async () => {
    const res = await get('/api/v1/reports/nosuch');
    expect(res.statusCode).toBe(400);
  });
});
