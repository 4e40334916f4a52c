import type { Category, Finding, Indicator } from '@zhengban/shared';
import type { JudgedSnapshot } from './assess.js';
import { INDICATOR_CATEGORIES } from './data/indicator-categories.js';
import { fact, makeFinding, type Rule } from './finding.js';

/**
 * Crack traces the agent found. Each is its own finding and always fails: a PC
 * that carries an activator is not genuine even when Windows reports "Licensed".
 */
function crackIndicators(snapshot: JudgedSnapshot): Finding[] {
  return snapshot.indicators.map((ind, i) => {
    const category = categoryOf(ind);
    const evidence = ind.evidence.length ? ind.evidence.join('; ') : 'none quoted';
    const facts = [
      fact(`indicators[${i}].kind`, ind.kind),
      fact(`indicators[${i}].description`, ind.description),
      ...ind.evidence.map((e, j) => fact(`indicators[${i}].evidence[${j}]`, e)),
    ];
    return makeFinding(category, subjectOf(snapshot, category), {
      code: 'crack-activator',
      message: `Crack activator trace on this PC: ${ind.description} (evidence: ${evidence}).`,
      messageZh: `本机发现破解激活工具痕迹：${ind.description}（证据：${evidence}）。`,
    }, facts);
  });
}

/** The agent's own category when it gives one; otherwise read from the wording. */
function categoryOf(ind: Indicator): Category {
  if (ind.category) return ind.category;
  const text = `${ind.kind} ${ind.description}`;
  const hit = INDICATOR_CATEGORIES.find((c) => c.pattern.test(text) && !c.unless?.test(text));
  return hit?.category ?? 'os';
}

/** The product the trace concerns when there is exactly one, else the category. */
function subjectOf(snapshot: JudgedSnapshot, category: Category): string {
  if (category === 'os') return snapshot.os.name;
  const products = category === 'office' ? snapshot.office : category === 'antivirus' ? snapshot.antivirus : [];
  return products.length === 1 && products[0] ? products[0].name : category;
}

export const indicatorRules: readonly Rule[] = [crackIndicators];
