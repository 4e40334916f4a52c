import type { Grade, GradeResult, GradingCondition, GradingFigures, GradingMetric, GradingRules } from '../schema/grading.js';
import type { DiscrepancyCode, Tristate } from '../schema/spot-checks.js';
import type { Words } from '../schema/reports.js';

/**
 * A unit's grade from its spot check (pure): the figures counted from the sampled
 * machines and the unit's checks, then the first rule that holds. The words name the
 * rule with the unit's own figures, so a reader sees why without the rule file.
 */

export const GRADE_WORDS: Record<Grade, Words> = {
  excellent: { zh: '优秀', en: 'Excellent' },
  pass: { zh: '合格', en: 'Pass' },
  'basic-pass': { zh: '基本合格', en: 'Basic pass' },
  fail: { zh: '不合格', en: 'Fail' },
};

/**
 * The default rules. 不合格 when more than a tenth of the machines checked run
 * unauthorized software or had their agent removed; 基本合格 when any does, or the 台账
 * or the licence documents were found wanting; 合格 when the machines are in order but
 * something is left unproven (a difference from the agent's report, a machine silent at
 * the draw, a check not made); 优秀 only when all of it was checked and found in order.
 */
export const DEFAULT_GRADING: GradingRules = {
  rules: [
    { grade: 'fail', any: [{ metric: 'unauthorizedShare', above: 0.1 }, { metric: 'agentTamperedShare', above: 0.1 }] },
    {
      grade: 'basic-pass',
      any: [
        { metric: 'unauthorized', atLeast: 1 },
        { metric: 'agentTampered', atLeast: 1 },
        { metric: 'ledgerNotInOrder', atLeast: 1 },
        { metric: 'documentsNotInOrder', atLeast: 1 },
      ],
    },
    {
      grade: 'pass',
      any: [
        { metric: 'discrepancies', atLeast: 1 },
        { metric: 'notReporting', atLeast: 1 },
        { metric: 'unrecorded', atLeast: 1 },
        { metric: 'ledgerNotChecked', atLeast: 1 },
        { metric: 'documentsNotChecked', atLeast: 1 },
      ],
    },
  ],
  otherwise: 'excellent',
};

/** Discrepancies that mean the agent was taken out of the way. */
export const TAMPERING: ReadonlySet<DiscrepancyCode> = new Set(['agent-missing', 'agent-stopped', 'not-enrolled']);

export interface GradedMachine {
  status: 'licensed' | 'unauthorized' | 'unknown';
  discrepancies: readonly { code: DiscrepancyCode }[];
  /** Silent past the window, or never judged, when drawn. */
  notReporting: boolean;
  /** Has an on-site record or a scan. */
  recorded: boolean;
}

export interface GradingInput {
  machines: readonly GradedMachine[];
  unitChecks: { ledger: Tristate; documents: Tristate };
}

type Counted = 'unauthorized' | 'agentTampered' | 'discrepancies' | 'notReporting' | 'unrecorded';
type Flag = 'ledgerNotInOrder' | 'documentsNotInOrder' | 'ledgerNotChecked' | 'documentsNotChecked';

const COUNTED: Record<Counted, Words> = {
  unauthorized: { zh: '使用未授权软件', en: 'use unauthorized software' },
  agentTampered: { zh: '代理程序被卸载或停止', en: 'had the agent removed or stopped' },
  discrepancies: { zh: '现场核查与上报不符', en: 'differ on site from what the agent reported' },
  notReporting: { zh: '抽取时未按期上报', en: 'were not reporting when drawn' },
  unrecorded: { zh: '尚未现场核查', en: 'are not yet checked on site' },
};
const SHARES: Partial<Record<GradingMetric, Counted>> = {
  unauthorizedShare: 'unauthorized',
  agentTamperedShare: 'agentTampered',
  discrepancyShare: 'discrepancies',
  notReportingShare: 'notReporting',
};
const FLAGS: Record<Flag, Words> = {
  ledgerNotInOrder: { zh: '台账与实际不符或缺失', en: 'the software ledger (台账) does not match or is missing' },
  documentsNotInOrder: { zh: '授权文件与安装不符或缺失', en: 'the licence documents do not cover the installs or are missing' },
  ledgerNotChecked: { zh: '台账未核查', en: 'the software ledger (台账) was not checked' },
  documentsNotChecked: { zh: '授权文件未核查', en: 'the licence documents were not checked' },
};
const isFlag = (m: GradingMetric): m is Flag => m in FLAGS;

const share = (k: number, n: number) => (n === 0 ? 0 : k / n);
/** A share as the spot check's words write it: `10%`, `12.5%` (no trailing zeros). */
export const pct = (x: number): string => `${Number((x * 100).toFixed(2))}%`;

