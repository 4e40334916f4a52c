import type { Category, FindingCode } from '@zhengban/shared';
import type { CatalogProduct } from '../schema/catalog.js';
import type { ReportColumn, ReportLang, ReportRow, ReportTable } from '../schema/reports.js';
import type { Outlined } from './finding-outline.js';
import { CATEGORY_WORDS, FINDING_WORDS } from './finding-words.js';
import { treeLines, type ReportUnit } from './unit-tree.js';

/**
 * 软件采购需求 / 采购计划表: per unit and product, how many licences must be bought to
 * cover what is installed and not licensed (no licence, more installs than seats, an
 * expired licence, a personal edition in use, not activated, installed without
 * approval), a domestic product the catalog offers instead, and what it would cost at
 * the price the registry paid for a seat of it. Pure.
 */
export interface NeedGroup {
  unitId: number;
  /** Machines in this state. */
  count: number;
  findings: readonly Outlined[];
}

export interface ProcurementInput {
  units: readonly ReportUnit[];
  rootId: number;
  needs: readonly NeedGroup[];
  product: (id: string) => CatalogProduct | undefined;
  products: readonly CatalogProduct[];
  /** Yuan per seat by product id, where the registry has a priced licence. */
  prices: ReadonlyMap<string, number>;
  asOf: string;
  generatedAt: string;
  lang: ReportLang;
}

/** The findings that mean a licence must be bought. */
const TO_BUY: ReadonlySet<FindingCode> = new Set<FindingCode>(['no-entitlement', 'over-allocated', 'expired', 'personal-use-only', 'not-activated', 'unauthorized-install']);
const SOLD: ReadonlySet<string> = new Set(['commercial', 'personal-use-only']);
const ORDER: readonly Category[] = ['os', 'office', 'antivirus', 'other'];

export const PROCUREMENT_COLUMNS: readonly ReportColumn[] = [
  { key: 'unit', zh: '单位名称', en: 'Unit', type: 'text' },
  { key: 'category', zh: '类别', en: 'Category', type: 'text' },
  { key: 'software', zh: '软件', en: 'Software', type: 'text' },
  { key: 'sets', zh: '需采购（套）', en: 'To buy (sets)', type: 'integer' },
  { key: 'reasons', zh: '原因', en: 'Why', type: 'text' },
  { key: 'alternative', zh: '国产替代', en: 'Domestic alternative', type: 'text' },
  { key: 'price', zh: '参考单价（元）', en: 'Unit price (yuan)', type: 'money' },
  { key: 'amount', zh: '估算金额（元）', en: 'Estimate (yuan)', type: 'money' },
];

interface Need {
  unitId: number;
  productId: string;
  subject: string;
  category: Category;
  sets: number;
  reasons: Map<FindingCode, number>;
}

/** What each machine needs: one licence per product it runs unlicensed, whatever the number of findings saying so. */
function needsOf(input: ProcurementInput): Map<string, Need> {
  const out = new Map<string, Need>();
  for (const g of input.needs) {
    const seen = new Map<string, FindingCode>();
    for (const f of g.findings) {
      if (f.passed || !TO_BUY.has(f.code) || f.productId === null) continue;
      const p = input.product(f.productId);
      if (!p || !SOLD.has(p.licence) || f.category !== p.category) continue;
      const key = `${g.unitId}\u0000${f.productId}\u0000${f.subject}`;
      if (!seen.has(key)) seen.set(key, f.code);
    }
    for (const [key, code] of seen) {
      const [, productId, subject] = key.split('\u0000') as [string, string, string];
      let n = out.get(key);
      if (!n) out.set(key, (n = { unitId: g.unitId, productId, subject, category: input.product(productId)!.category as Category, sets: 0, reasons: new Map() }));
      n.sets += g.count;
      n.reasons.set(code, (n.reasons.get(code) ?? 0) + g.count);
    }
  }
  return out;
}

/**
 * For a foreign OS, office suite or antivirus, the first domestic product the catalog
 * sells to organisations in that category. Other software has no general alternative
 * (a domestic CAD is no stand-in for an archiver), so none is named.
 */
function alternative(input: ProcurementInput, productId: string): string | null {
  const p = input.product(productId);
  if (!p || p.domestic || p.category === 'other') return null;
  const alt = input.products.find((x) => x.category === p.category && x.domestic && x.licence === 'commercial');
  return alt ? (input.lang === 'zh' ? alt.nameZh : alt.name) : null;
}

export function procurementReport(input: ProcurementInput): ReportTable {
  const { lang } = input;
  const needs = [...needsOf(input).values()];
  const order = treeLines(input.units, input.rootId, () => 0, (a, b) => a + b).filter((l) => l.kind === 'unit');
  const rows: ReportRow[] = [];
  let sets = 0;
  let amount = 0;
  for (const line of order) {
    const own = needs.filter((n) => n.unitId === line.unit.id).sort((a, b) => ORDER.indexOf(a.category) - ORDER.indexOf(b.category) || a.subject.localeCompare(b.subject));
    for (const n of own) {
      const price = input.prices.get(n.productId) ?? null;
      const cost = price === null ? null : Math.round(price * n.sets * 100) / 100;
      sets += n.sets;
      amount += cost ?? 0;
      const reasons = [...n.reasons].map(([code, k]) => `${FINDING_WORDS[code][lang]} ${k}`).join(lang === 'zh' ? '，' : ', ');
      rows.push({
        kind: 'unit',
        level: line.level,
        unitId: line.unit.id,
        cells: { unit: line.unit.name, category: CATEGORY_WORDS[n.category][lang], software: n.subject, sets: n.sets, reasons, alternative: alternative(input, n.productId), price, amount: cost },
      });
    }
  }
  const wan = (amount / 10_000).toFixed(2);
  rows.push({ kind: 'total', level: 0, unitId: input.rootId, cells: { unit: lang === 'zh' ? '合计' : 'Total', category: null, software: null, sets, reasons: null, alternative: null, price: null, amount } });
  const root = input.units.find((u) => u.id === input.rootId);
  const unpriced = rows.filter((r) => r.kind === 'unit' && r.cells.price === null).length;
  return {
    report: 'procurement',
    title: { zh: `${root?.name ?? ''}软件采购需求表`, en: `Software to buy: ${root?.name ?? ''}` },
    unit: root?.name ?? '',
    asOf: input.asOf,
    generatedAt: input.generatedAt,
    columns: [...PROCUREMENT_COLUMNS],
    rows,
    notes: [
      {
        zh: `共需采购 ${sets} 套，估算金额 ${wan} 万元（按登记的已购授权单价估算；${unpriced} 项无价格可参考，未计入）。每台计算机每个软件计一套；网络版授权按一套计，请据实调整。`,
        en: `${sets} sets to buy, estimated at ${wan} ten-thousand yuan (at the seat prices of licences in the registry; ${unpriced} lines have no price and are not counted). One set per computer and product; a network licence is one set: adjust as bought.`,
      },
    ],
  };
}
