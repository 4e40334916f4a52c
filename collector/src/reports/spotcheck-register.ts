import type { Category, Verdict } from '@zhengban/shared';
import type { ReportColumn, ReportLang, ReportRow, ReportTable, Words } from '../schema/reports.js';
import type { SpotCheckMachine, SpotCheckView, Tristate } from '../schema/spot-checks.js';
import { chinaDate } from './china-time.js';
import { FINDING_WORDS } from './finding-words.js';
import { pct } from '../spotcheck/grading.js';

/**
 * 计算机软件安装抽查登记表: the form a unit stamps after a spot check, one row per PC checked
 * (序号, 部门, 计算机名/使用人, 类型, the three kinds of software with their licence state,
 * the agent's verdict as frozen at the draw, what was checked on site and how it differs),
 * the unit's 台账 and licence documents below it, the grade in the notes, and (drawn by
 * the formats) the lines for the unit's seal and the signatures. Pure.
 */
export interface RegisterInput {
  view: SpotCheckView;
  generatedAt: string;
  lang: ReportLang;
}

const SOFTWARE = { zh: '软件及授权状态', en: 'Software and licence state' };
const ON_SITE = { zh: '现场核查', en: 'Checked on site' };

export const REGISTER_COLUMNS: readonly ReportColumn[] = [
  { key: 'no', zh: '序号', en: 'No.', type: 'integer' },
  { key: 'department', zh: '部门', en: 'Department', type: 'text' },
  { key: 'computer', zh: '计算机名/使用人', en: 'Computer / user', type: 'text' },
  { key: 'kind', zh: '类型', en: 'Type', type: 'text' },
  { key: 'os', zh: '操作系统', en: 'Operating system', type: 'text', group: SOFTWARE },
  { key: 'office', zh: '办公软件', en: 'Office', type: 'text', group: SOFTWARE },
  { key: 'antivirus', zh: '杀毒软件', en: 'Antivirus', type: 'text', group: SOFTWARE },
  { key: 'verdict', zh: '平台判定', en: "Agent's verdict", type: 'text' },
  { key: 'label', zh: '标签/授权文件', en: 'Label / licence document', type: 'text', group: ON_SITE },
  { key: 'agent', zh: '代理程序', en: 'Agent', type: 'text', group: ON_SITE },
  { key: 'differences', zh: '差异', en: 'Differences', type: 'text' },
  { key: 'remark', zh: '备注', en: 'Remarks', type: 'text' },
];

const W = {
  desktop: { zh: '台式机', en: 'Desktop' },
  laptop: { zh: '便携机', en: 'Laptop' },
  other: { zh: '其他', en: 'Other' },
  none: { zh: '无', en: 'None' },
  licensed: { zh: '正版', en: 'Licensed' },
  unauthorized: { zh: '非正版', en: 'Not compliant' },
  pending: { zh: '未上报', en: 'Never reported' },
  stale: { zh: '超期未上报', en: 'silent past the window' },
  unknownPc: { zh: '平台无记录', en: 'Unknown to the collector' },
  scanned: { zh: '现场扫描', en: 'Scanned on site' },
  noDifference: { zh: '无', en: 'None' },
} satisfies Record<string, Words>;

const ANSWER: Record<Tristate, Words> = { yes: { zh: '相符', en: 'Matches' }, no: { zh: '不符', en: 'Does not match' }, 'not-checked': { zh: '未查', en: 'Not checked' } };
const PRESENT: Record<Tristate, Words> = { yes: { zh: '已安装', en: 'installed' }, no: { zh: '未安装', en: 'missing' }, 'not-checked': { zh: '未查', en: 'not checked' } };
const REPORTING: Record<Tristate, Words> = { yes: { zh: '运行正常', en: 'reporting' }, no: { zh: '未运行', en: 'not running' }, 'not-checked': { zh: '未查', en: 'not checked' } };

/** A category's state in a verdict: the first failure's conclusion, or 正版. */
function stateOf(v: Verdict | null | undefined, c: Category, lang: ReportLang): string {
  if (!v) return '';
  const findings = v.findings.filter((f) => f.category === c);
  const failed = findings.find((f) => !f.passed);
  return failed ? FINDING_WORDS[failed.code][lang] : findings.length > 0 ? W.licensed[lang] : '';
}

const withState = (names: readonly string[], state: string, lang: ReportLang) => {
  const text = names.length > 0 ? names.join(lang === 'zh' ? '、' : ', ') : W.none[lang];
  return state ? `${text}（${state}）` : text;
};

/** The facts the row quotes: the frozen ones, or the kit's scan for a PC the collector does not know. */
function software(m: SpotCheckMachine, lang: ReportLang) {
  const facts = m.frozen ?? (m.scan ? { os: m.scan.os, office: m.scan.office, antivirus: m.scan.antivirus, verdict: m.scan.verdict } : null);
  if (!facts) return { os: '', office: '', antivirus: '' };
  const v = facts.verdict;
  return {
    // The OS's name already says its edition ("Windows 10 专业版"), as the agent reads it.
    os: facts.os ? withState([facts.os.name], stateOf(v, 'os', lang), lang) : '',
    office: withState(facts.office.map((o) => o.name), stateOf(v, 'office', lang), lang),
    antivirus: withState(facts.antivirus.map((a) => a.name), stateOf(v, 'antivirus', lang), lang),
  };
}

