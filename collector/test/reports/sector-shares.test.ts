import { describe, expect, it } from 'vitest';
import type { MachineState } from '../../src/reports/machine-state.js';
import { statisticsReport } from '../../src/reports/statistics.js';
import type { ReportUnit } from '../../src/reports/unit-tree.js';

const units: ReportUnit[] = [
  { id: 1, name: '青溪县', parentId: null, kind: 'county', code: '01', headcount: null },
  { id: 2, name: '青溪县教育局', parentId: 1, kind: 'department', code: '02', headcount: 30, sector: 'organ' },
  { id: 3, name: '青溪县教研室', parentId: 2, kind: 'other', code: '03', headcount: 12, sector: 'institution' },
  { id: 4, name: '青溪县财政局', parentId: 1, kind: 'department', code: '04', headcount: 20 },
];
const yes = { os: true, office: true, antivirus: true };
const no = { os: false, office: false, antivirus: false };
const m = (unitId: number, count: number, genuine = yes): MachineState => ({ count, unitId, chassis: 'desktop', reporting: 'reporting', genuine, domestic: no, licensed: genuine.os && genuine.office && genuine.antivirus, failing: [] });

describe('机关本级 and 直属事业单位 apart', () => {
  const table = statisticsReport({
    units, rootId: 1, lang: 'zh', asOf: '2026-11-20T15:59:59.999Z', generatedAt: '2026-12-06T10:00:00.000Z',
    machines: [m(2, 5), m(2, 1, no), m(3, 4, no), m(4, 3)],
  });

  it('splits a subtotal and the total by sector, a unit that does not say counting as an office', () => {
    expect(table.rows.map((r) => [r.kind, r.cells.unit, r.cells.computers, r.cells.allGenuine, r.cells.headcount])).toEqual([
      ['unit', '青溪县', 0, 0, null],
      ['unit', '青溪县教育局', 6, 5, 30],
      ['unit', '青溪县教研室', 4, 0, 12],
      ['subtotal', '青溪县教育局 小计', 10, 5, 42],
      ['share', '其中：机关本级', 6, 5, 30],
      ['share', '其中：直属事业单位', 4, 0, 12],
      ['unit', '青溪县财政局', 3, 3, 20],
      ['total', '合计', 13, 8, 62],
      ['share', '其中：机关本级', 9, 8, 50],
      ['share', '其中：直属事业单位', 4, 0, 12],
    ]);
    expect(table.notes.at(-1)!.zh).toMatch(/^“其中”各行/);
  });

  it('adds no share lines where every unit is an office', () => {
    const offices = statisticsReport({ units: units.filter((u) => u.id !== 3), rootId: 1, lang: 'zh', asOf: table.asOf, generatedAt: table.generatedAt, machines: [m(2, 5)] });
    expect(offices.rows.some((r) => r.kind === 'share')).toBe(false);
    expect(offices.notes.some((n) => n.zh.startsWith('“其中”'))).toBe(false);
  });
});
