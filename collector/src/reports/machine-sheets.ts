import type { Finding, VerdictStatus } from '@zhengban/shared';
import type { ReportColumn, ReportLang, ReportRow, ReportTable } from '../schema/reports.js';
import type { MachineFacts } from '../store/machine-facts.js';
import { CATEGORY_WORDS, FINDING_WORDS } from './finding-words.js';

/**
 * 计算机软件安装情况检查表: the sheet the national self-check tool prints per PC, made for
 * every machine of a unit at once: who uses it and its asset number, the machine and its
 * operating system, then each finding of its verdict (OS, office, antivirus, other
 * software flagged) with the conclusion and the facts it rests on, and the lines the user
 * and the inspector sign. Pure.
 */
export interface SheetMachine {
  id: string;
  hostname: string;
  unit: string;
  user: string | null;
  assetNumber: string | null;
  facts: MachineFacts | null;
  /** Not reporting: never judged, or silent past the window, as of the moment. */
  state: 'reporting' | 'stale' | 'pending';
  lastReport: string | null;
  verdict: { status: VerdictStatus; decidedAt: string; findings: readonly Finding[] } | null;
}

export interface SheetsInput {
  unit: string;
  machines: readonly SheetMachine[];
  asOf: string;
  generatedAt: string;
  lang: ReportLang;
}

export const SHEET_COLUMNS: readonly ReportColumn[] = [
  { key: 'hostname', zh: '计算机名', en: 'Computer', type: 'text' },
  { key: 'user', zh: '使用人', en: 'User', type: 'text' },
  { key: 'assetNumber', zh: '资产编号', en: 'Asset number', type: 'text' },
  { key: 'category', zh: '类别', en: 'Category', type: 'text' },
  { key: 'subject', zh: '软件', en: 'Software', type: 'text' },
  { key: 'conclusion', zh: '结论', en: 'Conclusion', type: 'text' },
  { key: 'message', zh: '说明', en: 'Explanation', type: 'text' },
  { key: 'evidence', zh: '依据', en: 'Evidence', type: 'text' },
];

const W = {
  unit: { zh: '单位', en: 'Unit' },
  machine: { zh: '制造商及型号', en: 'Make and model' },
  serial: { zh: '序列号', en: 'Serial number' },
  os: { zh: '操作系统', en: 'Operating system' },
  lastReport: { zh: '最近上报', en: 'Last report' },
  result: { zh: '检查结论', en: 'Result' },
  notReporting: { zh: '未上报：没有可检查的记录', en: 'Not reporting: nothing to check' },
  stale: { zh: '超过上报期限未再上报，以下为最后一次上报时的结论', en: 'Silent past the reporting window: the conclusions of its last report' },
  licensed: { zh: '正版', en: 'Licensed' },
  unauthorized: { zh: '存在问题', en: 'Not compliant' },
  more: { zh: '……另有 N 条（见平台上的判定详情）', en: '… N more (see the verdict on the collector)' },
};

/** Evidence is quoted whole on the sheet; a long list is cut to what a page holds. */
const MAX_FACTS = 6;

function rowsOf(m: SheetMachine, lang: ReportLang): ReportRow[] {
  const base = { hostname: m.hostname, user: m.user, assetNumber: m.assetNumber };
  if (!m.verdict) return [{ kind: 'unit', level: 0, sheet: m.id, cells: { ...base, category: null, subject: null, conclusion: W.notReporting[lang], message: null, evidence: null } }];
  return m.verdict.findings.map((f) => ({
    kind: 'unit' as const,
    level: 0,
    sheet: m.id,
    cells: {
      ...base,
      category: CATEGORY_WORDS[f.category][lang],
      subject: f.subject,
      conclusion: FINDING_WORDS[f.code][lang],
      message: lang === 'zh' ? f.messageZh : f.message,
      evidence: f.facts.slice(0, MAX_FACTS).join('\n') + (f.facts.length > MAX_FACTS ? `\n${W.more[lang].replace('N', String(f.facts.length - MAX_FACTS))}` : ''),
    },
  }));
}

function fieldsOf(m: SheetMachine, lang: ReportLang): [string, string][] {
  const hw = m.facts?.machine;
  const os = m.facts?.os;
  const result = !m.verdict ? W.notReporting[lang] : `${W[m.verdict.status][lang]}${m.state === 'stale' ? `（${W.stale[lang]}）` : ''}`;
  return [
    [SHEET_COLUMNS[0]![lang], m.hostname],
    [W.unit[lang], m.unit],
    [SHEET_COLUMNS[1]![lang], m.user ?? ''],
    [SHEET_COLUMNS[2]![lang], m.assetNumber ?? ''],
    [W.machine[lang], [hw?.manufacturer, hw?.model].filter(Boolean).join(' ')],
    [W.serial[lang], hw?.serial ?? ''],
    [W.os[lang], [os?.name, os?.edition, os?.version].filter(Boolean).join(' ')],
    [W.lastReport[lang], m.lastReport ?? ''],
    [W.result[lang], result],
  ];
}

export function machineSheetsReport(input: SheetsInput): ReportTable {
  const { lang } = input;
  return {
    report: 'machine-sheets',
    title: { zh: '计算机软件安装情况检查表', en: 'Computer software check sheet' },
    unit: input.unit,
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    columns: [...SHEET_COLUMNS],
    rows: input.machines.flatMap((m) => rowsOf(m, lang)),
    sheets: input.machines.map((m) => ({ key: m.id, title: m.hostname, fields: fieldsOf(m, lang) })),
    notes: [
      {
        zh: `共 ${input.machines.length} 台计算机。结论和依据取自该时点的判定；计算机的硬件和软件版本为最近一次上报的内容。`,
        en: `${input.machines.length} computers. Conclusions and evidence are the verdict of the moment; hardware and editions are those last reported.`,
      },
    ],
  };
}