function verdictText(m: SpotCheckMachine, lang: ReportLang): string {
  if (!m.frozen) return W.unknownPc[lang];
  if (!m.frozen.verdict) return W.pending[lang];
  const stale = m.frozen.state === 'stale' ? `（${W.stale[lang]}）` : '';
  return `${W[m.frozen.verdict.status][lang]}${stale}`;
}

function rowOf(m: SpotCheckMachine, lang: ReportLang): ReportRow {
  const r = m.record;
  const user = m.frozen?.user;
  const scanned = m.scan ? `${W.scanned[lang]}：${m.scan.inspector} ${chinaDate(m.scan.collectedAt)}` : null;
  const differences = m.discrepancies.map((d) => (lang === 'zh' ? d.messageZh : d.message));
  return {
    kind: 'unit',
    level: 0,
    unitId: m.unitId,
    cells: {
      no: m.no,
      department: m.unit,
      computer: user ? `${m.hostname}/${user}` : m.hostname,
      kind: W[m.kind][lang],
      ...software(m, lang),
      verdict: verdictText(m, lang),
      label: r ? ANSWER[r.labelMatches][lang] : null,
      agent: r ? `${PRESENT[r.agentPresent][lang]}，${REPORTING[r.agentReporting][lang]}` : null,
      differences: differences.length > 0 ? differences.join('\n') : r || m.scan ? W.noDifference[lang] : null,
      remark: [r?.remark, scanned].filter(Boolean).join('\n') || null,
    },
  };
}

const CHECK_COLUMNS: ReportColumn[] = [
  { key: 'item', zh: '核查项目', en: 'Checked', type: 'text' },
  { key: 'result', zh: '核查结果', en: 'Result', type: 'text' },
  { key: 'remark', zh: '备注', en: 'Remarks', type: 'text' },
];

export function registerReport(input: RegisterInput): ReportTable {
  const { view: v, lang } = input;
  const c = v.unitChecks;
  const ratio = pct(v.ratio);
  const recheck = v.recheck;
  return {
    report: 'spotcheck-register',
    title: { zh: '计算机软件安装抽查登记表', en: 'Computer software spot check register' },
    unit: v.unit,
    asOf: v.createdAt,
    generatedAt: input.generatedAt,
    columns: [...REGISTER_COLUMNS],
    rows: v.machines.map((m) => rowOf(m, lang)),
    parts: [
      {
        key: 'unit-checks',
        title: { zh: '单位台账及授权文件核查', en: "The unit's ledger and licence documents" },
        columns: CHECK_COLUMNS,
        rows: [
          { kind: 'unit', level: 0, cells: { item: lang === 'zh' ? '软件正版化台账' : 'Software ledger (台账)', result: ANSWER[c.ledger][lang], remark: c.remark } },
          { kind: 'unit', level: 0, cells: { item: lang === 'zh' ? '软件授权文件' : 'Licence documents', result: ANSWER[c.documents][lang], remark: null } },
        ],
        notes: [],
      },
    ],
    notes: [
      {
        zh: `抽查编号 ${v.id}${v.recheckOf === null ? '' : `（第 ${v.recheckOf} 号抽查的复查）`}：${chinaDate(v.createdAt)} 从本单位及下属单位 ${v.population} 台计算机中按 ${ratio}（不少于 ${v.min} 台）分部门、分类型随机抽取 ${v.sampled} 台，随机种子 ${v.seed}；平台判定为抽取时的结论。`,
        en: `Spot check ${v.id}${v.recheckOf === null ? '' : ` (a re-check of ${v.recheckOf})`}: on ${chinaDate(v.createdAt)}, ${v.sampled} of the ${v.population} computers of the unit and its subunits drawn at random by department and type at ${ratio} (at least ${v.min}), seed ${v.seed}; the verdicts are those at the draw.`,
      },
      { zh: `评定：${v.grade.words.zh}`, en: `Grade: ${v.grade.words.en}` },
      ...(recheck
        ? [{
            zh: `与第 ${recheck.of} 号抽查相比：${recheck.before.words.zh} → ${recheck.after.words.zh}；已整改 ${recheck.fixed.length} 台，仍未整改 ${recheck.stillFailing.length} 台，新发现 ${recheck.newlyFailing.length} 台，待现场复核 ${recheck.pending.length} 台。`,
            en: `Against spot check ${recheck.of}: ${recheck.before.words.en} → ${recheck.after.words.en}; ${recheck.fixed.length} fixed, ${recheck.stillFailing.length} still failing, ${recheck.newlyFailing.length} newly failing, ${recheck.pending.length} to check on site again.`,
          }]
        : []),
    ],
  };
}