export function gradingFigures(input: GradingInput): GradingFigures {
  const m = input.machines;
  const n = m.length;
  const count = (f: (x: GradedMachine) => boolean) => m.filter(f).length;
  const unauthorized = count((x) => x.status === 'unauthorized');
  const agentTampered = count((x) => x.discrepancies.some((d) => TAMPERING.has(d.code)));
  const discrepancies = count((x) => x.discrepancies.length > 0);
  const notReporting = count((x) => x.notReporting);
  const { ledger, documents } = input.unitChecks;
  return {
    sampled: n,
    licensed: count((x) => x.status === 'licensed'),
    unauthorized,
    unauthorizedShare: share(unauthorized, n),
    agentTampered,
    agentTamperedShare: share(agentTampered, n),
    discrepancies,
    discrepancyShare: share(discrepancies, n),
    notReporting,
    notReportingShare: share(notReporting, n),
    unrecorded: count((x) => !x.recorded),
    ledgerNotInOrder: ledger === 'no' ? 1 : 0,
    documentsNotInOrder: documents === 'no' ? 1 : 0,
    ledgerNotChecked: ledger === 'not-checked' ? 1 : 0,
    documentsNotChecked: documents === 'not-checked' ? 1 : 0,
  };
}

const holds = (c: GradingCondition, f: GradingFigures): boolean => ('above' in c ? f[c.metric] > c.above : f[c.metric] >= c.atLeast);

/** `抽查 12 台中 2 台使用未授权软件（>10%）`: a condition that holds, with the unit's figures. */
function conditionWords(c: GradingCondition, f: GradingFigures): Words {
  const [op, limit] = 'above' in c ? ['>', c.above] : ['≥', c.atLeast];
  if (isFlag(c.metric)) return FLAGS[c.metric];
  const shareOf = SHARES[c.metric];
  const base = shareOf ?? (c.metric as Counted);
  const k = f[base];
  const phrase = COUNTED[base];
  // A count at its plainest limit (at least one, more than none) needs no bracket.
  const plain = !shareOf && ((op === '≥' && limit === 1) || (op === '>' && limit === 0));
  const bracket = shareOf ? `${op}${pct(limit)}` : plain ? '' : `${op}${limit}`;
  return {
    zh: `抽查 ${f.sampled} 台中 ${k} 台${phrase.zh}${bracket && `（${bracket}${shareOf ? '' : ' 台'}）`}`,
    en: `${k} of ${f.sampled} machines checked ${phrase.en}${bracket && ` (${bracket})`}`,
  };
}

/** What no rule caught, in figures: the line of a grade given by `otherwise`. */
function summaryWords(f: GradingFigures): Words {
  const state = (notInOrder: number, notChecked: number): Words =>
    notChecked ? { zh: '未核查', en: 'not checked' } : notInOrder ? { zh: '不符', en: 'not in order' } : { zh: '相符', en: 'in order' };
  const ledger = state(f.ledgerNotInOrder, f.ledgerNotChecked);
  const documents = state(f.documentsNotInOrder, f.documentsNotChecked);
  return {
    zh: `抽查 ${f.sampled} 台，未授权 ${f.unauthorized} 台，与上报不符 ${f.discrepancies} 台；台账${ledger.zh}，授权文件${documents.zh}`,
    en: `${f.sampled} machines checked, ${f.unauthorized} unauthorized, ${f.discrepancies} differing from the agent's report; ledger ${ledger.en}, licence documents ${documents.en}`,
  };
}

export function gradeUnit(rules: GradingRules, input: GradingInput): GradeResult {
  const figures = gradingFigures(input);
  for (const [i, rule] of rules.rules.entries()) {
    const met = rule.any.filter((c) => holds(c, figures));
    if (met.length === 0) continue;
    const words = met.map((c) => conditionWords(c, figures));
    return {
      grade: rule.grade,
      rule: i,
      figures,
      words: { zh: `${GRADE_WORDS[rule.grade].zh}：${words.map((w) => w.zh).join('；')}`, en: `${GRADE_WORDS[rule.grade].en}: ${words.map((w) => w.en).join('; ')}` },
    };
  }
  const s = summaryWords(figures);
  return { grade: rules.otherwise, rule: null, figures, words: { zh: `${GRADE_WORDS[rules.otherwise].zh}：${s.zh}`, en: `${GRADE_WORDS[rules.otherwise].en}: ${s.en}` } };
}

/**
 * What the schema cannot say about a rule set: a share or a yes/no figure is at most 1
 * (10% is 0.1), and a count is a whole number. Each problem names its rule.
 */
export function gradingProblems(rules: GradingRules): string[] {
  const problems: string[] = [];
  rules.rules.forEach((rule, i) =>
    rule.any.forEach((c, j) => {
      const limit = 'above' in c ? c.above : c.atLeast;
      const where = `rules[${i}].any[${j}] (${c.metric})`;
      if ((c.metric in SHARES || isFlag(c.metric)) && limit > 1) problems.push(`${where}: the limit ${limit} is over 1; a share is 0 to 1 (10% is 0.1) and a yes/no figure is 0 or 1`);
      if (!(c.metric in SHARES) && !isFlag(c.metric) && !Number.isInteger(limit)) problems.push(`${where}: a count of machines needs a whole number, not ${limit}`);
    }),
  );
  return problems;
}
