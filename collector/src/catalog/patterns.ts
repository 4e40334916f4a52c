import { TRACE_SUBJECTS, type CatalogOverride, type CatalogProduct, type MatchRule } from '../schema/catalog.js';
import { CatalogPatternError, CatalogRuleError } from './errors.js';

/** The pattern fields of a match rule, in the order a failure is reported. */
export const RULE_FIELDS = ['name', 'publisher', 'version', 'edition', 'osId', 'path', 'value', 'notName'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/**
 * Compiles one catalog pattern: case-insensitive, with the `u` flag so `\p{Script=Han}`
 * and Chinese text behave. `where` names the place for the error (`rule windows/client-name, field name`).
 */
export function compilePattern(source: string, where: string): RegExp {
  try {
    return new RegExp(source, 'iu');
  } catch (cause) {
    throw new CatalogPatternError(where, cause);
  }
}

function checkRules(rules: readonly MatchRule[] | undefined): void {
  for (const rule of rules ?? []) {
    for (const field of RULE_FIELDS) {
      const source = rule[field];
      if (source !== undefined) compilePattern(source, `rule ${rule.id}, field ${field}`);
    }
  }
}

/** Throws CatalogPatternError when a pattern of the product or override does not compile. */
export function checkPatterns(what: CatalogProduct | CatalogOverride): void {
  if ('rules' in what) {
    checkRules(what.rules);
    for (const edition of what.editions ?? []) {
      compilePattern(edition.pattern, `product ${what.id}, edition ${edition.id}`);
    }
    (what.release ?? []).forEach((rule, i) => compilePattern(rule.pattern, `product ${what.id}, release rule ${i + 1}`));
  } else {
    checkRules(what.addRules);
  }
}

/**
 * Trace rules (services, tasks, files, registry values, KMS hosts) name what a crack tool
 * leaves; only a `crack-tool` product has them, and a crack tool fakes the licence of
 * an operating system or an office suite, its category. Throws CatalogRuleError.
 */
export function checkCrackTool(product: CatalogProduct): void {
  const trace = product.rules.find((r) => TRACE_SUBJECTS.includes(r.on as (typeof TRACE_SUBJECTS)[number]));
  if (product.licence !== 'crack-tool') {
    if (trace) throw new CatalogRuleError(`rule ${trace.id} reads ${trace.on}: only a crack-tool product has rules on traces (${TRACE_SUBJECTS.join(', ')})`);
    return;
  }
  if (product.category !== 'os' && product.category !== 'office') {
    throw new CatalogRuleError(`${product.id} is a crack tool, so its category is what it fakes the licence of: os or office, not ${product.category}`);
  }
}
