import type { ReportColumn, ReportLang, ReportRow, ReportTable, Words } from '../schema/reports.js';
import type { LicenceEventRow } from '../store/report-repo.js';
import type { MachineState } from './machine-state.js';
import { countLines, rate, type Counts } from './statistics.js';
import type { ReportUnit } from './unit-tree.js';

/**
 * 年度报告 data: per unit and year, the licences bought (sets and amount), renewed or
 * upgraded, reallocated out and in (调剂), and scrapped (报废), from the licence ledger's
 * events; and the share of computers genuine on all three at the start and at the end of
 * the year (or the report's date, within the year). Each unit's own licences; subtotals
 * and a total as in the statistics form. Pure.
 */
export interface AnnualInput {
  units: readonly ReportUnit[];
  rootId: number;
  year: number;
  events: readonly LicenceEventRow[];
  /** The machines on the year's first day, when the collector had any report by then. */
  start: readonly MachineState[] | null;
  end: readonly MachineState[];
  asOf: string;
  generatedAt: string;
  lang: ReportLang;
}

interface Flow {
  bought: number;
  boughtSets: number;
  boughtYuan: number;
  renewed: number;
  out: number;
  in: number;
  scrapped: number;
}

const none = (): Flow => ({ bought: 0, boughtSets: 0, boughtYuan: 0, renewed: 0, out: 0, in: 0, scrapped: 0 });
const plus = (a: Flow, b: Flow): Flow => ({
  bought: a.bought + b.bought, boughtSets: a.boughtSets + b.boughtSets, boughtYuan: a.boughtYuan + b.boughtYuan,
  renewed: a.renewed + b.renewed, out: a.out + b.out, in: a.in + b.in, scrapped: a.scrapped + b.scrapped,
});

const G = {
  bought: { zh: '购置', en: 'Bought' },
  moved: { zh: '调剂与报废（套）', en: 'Moved and scrapped (sets)' },
  rate: { zh: '三类软件均正版率', en: 'Genuine on all three' },
} satisfies Record<string, Words>;

export const ANNUAL_COLUMNS: readonly ReportColumn[] = [
  { key: 'unit', zh: '单位名称', en: 'Unit', type: 'text' },
  { key: 'bought', zh: '授权（项）', en: 'Licences', type: 'integer', group: G.bought },
  { key: 'boughtSets', zh: '套数', en: 'Sets', type: 'integer', group: G.bought },
  { key: 'boughtYuan', zh: '金额（元）', en: 'Amount (yuan)', type: 'money', group: G.bought },
  { key: 'renewed', zh: '续费或升级（项）', en: 'Renewed or upgraded', type: 'integer' },
  { key: 'out', zh: '调出', en: 'Reallocated out', type: 'integer', group: G.moved },
  { key: 'in', zh: '调入', en: 'Reallocated in', type: 'integer', group: G.moved },
  { key: 'scrapped', zh: '报废', en: 'Scrapped', type: 'integer', group: G.moved },
  { key: 'startRate', zh: '年初', en: 'Start of year', type: 'rate', group: G.rate },
  { key: 'endRate', zh: '年末', en: 'End of year', type: 'rate', group: G.rate },
];

function flows(events: readonly LicenceEventRow[]): Map<number, Flow> {
  const out = new Map<number, Flow>();
  const at = (unitId: number) => {
    let f = out.get(unitId);
    if (!f) out.set(unitId, (f = none()));
    return f;
  };
  for (const e of events) {
    const f = at(e.unitId);
    if (e.kind === 'purchase') {
      f.bought++;
      f.boughtSets += e.seats ?? 0;
      f.boughtYuan += e.priceYuan ?? 0;
    } else if (e.kind === 'renewal' || e.kind === 'upgrade') f.renewed++;
    else if (e.kind === 'disposal' && e.disposal === 'scrap') f.scrapped += e.seats ?? 0;
    else if (e.kind === 'disposal' && e.disposal === 'reallocation') {
      f.out += e.seats ?? 0;
      if (e.toUnitId !== null) at(e.toUnitId).in += e.seats ?? 0;
    }
  }
  return out;
}

export function annualReport(input: AnnualInput): ReportTable {
  const { lang } = input;
  const own = flows(input.events);
  const end = countLines(input.units, input.rootId, input.end);
  const start = input.start ? countLines(input.units, input.rootId, input.start) : null;
  // The same tree walk, so the lines of the three line up one for one.
  const flowLines = end.map((l, i) => ({ line: l, start: start?.[i]?.value ?? null }));
  const children = new Map<number, number[]>();
  for (const u of input.units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const sumFlow = (unitId: number): Flow => (children.get(unitId) ?? []).reduce((f, id) => plus(f, sumFlow(id)), own.get(unitId) ?? none());
  const allRate = (c: Counts | null) => (c ? rate(c.allGenuine, c.reporting) : null);
  const rows: ReportRow[] = flowLines.map(({ line, start: s }) => {
    const f = line.kind === 'unit' ? (own.get(line.unit.id) ?? none()) : sumFlow(line.unit.id);
    const label = line.kind === 'unit' ? line.unit.name : line.kind === 'subtotal' ? `${line.unit.name} ${lang === 'zh' ? '小计' : 'subtotal'}` : lang === 'zh' ? '合计' : 'Total';
    return {
      kind: line.kind,
      level: line.level,
      unitId: line.unit.id,
      cells: { unit: label, ...f, boughtYuan: Math.round(f.boughtYuan * 100) / 100, startRate: allRate(s), endRate: allRate(line.value) },
    };
  });
  const root = input.units.find((u) => u.id === input.rootId);
  const total = rows.at(-1)!.cells;
  const wan = ((total.boughtYuan as number) / 10_000).toFixed(2);
  return {
    report: 'annual',
    title: { zh: `${root?.name ?? ''}${input.year}年度软件正版化工作情况`, en: `Software licensing in ${input.year}: ${root?.name ?? ''}` },
    unit: root?.name ?? '',
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    columns: [...ANNUAL_COLUMNS],
    rows,
    notes: [
      {
        zh: `${input.year}年共购置授权 ${total.bought} 项 ${total.boughtSets} 套，金额 ${wan} 万元（以授权台账登记的价格计）；续费或升级 ${total.renewed} 项，调剂 ${total.out} 套，报废 ${total.scrapped} 套。正版率为已上报计算机中三类软件均为正版的比例${input.start ? '' : '；年初尚无上报记录'}。`,
        en: `In ${input.year}: ${total.bought} licences bought (${total.boughtSets} sets, ${wan} ten-thousand yuan at the ledger's prices); ${total.renewed} renewed or upgraded; ${total.out} sets reallocated; ${total.scrapped} scrapped. Rates are the share of reporting computers genuine on all three${input.start ? '' : '; nothing had reported at the start of the year'}.`,
      },
    ],
  };
}
