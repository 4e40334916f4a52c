import type { ReportColumn, ReportLang, ReportRow, ReportTable } from '../schema/reports.js';
import type { MachineState } from './machine-state.js';
import { noticeDraft } from './notice-text.js';
import type { NoticeUnit, Stage } from './notice-unit.js';
import { countLines, rate, type Counts } from './statistics.js';
import type { ReportUnit } from './unit-tree.js';

/**
 * 通报: the progress notice an office publishes. Each unit directly below the report's
 * unit (with everything below it) is ranked by the share of its reporting computers
 * genuine on all three, and put in a stage: 已完成 (every reporting computer genuine),
 * 未开始 (none reporting, or, since the earlier date, no computer more made genuine) and
 * 整改中. With an earlier date, the rate then and the change. Pure.
 */
export interface NoticeInput {
  units: readonly ReportUnit[];
  rootId: number;
  machines: readonly MachineState[];
  /** The machines as of the earlier date (the last notice), when one was asked for. */
  before: { asOf: string; machines: readonly MachineState[] } | null;
  asOf: string;
  generatedAt: string;
  lang: ReportLang;
}

export const STAGE_WORDS: Record<Stage, { zh: string; en: string }> = {
  done: { zh: '已完成', en: 'Done' },
  fixing: { zh: '整改中', en: 'In progress' },
  'not-started': { zh: '未开始', en: 'Not started' },
};

export const NOTICE_COLUMNS: readonly ReportColumn[] = [
  { key: 'rank', zh: '排名', en: 'Rank', type: 'integer' },
  { key: 'unit', zh: '单位名称', en: 'Unit', type: 'text' },
  { key: 'computers', zh: '计算机总数', en: 'Computers', type: 'integer' },
  { key: 'reporting', zh: '已上报', en: 'Reporting', type: 'integer' },
  { key: 'allGenuine', zh: '三类均正版', en: 'Genuine on all three', type: 'integer' },
  { key: 'allRate', zh: '正版率', en: 'Genuine rate', type: 'rate' },
  { key: 'osRate', zh: '操作系统正版率', en: 'OS genuine rate', type: 'rate' },
  { key: 'officeRate', zh: '办公软件正版率', en: 'Office genuine rate', type: 'rate' },
  { key: 'antivirusRate', zh: '杀毒软件正版率', en: 'Antivirus genuine rate', type: 'rate' },
  { key: 'beforeRate', zh: '上期正版率', en: 'Rate before', type: 'rate' },
  { key: 'change', zh: '变化', en: 'Change', type: 'change' },
  { key: 'stage', zh: '进度', en: 'Stage', type: 'text' },
];

/** Each unit's whole subtree: its subtotal line, or its own line when it has no subunits. */
function subtreeCounts(units: readonly ReportUnit[], rootId: number, machines: readonly MachineState[]): Map<number, Counts> {
  const out = new Map<number, Counts>();
  const lines = countLines(units, rootId, machines);
  for (const l of lines) if (l.kind !== 'total') out.set(l.unit.id, l.value);
  // The root's own line holds only its own machines; its subtree is the total.
  out.set(rootId, lines.at(-1)!.value);
  return out;
}

function stageOf(now: Counts, before: Counts | null): Stage {
  if (now.reporting === 0) return 'not-started';
  if (now.allGenuine === now.reporting) return 'done';
  if (before !== null && now.allGenuine <= before.allGenuine) return 'not-started';
  return 'fixing';
}

/** The units below the report's unit (or it alone), best first, from each subtree's counts now and then. */
function rankedUnits(input: NoticeInput, now: Map<number, Counts>, then: Map<number, Counts> | null): NoticeUnit[] {
  const below = input.units.filter((u) => u.parentId === input.rootId);
  const ranked = below.length > 0 ? below : input.units.filter((u) => u.id === input.rootId);
  const rateOf = (c: Counts) => rate(c.allGenuine, c.reporting) ?? -1;
  return ranked
    .map((unit) => {
      const c = now.get(unit.id)!;
      const b = then?.get(unit.id) ?? null;
      return { unit, now: c, before: b, stage: stageOf(c, b) };
    })
    .sort((a, b) => rateOf(b.now) - rateOf(a.now) || a.unit.name.localeCompare(b.unit.name, 'zh'));
}

function cellsOf(c: Counts, before: Counts | null): ReportRow['cells'] {
  const now = rate(c.allGenuine, c.reporting);
  const then = before ? rate(before.allGenuine, before.reporting) : null;
  return {
    computers: c.computers,
    reporting: c.reporting,
    allGenuine: c.allGenuine,
    allRate: now,
    osRate: rate(c.genuine.os, c.reporting),
    officeRate: rate(c.genuine.office, c.reporting),
    antivirusRate: rate(c.genuine.antivirus, c.reporting),
    beforeRate: then,
    change: now !== null && then !== null ? now - then : null,
  };
}

export function noticeReport(input: NoticeInput): ReportTable {
  const { lang } = input;
  const now = subtreeCounts(input.units, input.rootId, input.machines);
  const then = input.before ? subtreeCounts(input.units, input.rootId, input.before.machines) : null;
  const ranked = rankedUnits(input, now, then);
  const root = input.units.find((u) => u.id === input.rootId);
  const total = now.get(input.rootId)!;
  const totalBefore = then?.get(input.rootId) ?? null;
  const rows: ReportRow[] = ranked.map((r, i) => ({
    kind: 'unit',
    level: 1,
    unitId: r.unit.id,
    cells: { rank: i + 1, unit: r.unit.name, ...cellsOf(r.now, r.before), stage: STAGE_WORDS[r.stage][lang] },
  }));
  rows.push({ kind: 'total', level: 0, unitId: input.rootId, cells: { rank: null, unit: lang === 'zh' ? '合计' : 'Total', ...cellsOf(total, totalBefore), stage: null } });
  const done = ranked.filter((r) => r.stage === 'done').length;
  const name = root?.name ?? '';
  return {
    report: 'notice',
    title: { zh: `${name}软件正版化工作进展情况通报`, en: `Software licensing progress notice: ${name}` },
    unit: name,
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    columns: [...NOTICE_COLUMNS],
    rows,
    notes: [
      {
        zh: `共 ${ranked.length} 个单位，已完成 ${done} 个，完成率 ${pct(rate(done, ranked.length))}。按三类软件均正版的计算机占已上报计算机的比例排名。`,
        en: `${ranked.length} units, ${done} done: ${pct(rate(done, ranked.length))}. Ranked by the share of reporting computers genuine on all three.`,
      },
      {
        zh: '已完成：已上报的计算机三类软件均为正版；未开始：没有计算机上报，或自上期以来没有新增正版计算机；其余为整改中。',
        en: 'Done: every reporting computer is genuine on all three; not started: no computer reporting, or none made genuine since the earlier date; the rest are in progress.',
      },
    ],
    draft: noticeDraft({ name, lang, asOf: input.asOf, before: input.before?.asOf ?? null, ranked, total, totalBefore }),
  };
}

export function pct(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(2)}%`;
}
