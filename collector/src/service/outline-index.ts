import type { Category, FindingCode } from '@zhengban/shared';
import { categoryResults } from '../classify/combine.js';
import { parseOutline, type Outlined } from '../reports/finding-outline.js';
import type { Store } from '../store/store.js';

/**
 * Every finding outline, decoded once per collector and kept: outlines are stored by
 * content and never change, so a reader only fetches those added since it last looked.
 * Filters on findings (machines whose office fails for "no-entitlement") become a list
 * of outline pairs that SQL can match, instead of reading every machine's findings.
 */
interface Index {
  lastId: number;
  outlines: Map<number, Outlined[]>;
}

const indexes = new WeakMap<Store, Index>();

async function current(store: Store): Promise<Index> {
  let index = indexes.get(store);
  if (!index) indexes.set(store, (index = { lastId: 0, outlines: new Map() }));
  for (const row of await store.read.reports.outlinesAfter(index.lastId)) {
    index.outlines.set(row.id, parseOutline(row.json));
    index.lastId = Math.max(index.lastId, row.id);
  }
  return index;
}

/** `outlineId:entitlementOutlineId` ('' for none): how the machine list matches a verdict's pair of outlines. */
export const pairKey = (outlineId: number | null, entitlementOutlineId: number | null) => `${outlineId ?? ''}:${entitlementOutlineId ?? ''}`;

/**
 * The pairs of outlines (a verdict's assessment and entitlement findings) the machines
 * hold now whose category fails because of a failed finding of that category and code
 * (either may be left out): why a machine is unauthorized, as the overview counts it.
 */
export async function pairsFailing(store: Store, category: Category | undefined, code: FindingCode | undefined): Promise<string[]> {
  const { outlines } = await current(store);
  const pairs = await store.read.machines.outlinePairs();
  // Another collector may commit a lower id after this one read a higher: such an outline is fetched by its id.
  for (const id of new Set(pairs.flatMap((p) => [p.outlineId, p.entitlementOutlineId]))) {
    if (id !== null && !outlines.has(id)) outlines.set(id, parseOutline((await store.read.reports.outline(id)) ?? null));
  }
  const keys: string[] = [];
  for (const p of pairs) {
    const findings = [...(p.outlineId === null ? [] : (outlines.get(p.outlineId) ?? [])), ...(p.entitlementOutlineId === null ? [] : (outlines.get(p.entitlementOutlineId) ?? []))];
    const results = categoryResults(findings);
    if (findings.some((f) => !f.passed && !results[f.category] && (category === undefined || f.category === category) && (code === undefined || f.code === code))) {
      keys.push(pairKey(p.outlineId, p.entitlementOutlineId));
    }
  }
  return keys;
}
