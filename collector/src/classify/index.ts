import type { Snapshot, Verdict } from '@zhengban/shared';
import type { ClassifyContext } from './context.js';
import { antivirusRules } from './antivirus.js';
import { orderFindings, overallStatus } from './combine.js';
import type { Rule } from './finding.js';
import { indicatorRules } from './indicators.js';
import { officeRules } from './office.js';
import { osRules } from './os.js';

/** Bump when a rule or data table changes, so a re-judged machine shows what decided. */
export const RULES_VERSION = '2026.11-2';

/** Every rule, run in turn; the registry's rules join this list. */
export const RULES: readonly Rule[] = [...osRules, ...officeRules, ...antivirusRules, ...indicatorRules];

/** Judges one machine from its snapshot. Pure: the time and policy come from `ctx`. */
export function classifyMachine(snapshot: Snapshot, ctx: ClassifyContext): Verdict {
  const findings = orderFindings(RULES.flatMap((rule) => rule(snapshot, ctx)));
  return {
    status: overallStatus(findings),
    findings,
    rulesVersion: RULES_VERSION,
    decidedAt: ctx.now.toISOString(),
  };
}

export { defaultPolicy, type ClassifyContext, type ClassifyPolicy } from './context.js';
export { categoryPasses, categoryResults, CATEGORY_ORDER } from './combine.js';
export type { Judgement, Rule } from './finding.js';
