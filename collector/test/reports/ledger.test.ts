import type { Finding } from '@zhengban/shared';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/reports/formats/index.js';
import { ledgerItems } from '../../src/reports/ledger-items.js';
import { ledgerReport } from '../../src/reports/ledger.js';
import type { ReportUnit } from '../../src/reports/unit-tree.js';
import { builtinCatalog } from '../support/registry.js';

const catalog = builtinCatalog();
const product = (id: string) => catalog.product(id);

/** A finding as classify/ writes one: its facts are what the ledger reads. */
const f = (category: Finding['category'], subject: string, code: Finding['code'], facts: string[], passed = code === 'licensed'): Finding => ({
  category, subject, code, passed, message: '', messageZh: '', facts,
});

const WINDOWS = 'Microsoft Windows 10 Pro';
const windowsFacts = ['os.name = Microsoft Windows 10 Pro', 'catalog.product = windows (rule windows/client-name)', 'catalog.edition = pro', 'catalog.release = 10'];
const OFFICE = 'Microsoft Office Professional Plus 2016';
const officeFacts = ['office[0].name = Microsoft Office Professional Plus 2016', 'catalog.product = ms-office (rule ms-office/name)', 'catalog.edition = professional-plus', 'catalog.release = 2016'];

describe('the copies in use a verdict speaks of', () => {
  it('makes one copy of a product however many findings name it, licensed as the verdict says', () => {
    const items = ledgerItems([
      f('os', WINDOWS, 'licensed', windowsFacts),
      f('os', WINDOWS, 'licensed', [...windowsFacts, 'entitlement = OEM key in the PC firmware']),
      f('office', OFFICE, 'licensed', officeFacts),
      f('office', OFFICE, 'licensed', [...officeFacts, 'licence = #12 ms-office/professional-plus kms, unit 青溪县']),
      f('antivirus', '火绒终端安全管理系统', 'disabled', ['antivirus[0].name = 火绒终端安全管理系统', 'catalog.product = huorong (rule huorong/name)']),
    ], product);
    expect(items.map((i) => [i.category, i.productId, i.basis, i.licence, i.problems])).toEqual([
      ['os', 'windows', 'oem', { kind: 'firmware' }, []],
      ['office', 'ms-office', 'licensed', { kind: 'registry', id: 12, model: 'kms' }, []],
      // Protection switched off is a finding, not an unlicensed copy.
      ['antivirus', 'huorong', 'licensed', null, ['disabled']],
    ]);
    expect(items[0]).toMatchObject({ editionId: 'pro', release: '10', subject: WINDOWS });
  });

  it('counts a copy with any licence finding failed as not licensed, an OEM licence as OEM, and leaves crack tools and absences out', () => {
    const items = ledgerItems([
      f('os', WINDOWS, 'licensed', [...windowsFacts, 'licence = #3 windows/pro oem, unit 青溪县统计局']),
      f('office', OFFICE, 'crack-activator', officeFacts),
      f('office', 'KMSpico', 'crack-activator', ['catalog.product = kmspico (rule kmspico/name)']),
      f('antivirus', '(none)', 'missing', []),
      f('other', 'Internet Download Manager', 'denied-software', ['software[3].name = Internet Download Manager']),
      f('office', 'LibreOffice 7.4', 'licensed', ['office[1].name = LibreOffice 7.4', 'catalog.product = libreoffice (rule libreoffice/name)']),
    ], product);
    expect(items.map((i) => [i.productId, i.subject, i.basis, i.problems])).toEqual([
      ['windows', WINDOWS, 'oem', []],
      ['ms-office', OFFICE, 'unlicensed', ['crack-activator']],
      [null, 'Internet Download Manager', 'unlicensed', ['denied-software']],
      ['libreoffice', 'LibreOffice 7.4', 'free', []],
    ]);
  });
});

