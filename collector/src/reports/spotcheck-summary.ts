import type { ReportColumn, ReportLang, ReportRow, ReportTable } from '../schema/reports.js';
import type { SpotCheckView } from '../schema/spot-checks.js';
import { GRADE_WORDS } from '../spotcheck/grading.js';
import { chinaDate } from './china-time.js';

/**
 * 抽查情况汇总表, for the campaign office: one row per unit's spot check (its latest, or the
 * one asked for), with what was sampled, licensed, unauthorized, differing on site and
 * with the agent removed, the grade with the rule that gave it, and for a re-check the
 * grade before and the machines fixed, still failing and newly failing. A total of the
 * counts at the foot. The figures are the API's grade figures, copied. Pure.
 */
export interface SummaryInput {
  /** The unit the report is for. */
  unit: string;
  spotChecks: readonly SpotCheckView[];
  /** Each unit's latest spot check, or the one asked for. */
  latest: boolean;
  asOf: string;
  generatedAt: string;
  lang: ReportLang;
}

const SAMPLE = { zh: '抽查结果', en: 'Sample' };
const RECHECK = { zh: '复查对比', en: 'Re-check' };

export const SUMMARY_COLUMNS: readonly ReportColumn[] = [
  { key: 'unit', zh: '单位', en: 'Unit', type: 'text' },
  { key: 'spotCheck', zh: '抽查编号', en: 'Spot check', type: 'integer' },
  { key: 'date', zh: '抽查日期', en: 'Date', type: 'text' },
  { key: 'population', zh: '计算机总数', en: 'Computers', type: 'integer' },
  { key: 'sampled', zh: '抽查台数', en: 'Checked', type: 'integer', group: SAMPLE },
  { key: 'licensed', zh: '正版', en: 'Licensed', type: 'integer', group: SAMPLE },
  { key: 'unauthorized', zh: '未授权', en: 'Unauthorized', type: 'integer', group: SAMPLE },
  { key: 'notReporting', zh: '未按期上报', en: 'Not reporting', type: 'integer', group: SAMPLE },
  { key: 'discrepancies', zh: '与上报不符', en: 'Differing on site', type: 'integer', group: SAMPLE },
  { key: 'agentTampered', zh: '代理被卸载或停止', en: 'Agent removed or stopped', type: 'integer', group: SAMPLE },
  { key: 'grade', zh: '等级', en: 'Grade', type: 'text' },
  { key: 'rule', zh: '评定依据', en: 'Why', type: 'text' },
  { key: 'before', zh: '复查前等级', en: 'Grade before', type: 'text', group: RECHECK },
  { key: 'fixed', zh: '已整改', en: 'Fixed', type: 'integer', group: RECHECK },
  { key: 'stillFailing', zh: '仍未整改', en: 'Still failing', type: 'integer', group: RECHECK },
  { key: 'newlyFailing', zh: '新发现', en: 'Newly failing', type: 'integer', group: RECHECK },
  { key: 'pending', zh: '待现场复核', en: 'To check on site', type: 'integer', group: RECHECK },
];

const COUNTED = ['population', 'sampled', 'licensed', 'unauthorized', 'notReporting', 'discrepancies', 'agentTampered', 'fixed', 'stillFailing', 'newlyFailing', 'pending'] as const;

/** `不合格：抽查 12 台中…` → the part after the grade: the grade has its own column. */
const because = (words: string) => words.replace(/^[^：:]+[：:]\s*/, '');

function rowOf(v: SpotCheckView, lang: ReportLang): ReportRow {
  const f = v.grade.figures;
  const r = v.recheck;
  return {
    kind: 'unit',
    level: 0,
    unitId: v.unitId,
    cells: {
      unit: v.unit,
      spotCheck: v.id,
      date: chinaDate(v.createdAt),
      population: v.population,
      sampled: f.sampled,
      licensed: f.licensed,
      unauthorized: f.unauthorized,
      notReporting: f.notReporting,
      discrepancies: f.discrepancies,
      agentTampered: f.agentTampered,
      grade: GRADE_WORDS[v.grade.grade][lang],
      rule: because(v.grade.words[lang]),
      before: r ? GRADE_WORDS[r.before.grade][lang] : null,
      fixed: r ? r.fixed.length : null,
      stillFailing: r ? r.stillFailing.length : null,
      newlyFailing: r ? r.newlyFailing.length : null,
      pending: r ? r.pending.length : null,
    },
  };
}

export function summaryReport(input: SummaryInput): ReportTable {
  const { lang } = input;
  const rows = input.spotChecks.map((v) => rowOf(v, lang));
  const total: ReportRow = { kind: 'total', level: 0, cells: { unit: lang === 'zh' ? '合计' : 'Total' } };
  for (const key of COUNTED) {
    const values = rows.map((r) => r.cells[key]).filter((x): x is number => typeof x === 'number');
    total.cells[key] = values.length > 0 ? values.reduce((a, b) => a + b, 0) : null;
  }
  return {
    report: 'spotcheck-summary',
    title: { zh: `${input.unit}软件正版化抽查情况汇总表`, en: `Spot checks of ${input.unit}: summary` },
    unit: input.unit,
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    columns: [...SUMMARY_COLUMNS],
    rows: [...rows, total],
    notes: [
      {
        zh: `共 ${rows.length} 次抽查${input.latest ? '，每个单位取其最近一次' : ''}。等级按各次抽查的评定规则得出，未授权含现场扫描发现的；复查对比为同一批计算机与上一次抽查的比较。`,
        en: `${rows.length} spot check(s)${input.latest ? ", each unit's latest" : ''}. Grades follow each spot check's rules; unauthorized includes what the scans on site found; a re-check compares the same machines with the spot check before.`,
      },
    ],
  };
}
