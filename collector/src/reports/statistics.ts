import type { ReportColumn, ReportLang, ReportRow, ReportTable, Words } from '../schema/reports.js';
import type { UnitSector } from '../schema/units.js';
import { CHECKED, type Checked, type MachineState } from './machine-state.js';
import { withShares } from './sector-shares.js';
import { treeLines, type ReportUnit, type TreeLine } from './unit-tree.js';

/**
 * 软件正版化工作情况统计表, the statistics form each unit files (shared/domain/forms.md):
 * per unit its computers by kind, and for the operating system, office software and
 * antivirus how many are genuine, not genuine and the rate; machines genuine on all
 * three; domestic products; machines not reporting, counted apart and never genuine.
 * Rates are over the reporting machines. Pure: units and machine states in, table out.
 */
export interface StatisticsInput {
  units: readonly ReportUnit[];
  rootId: number;
  machines: readonly MachineState[];
  asOf: string;
  generatedAt: string;
  lang: ReportLang;
}

/** What a report counts of a unit's machines. */
export interface Counts {
  headcount: number | null;
  computers: number;
  desktops: number;
  laptops: number;
  others: number;
  notReporting: number;
  reporting: number;
  genuine: Record<Checked, number>;
  allGenuine: number;
  /** Reporting machines whose verdict is licensed (other software too); not a column of the form. */
  licensed: number;
  domestic: Record<Checked, number>;
}

export const zero = (): Counts => ({
  headcount: null, computers: 0, desktops: 0, laptops: 0, others: 0, notReporting: 0, reporting: 0,
  genuine: { os: 0, office: 0, antivirus: 0 }, allGenuine: 0, licensed: 0, domestic: { os: 0, office: 0, antivirus: 0 },
});

function addMachines(c: Counts, m: MachineState): void {
  const n = m.count;
  c.computers += n;
  if (m.chassis === 'desktop') c.desktops += n;
  else if (m.chassis === 'laptop') c.laptops += n;
  else c.others += n;
  if (m.reporting !== 'reporting') {
    c.notReporting += n;
    return;
  }
  c.reporting += n;
  for (const k of CHECKED) {
    if (m.genuine[k]) c.genuine[k] += n;
    if (m.domestic[k]) c.domestic[k] += n;
  }
  if (CHECKED.every((k) => m.genuine[k])) c.allGenuine += n;
  if (m.licensed) c.licensed += n;
}

export function add(a: Counts, b: Counts): Counts {
  const sum = (x: Record<Checked, number>, y: Record<Checked, number>) => ({ os: x.os + y.os, office: x.office + y.office, antivirus: x.antivirus + y.antivirus });
  return {
    headcount: a.headcount === null && b.headcount === null ? null : (a.headcount ?? 0) + (b.headcount ?? 0),
    computers: a.computers + b.computers,
    desktops: a.desktops + b.desktops,
    laptops: a.laptops + b.laptops,
    others: a.others + b.others,
    notReporting: a.notReporting + b.notReporting,
    reporting: a.reporting + b.reporting,
    genuine: sum(a.genuine, b.genuine),
    allGenuine: a.allGenuine + b.allGenuine,
    licensed: a.licensed + b.licensed,
    domestic: sum(a.domestic, b.domestic),
  };
}

export const rate = (n: number, of: number): number | null => (of === 0 ? null : n / of);

const G = {
  computers: { zh: '计算机（台）', en: 'Computers' },
  os: { zh: '操作系统', en: 'Operating system' },
  office: { zh: '办公软件', en: 'Office software' },
  antivirus: { zh: '杀毒软件', en: 'Antivirus' },
  all: { zh: '三类软件均正版', en: 'Genuine on all three' },
  domestic: { zh: '国产软件', en: 'Domestic software' },
} satisfies Record<string, Words>;

const col = (key: string, zh: string, en: string, type: ReportColumn['type'], group?: Words): ReportColumn => (group ? { key, zh, en, type, group } : { key, zh, en, type });

export const STATISTICS_COLUMNS: readonly ReportColumn[] = [
  col('unit', '单位名称', 'Unit', 'text'),
  col('kind', '单位类别', 'Unit type', 'text'),
  col('headcount', '编制人数', 'Staff', 'integer'),
  col('computers', '计算机总数', 'Total', 'integer', G.computers),
  col('desktops', '台式机', 'Desktops', 'integer', G.computers),
  col('laptops', '便携机', 'Laptops', 'integer', G.computers),
  col('others', '其他', 'Other', 'integer', G.computers),
  col('notReporting', '未上报', 'Not reporting', 'integer', G.computers),
  ...CHECKED.flatMap((k) => [
    col(`${k}Genuine`, '正版数', 'Genuine', 'integer', G[k]),
    col(`${k}NotGenuine`, k === 'antivirus' ? '未安装或非正版' : '非正版数', k === 'antivirus' ? 'Missing or not genuine' : 'Not genuine', 'integer', G[k]),
    col(`${k}Rate`, '正版率', 'Genuine rate', 'rate', G[k]),
  ]),
  col('allGenuine', '台数', 'Computers', 'integer', G.all),
  col('allRate', '正版率', 'Rate', 'rate', G.all),
  ...CHECKED.flatMap((k) => [
    col(`${k}Domestic`, `国产${G[k].zh}`, `Domestic ${G[k].en.toLowerCase()}`, 'integer', G.domestic),
    col(`${k}DomesticRate`, `${G[k].zh}国产化率`, `${G[k].en} domestic rate`, 'rate', G.domestic),
  ]),
];