describe('the ledger report', () => {
  const units: ReportUnit[] = [
    { id: 1, name: '青溪县', parentId: null, kind: 'county', code: null, headcount: 10 },
    { id: 2, name: '青溪县财政局', parentId: 1, kind: 'department', code: null, headcount: 20 },
  ];
  const licensed = ledgerItems([f('os', WINDOWS, 'licensed', [...windowsFacts, 'entitlement = OEM key in the PC firmware']), f('office', OFFICE, 'no-entitlement', officeFacts)], product);
  const table = ledgerReport({
    units, rootId: 1, product, lang: 'zh', asOf: '2026-11-20T15:59:59.999Z', generatedAt: '2026-12-06T10:00:00.000Z', since: '2025-12-31T16:00:00.000Z',
    machines: [
      { id: 'a', hostname: 'CZJ-01', unitId: 2, user: '王伟', assetNumber: 'QX-CZJ-0001', state: 'reporting', lastReport: '2026-11-19T10:00:00.000Z', items: licensed },
      { id: 'b', hostname: 'CZJ-02', unitId: 2, user: null, assetNumber: null, state: 'stale', lastReport: '2026-10-01T10:00:00.000Z', items: [] },
      { id: 'c', hostname: 'XB-01', unitId: 1, user: '李娜', assetNumber: null, state: 'reporting', lastReport: '2026-11-19T10:00:00.000Z', items: licensed },
    ],
    changes: [
      { at: '2026-11-19T10:00:00.000Z', machineId: 'a', hostname: 'CZJ-01', user: '王伟', unitId: 2, action: 'install', program: 'Microsoft Office Professional Plus 2019', version: '16.0.10', productId: 'ms-office' },
      { at: '2026-11-19T10:00:00.000Z', machineId: 'a', hostname: 'CZJ-01', user: '王伟', unitId: 2, action: 'remove', program: 'Microsoft Office Professional Plus 2016', version: '16.0.4', productId: 'ms-office' },
      { at: '2026-11-02T10:00:00.000Z', machineId: 'c', hostname: 'XB-01', user: '李娜', unitId: 1, action: 'install', program: 'WinRAR 6.24', version: '6.24', productId: 'winrar' },
    ],
  });

  it('sums the copies per unit, subtree and total; a computer not reporting is counted apart with none', () => {
    expect(table.rows.map((r) => [r.kind, r.cells.unit, r.cells.computers, r.cells.notReporting, r.cells.licensed, r.cells.unlicensed, r.cells.oem, r.cells.copies])).toEqual([
      ['unit', '青溪县', 1, 0, 0, 1, 1, 2],
      ['unit', '青溪县财政局', 2, 1, 0, 1, 1, 2],
      ['total', '合计', 3, 1, 0, 2, 2, 4],
    ]);
  });

  it('lists each copy per computer and its user, and an upgrade as a removal then an install', () => {
    const [detail, changes] = table.parts!;
    expect(detail!.rows.map((r) => [r.cells.unit, r.cells.user, r.cells.hostname, r.cells.software, r.cells.edition, r.cells.licence, r.cells.state])).toEqual([
      ['青溪县', '李娜', 'XB-01', 'Windows 桌面操作系统', '10 专业版', '电脑固件中的 OEM 密钥', '正版'],
      ['青溪县', '李娜', 'XB-01', 'Microsoft Office 办公套件', '2016 专业增强版', '无', '无授权'],
      ['青溪县财政局', '王伟', 'CZJ-01', 'Windows 桌面操作系统', '10 专业版', '电脑固件中的 OEM 密钥', '正版'],
      ['青溪县财政局', '王伟', 'CZJ-01', 'Microsoft Office 办公套件', '2016 专业增强版', '无', '无授权'],
      ['青溪县财政局', null, 'CZJ-02', null, null, null, '超过上报期限未上报（最近上报 2026-10-01）'],
    ]);
    expect(changes!.rows.map((r) => [r.kind, r.cells.software, r.cells.action, r.cells.version, r.cells.date])).toEqual([
      ['unit', 'Microsoft Office 办公套件', '卸载', '16.0.4', '2026-11-19'],
      ['unit', 'Microsoft Office 办公套件', '安装', '16.0.10', '2026-11-19'],
      ['subtotal', 'Microsoft Office 办公套件', '小计：安装 1 次，卸载 1 次', null, null],
      ['unit', 'WinRAR 压缩软件', '安装', '6.24', '2026-11-02'],
      ['subtotal', 'WinRAR 压缩软件', '小计：安装 1 次，卸载 0 次', null, null],
    ]);
    expect(changes!.notes[0]!.zh).toMatch(/^2026-01-01 至 2026-11-20，2 种软件，安装 2 次，卸载 1 次/);
  });

  it('draws the three tables as three worksheets, and as three sections of the CSV', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderReport(table, 'xlsx', 'zh')).body);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['附表1 软件使用情况汇总表', '附表2 软件使用情况明细表', '附表3 软件安装维护情况明细表']);
    expect(wb.worksheets[1]!.getCell('A1').value).toBe('青溪县软件资产台账 附表2 软件使用情况明细表');
    expect(wb.worksheets[1]!.getCell('B5').value).toBe('李娜');
    const csv = (await renderReport(table, 'csv', 'zh')).body.toString('utf8').split('\r\n');
    expect(csv.filter((l) => l.startsWith('青溪县软件资产台账'))).toEqual(['青溪县软件资产台账 附表2 软件使用情况明细表', '青溪县软件资产台账 附表3 软件安装维护情况明细表']);
    const en = new ExcelJS.Workbook();
    await en.xlsx.load((await renderReport(ledgerReportEn(), 'xlsx', 'en')).body);
    expect(en.worksheets.map((w) => w.name)).toEqual(['Table 1 by unit', 'Table 2 by computer', 'Table 3 installs, removals']);
  });

  function ledgerReportEn() {
    return ledgerReport({ units, rootId: 1, product, lang: 'en', asOf: table.asOf, generatedAt: table.generatedAt, since: '2025-12-31T16:00:00.000Z', machines: [], changes: [] });
  }
});
