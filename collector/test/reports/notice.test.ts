import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/reports/formats/index.js';
import type { MachineState } from '../../src/reports/machine-state.js';
import { noticeReport } from '../../src/reports/notice.js';
import type { ReportUnit } from '../../src/reports/unit-tree.js';

const units: ReportUnit[] = [
  { id: 1, name: '青溪县', parentId: null, kind: 'county', code: null, headcount: null },
  { id: 2, name: '青溪县财政局', parentId: 1, kind: 'department', code: null, headcount: null },
  { id: 3, name: '国库中心', parentId: 2, kind: 'department', code: null, headcount: null },
  { id: 4, name: '青溪县教育局', parentId: 1, kind: 'department', code: null, headcount: null },
  { id: 5, name: '青溪县审计局', parentId: 1, kind: 'department', code: null, headcount: null },
  { id: 6, name: '青溪县统计局', parentId: 1, kind: 'department', code: null, headcount: null },
];
const yes = { os: true, office: true, antivirus: true };
const no = { os: false, office: false, antivirus: false };
const m = (unitId: number, count: number, o: Partial<MachineState> = {}): MachineState => ({ count, unitId, chassis: 'desktop', reporting: 'reporting', genuine: yes, domestic: no, licensed: true, failing: [], ...o });
const officeOff = { ...yes, office: false };

// Then: 财政局 2 of 4 genuine, 教育局 1 of 4, 审计局 0 of 2, 统计局 none reporting.
const before: MachineState[] = [m(2, 2), m(3, 2, { genuine: officeOff }), m(4, 1), m(4, 3, { genuine: officeOff }), m(5, 2, { genuine: officeOff }), m(6, 3, { reporting: 'pending', genuine: no })];
// Now: 财政局 all 4 (one in 国库中心), 教育局 still 1 of 4, 审计局 1 of 2, 统计局 still silent.
const now: MachineState[] = [m(2, 2), m(3, 2), m(4, 1), m(4, 3, { genuine: officeOff }), m(5, 1), m(5, 1, { genuine: officeOff }), m(6, 3, { reporting: 'stale', genuine: no })];
const input = { units, rootId: 1, machines: now, before: { asOf: '2026-11-03T15:59:59.999Z', machines: before }, asOf: '2026-11-20T15:59:59.999Z', generatedAt: '2026-12-06T10:00:00.000Z', lang: 'zh' as const };

describe('the notice', () => {
  const table = noticeReport(input);

  it('ranks the units below the report unit by their subtree rate, each in its stage, with the rate before and the change', () => {
    expect(table.rows.map((r) => [r.cells.rank, r.cells.unit, r.cells.reporting, r.cells.allGenuine, r.cells.stage])).toEqual([
      [1, '青溪县财政局', 4, 4, '已完成'],
      [2, '青溪县审计局', 2, 1, '整改中'],
      [3, '青溪县教育局', 4, 1, '未开始'], // nothing fixed since the last notice
      [4, '青溪县统计局', 0, 0, '未开始'], // nothing reporting
      [null, '合计', 10, 6, null],
    ]);
    expect(table.rows[0]!.cells.beforeRate).toBe(0.5);
    expect(table.rows[0]!.cells.change).toBe(0.5);
    expect(table.rows[3]!.cells.allRate).toBeNull();
    expect(table.notes[0]!.zh).toMatch(/^共 4 个单位，已完成 1 个，完成率 25.00%/);
  });

  it('drafts the notice text with the figures and the units by name', () => {
    const [first, change, done, fixing, idle] = table.draft!.paragraphs;
    expect(table.draft!.title).toBe('关于青溪县软件正版化工作进展情况的通报');
    expect(table.draft!.date).toBe('2026年11月20日');
    expect(first).toMatch(/^截至2026年11月20日，全青溪县各单位共有计算机13台，其中台式机13台，.*已上报10台，未上报3台。/);
    expect(first).toContain('三类软件均为正版的6台，正版率60.00%');
    expect(change).toBe('与2026年11月3日相比，三类软件均为正版的计算机由3台增至6台，正版率提高30.00个百分点。');
    expect(done).toContain('（1个）：青溪县财政局。');
    expect(fixing).toContain('（1个）：青溪县审计局。');
    expect(idle).toContain('（2个）：青溪县教育局、青溪县统计局。以上单位工作进展缓慢，予以通报批评');
  });

  it('without an earlier date, a unit with something fixed is in progress, and there is no comparison', () => {
    const alone = noticeReport({ ...input, before: null });
    expect(alone.rows.find((r) => r.cells.unit === '青溪县教育局')!.cells.stage).toBe('整改中');
    expect(alone.rows[0]!.cells.beforeRate).toBeNull();
    expect(alone.draft!.paragraphs[1]).toMatch(/^一、已完成/);
  });

  it('is a DOCX: the title, the text, and the table with its signed changes', async () => {
    const file = await renderReport(table, 'docx', 'zh');
    expect(file.fileName).toBe('通报-青溪县-2026-11-20.docx');
    const xml = await (await JSZip.loadAsync(file.body)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const words of ['关于青溪县软件正版化工作进展情况的通报', '三类软件均为正版的6台', '附表：各单位软件正版化工作进展情况', '+50.00%', '2026年11月20日']) {
      expect(text).toContain(words);
    }
    expect(xml).toContain('w:orient="landscape"');
  });

  it('refuses DOCX for a report without a draft', async () => {
    const { statisticsReport } = await import('../../src/reports/statistics.js');
    const stats = statisticsReport({ units, rootId: 1, machines: now, asOf: input.asOf, generatedAt: input.generatedAt, lang: 'zh' });
    await expect(renderReport(stats, 'docx', 'zh')).rejects.toMatchObject({ code: 'E_INVALID', status: 400 });
  });
});
