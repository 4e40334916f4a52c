import type { Category, Finding, FindingCode } from '@zhengban/shared';
import type { FindingOutline } from '../classify/combine.js';

/**
 * What a report needs of a stored finding set, kept beside it (`finding_sets.outline`)
 * so that counting 100,000 machines reads a few hundred bytes each, not the whole
 * findings with their messages and facts: per finding its category, subject, code,
 * whether it passed, and the catalog product it names, as
 * `[["os","Microsoft Windows 10 Pro","licensed",1,"windows"], …]`.
 */
export type OutlineItem = [category: Category, subject: string, code: FindingCode, passed: 0 | 1, productId: string | null];

// `catalog.product = wps-office (rule wps-registry)`, as requirement.ts quotes it.
const CATALOG_FACT = /^catalog\.product = ([^\s(]+)/;

function productOf(f: Finding): string | null {
  for (const fact of f.facts) {
    const id = CATALOG_FACT.exec(fact)?.[1];
    if (id) return id;
  }
  return null;
}

export function outlineJson(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map((f): OutlineItem => [f.category, f.subject, f.code, f.passed ? 1 : 0, productOf(f)]));
}

export interface Outlined extends FindingOutline {
  productId: string | null;
}

export function parseOutline(json: string | null): Outlined[] {
  if (json === null) return [];
  return (JSON.parse(json) as OutlineItem[]).map(([category, subject, code, passed, productId]) => ({ category, subject, code, passed: passed === 1, productId }));
}

/** The outline of findings stored whole (a verdict from before finding sets). */
export function outlineOf(findings: readonly Finding[]): Outlined[] {
  return findings.map((f) => ({ category: f.category, subject: f.subject, code: f.code, passed: f.passed, productId: productOf(f) }));
}
