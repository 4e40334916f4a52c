import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../support/registry.js';
import type { Outlined } from '../../src/reports/finding-outline.js';
import { procurementReport, type NeedGroup } from '../../src/reports/procurement.js';
import type { ReportUnit } from '../../src/reports/unit-tree.js';

const units: ReportUnit[] = [
  { id: 1, name: '青溪县', parentId: null, kind: 'county', code: null, headcount: null },
  { id: 2, name: '青溪县财政局', parentId: 1, kind: 'department', code: null, headcount: null },
];
const f = (category: Outlined['category'], subject: string, code: Outlined['code'], productId: string | null, passed = false): Outlined => ({ category, subject, code, passed, productId });
const office = 'Microsoft Office Professional Plus 2016';
const needs: NeedGroup[] = [
  // Three PCs whose Office has no licence: two findings say so (activation and entitlement); one licence each.
  { unitId: 2, count: 3, findings: [f('os', 'Debian', 'licensed', 'debian', true), f('office', office, 'no-entitlement', 'ms-office'), f('office', office, 'unknown', 'ms-office')] },
  { unitId: 2, count: 2, findings: [f('office', office, 'over-allocated', 'ms-office'), f('other', 'WinRAR 6.24', 'no-entitlement', 'winrar'), f('antivirus', '360安全卫士', 'personal-use-only', '360-consumer')] },
  // A crack is no product to buy, and a licensed PC needs nothing.
  { unitId: 1, count: 4, findings: [f('office', 'KMSpico', 'crack-activator', 'kmspico'), f('office', office, 'licensed', 'ms-office', true)] },
];

describe('the procurement table', () => {
  const catalog = builtinCatalog();
  const table = procurementReport({
    units, rootId: 1, needs, product: (id) => catalog.product(id), products: catalog.products,
    prices: new Map([['ms-office', 1180]]), asOf: '2026-11-20T15:59:59.999Z', generatedAt: '2026-12-06T10:00:00.000Z', lang: 'zh',
  });

  it('counts one set per computer and product, with why, a domestic alternative and the estimate', () => {
    expect(table.rows.map((r) => [r.cells.unit, r.cells.category, r.cells.software, r.cells.sets, r.cells.reasons, r.cells.alternative, r.cells.amount])).toEqual([
      ['青溪县财政局', '办公软件', office, 5, '无授权 3，超出授权数量 2', 'WPS Office 办公软件', 5900],
      ['青溪县财政局', '杀毒软件', '360安全卫士', 2, '个人版 2', null, null],
      ['青溪县财政局', '其他软件', 'WinRAR 6.24', 2, '无授权 2', null, null],
      ['合计', null, null, 9, null, null, 5900],
    ]);
    expect(table.notes[0]!.zh).toMatch(/^共需采购 9 套，估算金额 0\.59 万元（按登记的已购授权单价估算；2 项无价格可参考，未计入）/);
  });
});
