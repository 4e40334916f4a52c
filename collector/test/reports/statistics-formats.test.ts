import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/reports/formats/index.js';
import type { MachineState } from '../../src/reports/machine-state.js';
import { statisticsReport } from '../../src/reports/statistics.js';
import type { ReportUnit } from '../../src/reports/unit-tree.js';

const units: ReportUnit[] = [
  { id: 1, name: '青溪县', parentId: null, kind: 'county', code: null, headcount: 10 },
  { id: 2, name: '青溪县财政局', parentId: 1, kind: 'department', code: null, headcount: 20 },
  { id: 3, name: '国库中心', parentId: 2, kind: 'department', code: null, headcount: null },
];
const yes = { os: true, office: true, antivirus: true };
const no = { os: false, office: false, antivirus: false };
const m = (unitId: number, o: Partial<MachineState> = {}): MachineState => ({ count: 1, unitId, chassis: 'desktop', reporting: 'reporting', genuine: yes, domestic: no, licensed: true, failing: [], ...o });
const machines: MachineState[] = [
  m(1), m(1, { chassis: 'laptop', genuine: { ...yes, office: false } }),
  m(2, { domestic: { ...no, office: true } }), m(2, { reporting: 'stale', genuine: no }), m(2, { chassis: 'virtual', genuine: { ...yes, antivirus: false } }),
  m(3, { reporting: 'pending', chassis: null, genuine: no }), m(3, { domestic: yes }),
];
const table = statisticsReport({ units, rootId: 1, machines, asOf: '2026-11-20T15:59:59.999Z', generatedAt: '2026-12-06T10:00:00.000Z', lang: 'zh' });

describe('the statistics table', () => {
  it('has each unit, the subtotal of a unit with subunits, and the total, with the figures added up the tree', () => {
    expect(table.rows.map((r) => [r.kind, r.level, r.cells.unit, r.cells.computers, r.cells.notReporting, r.cells.allGenuine])).toEqual([
      ['unit', 0, '青溪县', 2, 0, 1],
      ['unit', 1, '青溪县财政局', 3, 1, 1],
      ['unit', 2, '国库中心', 2, 1, 1],
      ['subtotal', 1, '青溪县财政局 小计', 5, 2, 2],
      ['total', 0, '合计', 7, 2, 3],
    ]);
    const total = table.rows.at(-1)!.cells;
    expect(total).toMatchObject({ headcount: 30, desktops: 4, laptops: 1, others: 2, osGenuine: 5, osNotGenuine: 0, officeGenuine: 4, officeNotGenuine: 1, antivirusGenuine: 4, antivirusNotGenuine: 1 });
    expect(total.allRate).toBeCloseTo(3 / 5);
    expect(total.officeDomestic).toBe(2);
    expect(total.osDomesticRate).toBeCloseTo(1 / 5);
    // A unit where nothing reports has no rate, not 0%.
    const empty = statisticsReport({ units, rootId: 3, machines: [m(3, { reporting: 'stale' })], asOf: table.asOf, generatedAt: table.generatedAt, lang: 'zh' });
    expect(empty.rows.at(-1)!.cells.osRate).toBeNull();
  });
});

describe('statistics as XLSX', () => {
  it('reads back as the paper form: title, unit and date, merged two-level headings, percentages, totals, print setup, signature line', async () => {
    const file = await renderReport(table, 'xlsx', 'zh');
    expect(file.fileName).toBe('统计表-青溪县-2026-11-20.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('青溪县软件正版化工作情况统计表');
    expect(ws.getCell('A2').value).toBe('填报单位：青溪县');
    expect(String(ws.getCell(2, 13).value)).toBe('截止日期：2026-11-20');
    // 单位名称 spans both heading rows; 计算机（台） spans its five columns, each named below.
    expect(ws.getCell('A4').master.address).toBe('A3');
    expect(ws.getCell('D3').value).toBe('计算机（台）');
    expect(ws.getCell('H3').master.address).toBe('D3');
    expect(['D4', 'E4', 'F4', 'G4', 'H4'].map((a) => ws.getCell(a).value)).toEqual(['计算机总数', '台式机', '便携机', '其他', '未上报']);
    expect(ws.getCell('I3').value).toBe('操作系统');
    expect(ws.getCell('K4').value).toBe('正版率');
    expect(ws.getCell('N4').value).toBe('正版率');
    expect(ws.getCell('P4').value).toBe('未安装或非正版');
    // Data from row 5; the last table row is the total, its rates formatted as percentages.
    const totalRow = 5 + table.rows.length - 1;
    expect(ws.getCell(totalRow, 1).value).toBe('合计');
    expect(ws.getCell(totalRow, 4).value).toBe(7);
    expect(ws.getCell(totalRow, 11).numFmt).toBe('0.00%');
    expect(ws.getCell(totalRow, 11).value).toBe(1);
    expect(ws.getCell(totalRow, 1).font.bold).toBe(true);
    expect(ws.getCell(7, 1).value).toBe('\u3000\u3000国库中心');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:4' });
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    for (const words of ['单位负责人（签字）：', '填报人：', '联系电话：', '填报日期：', '（盖章）']) expect(texts).toContain(words);
    expect(ws.getColumn(1).width).toBeGreaterThan(10);
  });

  it('has English headings and words with lang=en', async () => {
    const en = statisticsReport({ units, rootId: 1, machines, asOf: table.asOf, generatedAt: table.generatedAt, lang: 'en' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReport(en, 'xlsx', 'en')).body);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Software licensing statistics: 青溪县');
    expect(ws.getCell('D3').value).toBe('Computers');
    expect(ws.getCell(5 + en.rows.length - 1, 1).value).toBe('Total');
  });
});

describe('statistics as CSV', () => {
  it('is UTF-8 with a BOM, one heading row with the groups, rates as percentages', async () => {
    const file = await renderReport(table, 'csv', 'zh');
    const text = file.body.toString('utf8');
    expect(text.startsWith('\uFEFF单位名称,单位类别,编制人数,计算机（台） 计算机总数,')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + table.rows.length);
    const head = lines[0]!.split(',');
    const total = lines.at(-1)!.split(',');
    expect(total[0]).toBe('合计');
    expect(total[head.indexOf('操作系统 正版率')]).toBe('100.00%');
    expect(total[head.indexOf('三类软件均正版 正版率')]).toBe('60.00%');
  });
});
