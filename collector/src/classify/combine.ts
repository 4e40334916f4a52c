import type { Category, Finding, FindingCode, VerdictStatus } from '@zhengban/shared';

export const CATEGORY_ORDER: readonly Category[] = ['os', 'office', 'antivirus', 'other'];

/** The three kinds of general-purpose software the campaign checks on every PC. */
const REQUIRED: ReadonlySet<Category> = new Set(['os', 'office', 'antivirus']);

/**
 * How a category's findings add up. `every`: each product must pass (an unlicensed
 * copy installed is an infringement). `any`: one passing product protects the PC,
 * so a second, disabled antivirus does not fail it.
 */
const AGGREGATION: Record<Category, 'every' | 'any'> = {
  os: 'every',
  office: 'every',
  antivirus: 'any',
  other: 'every',
};

/** Codes that are an infringement in themselves: they fail a category however it adds up. */
const INFRINGEMENTS: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'crack-activator',
  'untrusted-kms',
  'no-entitlement',
  'over-allocated',
  'personal-use-only',
  'denied-software',
  'unauthorized-install',
]);

/** What a finding counts for in a verdict's status; a stored verdict is judged again from these alone. */
export type FindingOutline = Pick<Finding, 'category' | 'subject' | 'code' | 'passed'>;

export function outlineOf(findings: readonly Finding[]): FindingOutline[] {
  return findings.map((f) => ({ category: f.category, subject: f.subject, code: f.code, passed: f.passed }));
}

export function categoryPasses(category: Category, findings: readonly FindingOutline[]): boolean {
  const own = findings.filter((f) => f.category === category);
  if (own.length === 0) return !REQUIRED.has(category);
  if (own.some((f) => !f.passed && INFRINGEMENTS.has(f.code))) return false;
  if (AGGREGATION[category] === 'every') return own.every((f) => f.passed);
  // A product passes when all its findings do (protection and licence alike); one such product is enough.
  const bySubject = new Map<string, boolean>();
  for (const f of own) bySubject.set(f.subject, (bySubject.get(f.subject) ?? true) && f.passed);
  return [...bySubject.values()].some(Boolean);
}

/** Pass or fail per category, as the campaign's forms count them (genuine OS, office, AV). */
export function categoryResults(findings: readonly FindingOutline[]): Record<Category, boolean> {
  return {
    os: categoryPasses('os', findings),
    office: categoryPasses('office', findings),
    antivirus: categoryPasses('antivirus', findings),
    other: categoryPasses('other', findings),
  };
}

/** Licensed only when every category passes; `other` passes when nothing there fails. */
export function overallStatus(findings: readonly FindingOutline[]): VerdictStatus {
  return CATEGORY_ORDER.every((c) => categoryPasses(c, findings)) ? 'licensed' : 'unauthorized';
}

/** Findings grouped os, office, antivirus, other; rule order kept within a category. */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  return CATEGORY_ORDER.flatMap((c) => findings.filter((f) => f.category === c));
}

/**
 * A verdict's findings from its two stored halves: the assessment's (shared by every
 * verdict made from it) and the verdict's own entitlement findings, in order, each
 * naming the snapshot.
 */
export function verdictFindings(assessed: readonly Finding[], own: readonly Finding[], snapshotId: string): Finding[] {
  return orderFindings([...assessed, ...own]).map((f) => ({ ...f, snapshotId }));
}