/** A unit's kind as the forms' 单位类别 column writes it. */
export function unitKindWords(kind: string): Words {
  return KIND_WORDS[kind] ?? KIND_WORDS.other!;
}

const KIND_WORDS: Record<string, Words> = {
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
  county: { zh: '县级', en: 'County' },
  department: { zh: '部门', en: 'Department' },
  town: { zh: '乡镇（街道）', en: 'Town' },
  other: { zh: '其他', en: 'Other' },
};

function cells(c: Counts): ReportRow['cells'] {
  const out: ReportRow['cells'] = {
    headcount: c.headcount,
    computers: c.computers,
    desktops: c.desktops,
    laptops: c.laptops,
    others: c.others,
    notReporting: c.notReporting,
    allGenuine: c.allGenuine,
    allRate: rate(c.allGenuine, c.reporting),
  };
  for (const k of CHECKED) {
    out[`${k}Genuine`] = c.genuine[k];
    out[`${k}NotGenuine`] = c.reporting - c.genuine[k];
    out[`${k}Rate`] = rate(c.genuine[k], c.reporting);
    out[`${k}Domestic`] = c.domestic[k];
    out[`${k}DomesticRate`] = rate(c.domestic[k], c.reporting);
  }
  return out;
}

const LABELS = { subtotal: { zh: '小计', en: 'subtotal' }, total: { zh: '合计', en: 'Total' } } satisfies Record<string, Words>;

/** The share lines' labels (机关本级 and 直属事业单位 as the national annual report names them). */
const SHARE_LABELS: Record<UnitSector, Words> = {
  organ: { zh: '其中：机关本级', en: 'of which: offices' },
  institution: { zh: '其中：直属事业单位', en: 'of which: public institutions' },
  enterprise: { zh: '其中：企业', en: 'of which: enterprises' },
};

/** Each unit's own machines counted (units without machines are absent). */
export function ownCounts(machines: readonly MachineState[]): Map<number, Counts> {
  const own = new Map<number, Counts>();
  for (const m of machines) {
    let c = own.get(m.unitId);
    if (!c) own.set(m.unitId, (c = zero()));
    addMachines(c, m);
  }
  return own;
}

/** The counts of each unit's own machines and of each subtree, in the form's order. */
export function countLines(units: readonly ReportUnit[], rootId: number, machines: readonly MachineState[]): TreeLine<Counts>[] {
  const own = ownCounts(machines);
  return treeLines(units, rootId, (u) => ({ ...(own.get(u.id) ?? zero()), headcount: u.headcount }), add);
}

export function statisticsReport(input: StatisticsInput): ReportTable {
  const lang = input.lang;
  const lines = withShares(countLines(input.units, input.rootId, input.machines), input.units, add);
  const root = input.units.find((u) => u.id === input.rootId);
  const label = (l: (typeof lines)[number]): string => {
    if (l.kind === 'share') return SHARE_LABELS[l.sector][lang];
    return l.kind === 'unit' ? l.unit.name : l.kind === 'subtotal' ? `${l.unit.name} ${LABELS.subtotal[lang]}` : LABELS.total[lang];
  };
  const rows: ReportRow[] = lines.map((l) => ({
    kind: l.kind,
    level: l.level,
    unitId: l.unit.id,
    cells: { unit: label(l), kind: l.kind === 'unit' ? unitKindWords(l.unit.kind)[lang] : null, ...cells(l.value) },
  }));
  return {
    report: 'statistics',
    title: { zh: `${root?.name ?? ''}软件正版化工作情况统计表`, en: `Software licensing statistics: ${root?.name ?? ''}` },
    unit: root?.name ?? '',
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    columns: [...STATISTICS_COLUMNS],
    rows,
    notes: [
      {
        zh: '正版率以已上报的计算机为基数；未上报（从未上报，或超过上报期限未再上报）的计算机单列，不计入正版。',
        en: 'Rates are over the computers reporting; computers not reporting (never, or not within the reporting window) are counted apart and never as genuine.',
      },
      {
        zh: '杀毒软件“未安装或非正版”含未安装杀毒软件的计算机；国产化率为使用国产产品的已上报计算机所占比例。',
        en: 'Antivirus "missing or not genuine" includes computers with no antivirus; a domestic rate is the share of reporting computers using a domestic product.',
      },
      ...(lines.some((l) => l.kind === 'share') ? [SHARE_NOTE] : []),
    ],
  };
}

const SHARE_NOTE: Words = {
  zh: '“其中”各行将小计或合计按单位性质（机关、事业单位、企业）分列；未填单位性质的单位计入机关。',
  en: 'The "of which" lines split a subtotal or the total by the units\' sector (office, public institution, enterprise); a unit that does not say counts as an office.',
};
