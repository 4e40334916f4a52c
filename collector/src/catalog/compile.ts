import type { CatalogEdition, CatalogProduct, MatchRule, MatchSubject, ReleaseRule } from '../schema/catalog.js';
import { compilePattern, RULE_FIELDS } from './patterns.js';
import { candidates, prefilterOf, type Prefilter } from './prefilter.js';
import { antivirusSubject, officeSubject, osSubject, softwareSubject, type Subject } from './subject.js';
import type { CompiledCatalog, Recognition } from './types.js';

interface CompiledRule {
  product: CompiledProduct;
  id: string;
  tests: { field: keyof Subject; re: RegExp }[];
  notName: RegExp | undefined;
}

interface CompiledProduct {
  product: CatalogProduct;
  editions: { edition: CatalogEdition; re: RegExp }[];
  release: { rule: ReleaseRule; re: RegExp }[];
}

/**
 * Software lists repeat the same items across machines; recognising each distinct item
 * once keeps a re-judge fast. When full, the older half goes: what was just recognised
 * (a long list warmed before its ingest transaction) stays.
 */
const SOFTWARE_CACHE_LIMIT = 100_000;

function compileProduct(product: CatalogProduct): CompiledProduct {
  return {
    product,
    editions: (product.editions ?? []).map((edition) => ({
      edition,
      re: compilePattern(edition.pattern, `product ${product.id}, edition ${edition.id}`),
    })),
    release: (product.release ?? []).map((rule, i) => ({
      rule,
      re: compilePattern(rule.pattern, `product ${product.id}, release rule ${i + 1}`),
    })),
  };
}

function compileRule(product: CompiledProduct, rule: MatchRule): CompiledRule {
  const tests: CompiledRule['tests'] = [];
  for (const field of RULE_FIELDS) {
    const source = rule[field];
    if (source === undefined || field === 'notName') continue;
    tests.push({ field, re: compilePattern(source, `rule ${rule.id}, field ${field}`) });
  }
  const notName = rule.notName === undefined ? undefined : compilePattern(rule.notName, `rule ${rule.id}, field notName`);
  return { product, id: rule.id, tests, notName };
}

function ruleMatches(rule: CompiledRule, subject: Subject): boolean {
  for (const { field, re } of rule.tests) {
    const value = subject[field];
    if (value === undefined || !re.test(value)) return false;
  }
  return rule.notName === undefined || !rule.notName.test(subject.name);
}

function findEdition(product: CompiledProduct, subject: Subject): CatalogEdition | undefined {
  for (const text of [subject.edition, subject.name]) {
    if (text === undefined) continue;
    const hit = product.editions.find(({ re }) => re.test(text));
    if (hit) return hit.edition;
  }
  return undefined;
}

function readRelease(product: CompiledProduct, subject: Subject): string | undefined {
  for (const { rule, re } of product.release) {
    const text = subject[rule.from];
    const m = text === undefined ? null : re.exec(text);
    if (!m) continue;
    const raw = (m[1] ?? m[0]).trim();
    if (raw === '') continue;
    return rule.map?.[raw] ?? rule.map?.[raw.toLowerCase()] ?? raw;
  }
  return undefined;
}

function recognise(rules: readonly CompiledRule[], subject: Subject, prefilter?: Prefilter<CompiledRule>): Recognition | undefined {
  if (prefilter) rules = candidates(prefilter, rules, subject.name);
  const rule = rules.find((r) => ruleMatches(r, subject));
  if (!rule) return undefined;
  const { product } = rule;
  const edition = findEdition(product, subject);
  return {
    product: product.product,
    ruleId: rule.id,
    edition,
    release: readRelease(product, subject),
    licence: edition?.licence ?? product.product.licence,
  };
}

/** Compiles every pattern once; throws CatalogPatternError naming the rule whose pattern is bad. */
export function compileCatalog(products: readonly CatalogProduct[], version: string): CompiledCatalog {
  const byId = new Map<string, CatalogProduct>();
  const bySubject: Record<MatchSubject, CompiledRule[]> = {
    os: [], office: [], antivirus: [], software: [], service: [], task: [], process: [], file: [], registry: [], 'kms-host': [],
  };
  const nameSources = new Map<CompiledRule, string | undefined>();
  for (const product of products) {
    if (!byId.has(product.id)) byId.set(product.id, product);
    const compiled = compileProduct(product);
    for (const rule of product.rules) {
      const c = compileRule(compiled, rule);
      bySubject[rule.on].push(c);
      nameSources.set(c, rule.name);
    }
  }
  const softwarePrefilter = prefilterOf(bySubject.software, nameSources);
  const softwareCache = new Map<string, Recognition | undefined>();
  // Traces repeat across a fleet (the same services and folders on every PC): each distinct one is matched once.
  const traceCache = new Map<string, Recognition | undefined>();
  const itemCache = new WeakMap<object, Recognition | null>();
  return {
    version,
    products: [...products],
    product: (id) => byId.get(id),
    recogniseOs: (os) => recognise(bySubject.os, osSubject(os)),
    recogniseOffice: (suite) => recognise(bySubject.office, officeSubject(suite)),
    recogniseAntivirus: (av) => recognise(bySubject.antivirus, antivirusSubject(av)),
    recogniseTrace: (on, subject) => {
      if (bySubject[on].length === 0) return undefined;
      const key = `${on}\u0000${subject.name}\u0000${subject.path ?? ''}\u0000${subject.value ?? ''}`;
      if (traceCache.has(key)) return traceCache.get(key);
      const result = recognise(bySubject[on], subject);
      if (traceCache.size >= SOFTWARE_CACHE_LIMIT) traceCache.clear();
      traceCache.set(key, result);
      return result;
    },
    recogniseSoftware: (item) => {
      // The same item object again (a long list warmed before its transaction): no key to build.
      const seen = itemCache.get(item);
      if (seen !== undefined) return seen ?? undefined;
      const key = `${item.name}\u0000${item.publisher ?? '\u0001'}\u0000${item.version ?? '\u0001'}`;
      if (softwareCache.has(key)) {
        const hit = softwareCache.get(key);
        itemCache.set(item, hit ?? null);
        return hit;
      }
      const result = recognise(bySubject.software, softwareSubject(item), softwarePrefilter);
      if (softwareCache.size >= SOFTWARE_CACHE_LIMIT) {
        let drop = SOFTWARE_CACHE_LIMIT / 2;
        for (const k of softwareCache.keys()) {
          if (drop-- <= 0) break;
          softwareCache.delete(k);
        }
      }
      softwareCache.set(key, result);
      itemCache.set(item, result ?? null);
      return result;
    },
  };
}
