import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportTable } from '../../src/schema/reports.js';
import type { SpotCheckView } from '../../src/schema/spot-checks.js';
import { adminToken } from '../helper.js';
import { api, county, create, report, snapshotFor, view, type County } from './spot-helper.js';

/** The register (抽查登记表) and the office's summary, through the report surfaces, with the API's figures. */
let c: County;
let first: SpotCheckView;
let recheck: SpotCheckView;
let education: SpotCheckView;
beforeAll(async () => {
  c = await county();
  first = await create(c, { unit: '财政局', ratio: 1 });
  await api(c.t, c.admin, 'PUT', `/spot-checks/${first.id}/machines/czj-03`, { labelMatches: 'no', agentPresent: 'yes', agentReporting: 'yes', remark: '无 OEM 标签' });
  await api(c.t, c.admin, 'PUT', `/spot-checks/${first.id}/unit-checks`, { ledger: 'yes', documents: 'no', remark: '缺采购合同' });
  c.t.clock.now = new Date(c.t.clock.now.getTime() + 3_600_000);
  await report(c, 'czj-01', snapshotFor('czj-01', 'desktop', true));
  recheck = await create(c, { unit: '财政局', recheckOf: first.id });
  education = await create(c, { unit: '教育局', ratio: 0.5, seed: 'edu' });
});
afterAll(() => c.t.close());

const get = (url: string, token = c.admin) => c.t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` } });
const table = async (url: string) => (await get(url)).json() as ReportTable;

describe('the spot check register (spotcheck-register)', () => {
  it('has a row per machine checked, as the API shows it', async () => {
    const t = await table(`/reports/spotcheck-register?spotCheck=${first.id}`);
    const v = await view(c, first.id);
    expect(t).toMatchObject({ report: 'spotcheck-register', title: { zh: '计算机软件安装抽查登记表' }, unit: '财政局', asOf: v.createdAt });
    expect(t.rows.map((r) => [r.cells.no, r.cells.computer, r.cells.department])).toEqual(v.machines.map((m) => [m.no, m.hostname, m.unit]));
    const czj01 = t.rows.find((r) => r.cells.computer === 'czj-01')!.cells;
    expect(czj01).toMatchObject({ kind: '台式机', verdict: '非正版', os: 'Debian GNU/Linux 12 (bookworm)（正版）', antivirus: '无（未安装）', label: null, differences: null });
    const czj03 = t.rows.find((r) => r.cells.computer === 'czj-03')!.cells;
    expect(czj03).toMatchObject({ verdict: '正版', office: 'LibreOffice 7.4（正版）', label: '不符', agent: '已安装，运行正常', remark: '无 OEM 标签' });
    expect(czj03.differences).toBe(v.machines.find((m) => m.hostname === 'czj-03')!.discrepancies.map((d) => d.messageZh).join('\n'));
    expect(t.parts![0]!.rows.map((r) => [r.cells.item, r.cells.result, r.cells.remark])).toEqual([['软件正版化台账', '相符', '缺采购合同'], ['软件授权文件', '不符', null]]);
    expect(t.notes.map((n) => n.zh)).toContain(`评定：${v.grade.words.zh}`);
  });

  it("defaults to the unit's latest spot check, and says how a re-check compares", async () => {
    const t = await table(`/reports/spotcheck-register?unit=${encodeURIComponent('财政局')}&lang=en`);
    expect(t.notes[0]!.en).toMatch(new RegExp(`^Spot check ${recheck.id} \\(a re-check of ${first.id}\\)`));
    // czj-01 was fixed; czj-02 still has no antivirus; czj-03's label is not seen again yet.
    expect(t.notes.at(-1)!.en).toMatch(/; 1 fixed, 1 still failing, 0 newly failing, 1 to check on site again\.$/);
  });

  it('draws the XLSX as the form with the lines for the seal, and the DOCX alike', async () => {
    const xlsx = await get(`/reports/spotcheck-register?spotCheck=${first.id}&format=xlsx`);
    expect(xlsx.headers['content-disposition']).toMatch(/%E6%8A%BD%E6%9F%A5%E7%99%BB%E8%AE%B0%E8%A1%A8/); // 抽查登记表
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload);
    const ws = wb.worksheets[0]!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))));
    expect(ws.getCell('A1').value).toBe('计算机软件安装抽查登记表');
    expect(texts).toEqual(expect.arrayContaining(['被检查单位：财政局', '被检查单位（盖章）：', '负责人（签字）：', '检查人员（签字）：', 'czj-03', '缺采购合同']));
    const docx = await get(`/reports/spotcheck-register?spotCheck=${first.id}&format=docx`);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    for (const words of ['计算机软件安装抽查登记表', '被检查单位（盖章）：', 'czj-03', '标签与上报不符']) expect(xml).toContain(words);
  });
});

describe("the office's summary (spotcheck-summary)", () => {
  it("has a row per unit's latest spot check with the API's figures, and a total", async () => {
    const t = await table(`/reports/spotcheck-summary?unit=${encodeURIComponent('青溪县')}`);
    const rows = t.rows.filter((r) => r.kind === 'unit');
    expect(rows.map((r) => r.cells.spotCheck).sort()).toEqual([recheck.id, education.id].sort());
    for (const v of [await view(c, recheck.id), await view(c, education.id)]) {
      const cells = rows.find((r) => r.cells.spotCheck === v.id)!.cells;
      const f = v.grade.figures;
      expect(cells).toMatchObject({ unit: v.unit, population: v.population, sampled: f.sampled, licensed: f.licensed, unauthorized: f.unauthorized, discrepancies: f.discrepancies, agentTampered: f.agentTampered });
      expect(`${cells.grade}：${cells.rule}`).toBe(v.grade.words.zh);
    }
    const fin = rows.find((r) => r.cells.unit === '财政局')!.cells;
    expect(fin).toMatchObject({ before: '不合格', fixed: 1, stillFailing: 1, newlyFailing: 0, pending: 1 });
    const sum = (key: string) => rows.reduce((n, r) => n + (r.cells[key] as number), 0);
    expect(t.rows.at(-1)!).toMatchObject({ kind: 'total', cells: { unit: '合计', sampled: 10, unauthorized: sum('unauthorized'), population: sum('population') } });
  });

  it('answers 404 where there is no spot check, and keeps a viewer to its subtree', async () => {
    const none = await get(`/reports/spotcheck-register?unit=${encodeURIComponent('青溪县')}`);
    expect([none.statusCode, none.json().code]).toEqual([404, 'E_NOT_FOUND']);
    const viewer = await adminToken(c.t.store, 'viewer', c.units.education);
    expect((await get(`/reports/spotcheck-register?spotCheck=${first.id}`, viewer)).statusCode).toBe(404);
    const own = (await get('/reports/spotcheck-summary', viewer)).json() as ReportTable;
    expect(own.rows.filter((r) => r.kind === 'unit').map((r) => r.cells.unit)).toEqual(['教育局']);
  });
});
