import { Type, type Static } from 'typebox';

/**
 * How a spot check grades a unit (优秀 / 合格 / 基本合格 / 不合格). The campaign's levels are
 * public, the thresholds are not (forms.md: no ratio was found): each office sets its own,
 * so the rules are data. A rule set is read top to bottom; the first rule one of whose
 * conditions holds gives the grade, and `otherwise` when none does. Conditions only say
 * "this figure is over a limit": the words of a grade are made from the figure and the
 * limit (spotcheck/grading.ts), so a file cannot say one thing and count another.
 */
export const Grade = Type.Union([Type.Literal('excellent'), Type.Literal('pass'), Type.Literal('basic-pass'), Type.Literal('fail')]);
export type Grade = Static<typeof Grade>;

/**
 * What a condition can look at, per unit. Counts are machines of the sample; `…Share` is
 * that count over the machines sampled (0 to 1); the last four are 1 or 0.
 * - `unauthorized`: judged unauthorized by the frozen verdict or by the kit's scan on site;
 * - `agentTampered`: the agent missing, stopped, or never installed (a machine found on site);
 * - `discrepancies`: machines where what was seen differs from what the agent reported;
 * - `notReporting`: drawn while silent past the reporting window, or never judged;
 * - `unrecorded`: neither an on-site record nor a scan yet;
 * - `ledgerNotInOrder`, `documentsNotInOrder`: the 台账 / the licence documents checked and found wanting;
 * - `ledgerNotChecked`, `documentsNotChecked`: not checked at all.
 */
export const GradingMetric = Type.Union([
  Type.Literal('unauthorized'),
  Type.Literal('unauthorizedShare'),
  Type.Literal('agentTampered'),
  Type.Literal('agentTamperedShare'),
  Type.Literal('discrepancies'),
  Type.Literal('discrepancyShare'),
  Type.Literal('notReporting'),
  Type.Literal('notReportingShare'),
  Type.Literal('unrecorded'),
  Type.Literal('ledgerNotInOrder'),
  Type.Literal('documentsNotInOrder'),
  Type.Literal('ledgerNotChecked'),
  Type.Literal('documentsNotChecked'),
]);
export type GradingMetric = Static<typeof GradingMetric>;

const Limit = Type.Number({ minimum: 0, maximum: 1_000_000 });

/** `{"metric": "unauthorizedShare", "above": 0.1}`: more than 10%; `atLeast` includes the limit. */
export const GradingCondition = Type.Union([
  Type.Object({ metric: GradingMetric, above: Limit }, { additionalProperties: false }),
  Type.Object({ metric: GradingMetric, atLeast: Limit }, { additionalProperties: false }),
]);
export type GradingCondition = Static<typeof GradingCondition>;

export const GradingRule = Type.Object(
  {
    grade: Grade,
    /** The rule holds when any of these does. */
    any: Type.Array(GradingCondition, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type GradingRule = Static<typeof GradingRule>;

export const GradingRules = Type.Object(
  {
    rules: Type.Array(GradingRule, { maxItems: 50 }),
    otherwise: Grade,
  },
  { additionalProperties: false },
);
export type GradingRules = Static<typeof GradingRules>;

/** The figures a unit is graded on, as the grade's words quote them. */
export const GradingFigures = Type.Object({
  sampled: Type.Integer({ minimum: 0 }),
  licensed: Type.Integer({ minimum: 0 }),
  unauthorized: Type.Integer({ minimum: 0 }),
  unauthorizedShare: Type.Number(),
  agentTampered: Type.Integer({ minimum: 0 }),
  agentTamperedShare: Type.Number(),
  discrepancies: Type.Integer({ minimum: 0 }),
  discrepancyShare: Type.Number(),
  notReporting: Type.Integer({ minimum: 0 }),
  notReportingShare: Type.Number(),
  unrecorded: Type.Integer({ minimum: 0 }),
  ledgerNotInOrder: Type.Integer({ minimum: 0, maximum: 1 }),
  documentsNotInOrder: Type.Integer({ minimum: 0, maximum: 1 }),
  ledgerNotChecked: Type.Integer({ minimum: 0, maximum: 1 }),
  documentsNotChecked: Type.Integer({ minimum: 0, maximum: 1 }),
});
export type GradingFigures = Static<typeof GradingFigures>;

const Words = Type.Object({ zh: Type.String(), en: Type.String() });

/** A grade with the rule that gave it: `不合格：抽查 12 台中 2 台使用未授权软件（>10%）`. */
export const GradeResult = Type.Object({
  grade: Grade,
  /** The whole line, grade first, in both languages. */
  words: Words,
  /** The rule's place in the rule set (0-based), or null for `otherwise`. */
  rule: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
  figures: GradingFigures,
});
export type GradeResult = Static<typeof GradeResult>;
