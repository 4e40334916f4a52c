import { describe, expect, it } from 'vitest';
import { annualReport } from '../../src/reports/annual.js';
import type { MachineState } from '../../src/reports/machine-state.js';
import type { ReportUnit } from '../../src/reports/unit-tree.js';
import type { LicenceEventRow } from '../../src/store/report-repo.js';

const units: ReportUnit[] = [
  { id: 1, name: '青溪县', parentId: null, kind: 'county', code: null, headcount: null },
  { id: 2, name: '青溪县财政局', parentId: 1, kind: 'department', code: null, headcount: null },
  { id: 3, name: '青石镇人民政府', parentId: 1, kind: 'town', code: null, headcount: null },
];
const e = (unitId: number, kind: LicenceEventRow['kind'], o: Partial<LicenceEventRow> = {}): LicenceEventRow => ({ unitId, kind, disposal: null, date: '2026-03-01', seats: null, toUnitId: null, priceYuan: null, ...o });
const events: LicenceEventRow[] = [
  e(2, 'purchase', { seats: 20, priceYuan: 23600 }),
  e(2, 'purchase', { seats: 5, priceYuan: null }),
  e(2, 'renewal'),
  e(3, 'upgrade'),
  e(2, 'disposal', { disposal: 'reallocation', seats: 3, toUnitId: 3 }),
  e(3, 'disposal', { disposal: 'scrap', seats: 4 }),
  e(1, 'install'),
];
const yes = { os: true, office: true, antivirus: true };
const no = { os: false, office: false, antivirus: false };
const m = (unitId: number, count: number, genuine = yes): MachineState => ({ count, unitId, chassis: 'desktop', reporting: 'reporting', genuine, domestic: no, licensed: genuine.os && genuine.office && genuine.antivirus, failing: [] });

describe('the annual report', () => {
  const base = { units, rootId: 1, year: 2026, events, end: [m(2, 4), m(3, 1), m(3, 1, { ...yes, office: false })], asOf: '2026-11-20T15:59:59.999Z', generatedAt: '2026-12-06T10:00:00.000Z', lang: 'zh' as const };

  it('adds up each unit’s licence events of the year, reallocation counted out of one unit and into the other', () => {
    const table = annualReport({ ...base, start: [m(2, 4, { ...yes, os: false }), m(3, 2)] });
    expect(table.rows.map((r) => [r.cells.unit, r.cells.bought, r.cells.boughtSets, r.cells.boughtYuan, r.cells.renewed, r.cells.out, r.cells.in, r.cells.scrapped, r.cells.startRate, r.cells.endRate])).toEqual([
      ['青溪县', 0, 0, 0, 0, 0, 0, 0, null, null],
      // Subunits in pinyin order: 青石 (shi) before 青溪 (xi).
      ['青石镇人民政府', 0, 0, 0, 1, 0, 3, 4, 1, 0.5],
      ['青溪县财政局', 2, 25, 23600, 1, 3, 0, 0, 0, 1],
      ['合计', 2, 25, 23600, 2, 3, 3, 4, 2 / 6, 5 / 6],
    ]);
    expect(table.title.zh).toBe('青溪县2026年度软件正版化工作情况');
    expect(table.notes[0]!.zh).toMatch(/^2026年共购置授权 2 项 25 套，金额 2\.36 万元/);
  });

  it('has no start-of-year rates when nothing had reported by then, and says so', () => {
    const table = annualReport({ ...base, start: null });
    expect(table.rows.every((r) => r.cells.startRate === null)).toBe(true);
    expect(table.notes[0]!.zh).toMatch(/年初尚无上报记录/);
  });
});
