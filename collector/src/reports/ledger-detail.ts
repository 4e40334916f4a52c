import { MODEL_WORDS } from '../classify/entitlement.js';
import type { CatalogProduct } from '../schema/catalog.js';
import type { ReportColumn, ReportLang, ReportPart, ReportRow, Words } from '../schema/reports.js';
import { chinaDate } from './china-time.js';
import { CATEGORY_WORDS, FINDING_WORDS } from './finding-words.js';
import { editionName, type LedgerBasis, type LedgerItem } from './ledger-items.js';
import { treeLines, type ReportUnit } from './unit-tree.js';

/**
 * 附表2 软件使用情况明细表: every computer of the units with its user, and each copy of
 * software on it (ledger-items.ts) with its edition, the licence it holds and its state.
 * A computer not reporting has one line that says so. Pure.
 */
export interface LedgerMachine {
  id: string;
  hostname: string;
  unitId: number;
  user: string | null;
  assetNumber: string | null;
  state: 'reporting' | 'stale' | 'pending';
  lastReport: string | null;
  /** The copies its verdict of the moment speaks of; none when not reporting. */
  items: readonly LedgerItem[];
}

export interface DetailInput {
  units: readonly ReportUnit[];
  rootId: number;
  machines: readonly LedgerMachine[];
  product: (id: string) => CatalogProduct | undefined;
  lang: ReportLang;
}

export const DETAIL_COLUMNS: readonly ReportColumn[] = [
  { key: 'unit', zh: '单位', en: 'Unit', type: 'text' },
  { key: 'user', zh: '使用人', en: 'User', type: 'text' },
  { key: 'hostname', zh: '计算机名', en: 'Computer', type: 'text' },
  { key: 'assetNumber', zh: '资产编号', en: 'Asset number', type: 'text' },
  { key: 'category', zh: '类别', en: 'Category', type: 'text' },
  { key: 'software', zh: '软件名称', en: 'Software', type: 'text' },
  { key: 'edition', zh: '版本', en: 'Edition', type: 'text' },
  { key: 'licence', zh: '授权', en: 'Licence', type: 'text' },
  { key: 'basis', zh: '授权类型', en: 'Licensed as', type: 'text' },
  { key: 'state', zh: '状态', en: 'State', type: 'text' },
];

export const BASIS_WORDS: Record<LedgerBasis, Words> = {
  licensed: { zh: '商业软件正版', en: 'Commercial, licensed' },
  unlicensed: { zh: '商业软件非正版', en: 'Commercial, not licensed' },
  oem: { zh: 'OEM 预装', en: 'OEM pre-installed' },
  free: { zh: '免费软件', en: 'Free software' },
};

const W = {
  firmware: { zh: '电脑固件中的 OEM 密钥', en: 'OEM key in the firmware' },
  none: { zh: '无', en: 'None' },
  'open-source': { zh: '开源', en: 'Open source' },
  'free-for-orgs': { zh: '对单位免费', en: 'Free for organisations' },
  bundled: { zh: '随系统或硬件授权', en: 'With the system or hardware' },
  pending: { zh: '未上报', en: 'Not reporting' },
  stale: { zh: '超过上报期限未上报（最近上报 DATE）', en: 'Silent past the reporting window (last report DATE)' },
} satisfies Record<string, Words>;

function licenceText(item: LedgerItem, p: CatalogProduct | undefined, lang: ReportLang): string {
  const l = item.licence;
  if (l?.kind === 'firmware') return W.firmware[lang];
  if (l?.kind === 'registry') {
    const model = MODEL_WORDS[l.model as keyof typeof MODEL_WORDS]?.[lang] ?? l.model;
    return lang === 'zh' ? `第 ${l.id} 号授权（${model}）` : `licence #${l.id} (${model})`;
  }
  const requirement = p?.editions?.find((e) => e.id === item.editionId)?.licence ?? p?.licence;
  return requirement === 'open-source' || requirement === 'free-for-orgs' || requirement === 'bundled' ? W[requirement][lang] : W.none[lang];
}

function itemCells(item: LedgerItem, p: CatalogProduct | undefined, lang: ReportLang): ReportRow['cells'] {
  const name = p ? (lang === 'zh' ? p.nameZh : p.name) : item.subject;
  const edition = [item.release, editionName(p, item.editionId, lang)].filter(Boolean).join(' ');
  return {
    category: CATEGORY_WORDS[item.category][lang],
    software: name,
    edition: edition === '' ? null : edition,
    licence: licenceText(item, p, lang),
    basis: BASIS_WORDS[item.basis][lang],
    state: item.problems.length === 0 ? FINDING_WORDS.licensed[lang] : item.problems.map((c) => FINDING_WORDS[c][lang]).join(lang === 'zh' ? '、' : ', '),
  };
}

/** The units in the order the forms list them (the tree, by code then name). */
export function unitOrder(units: readonly ReportUnit[], rootId: number): Map<number, number> {
  const lines = treeLines(units, rootId, () => 0, (a) => a).filter((l) => l.kind === 'unit');
  return new Map(lines.map((l, i) => [l.unit.id, i]));
}

export function detailRows(input: DetailInput): ReportRow[] {
  const { lang } = input;
  const order = unitOrder(input.units, input.rootId);
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const machines = input.machines
    .filter((m) => order.has(m.unitId))
    .sort((a, b) => order.get(a.unitId)! - order.get(b.unitId)! || a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id));
  const rows: ReportRow[] = [];
  for (const m of machines) {
    const who = { unit: names.get(m.unitId) ?? '', user: m.user, hostname: m.hostname, assetNumber: m.assetNumber };
    if (m.state !== 'reporting') {
      const state = m.state === 'stale' ? W.stale[lang].replace('DATE', m.lastReport ? chinaDate(m.lastReport) : '') : W.pending[lang];
      rows.push({ kind: 'unit', level: 0, unitId: m.unitId, cells: { ...who, category: null, software: null, edition: null, licence: null, basis: null, state } });
      continue;
    }
    for (const item of m.items) {
      const p = item.productId === null ? undefined : input.product(item.productId);
      rows.push({ kind: 'unit', level: 0, unitId: m.unitId, cells: { ...who, ...itemCells(item, p, lang) } });
    }
  }
  return rows;
}

export function detailPart(input: DetailInput): ReportPart {
  const rows = detailRows(input);
  const computers = new Set(input.machines.map((m) => m.id)).size;
  return {
    key: 'detail',
    title: { zh: '附表2 软件使用情况明细表', en: 'Table 2: software in use, by computer' },
    columns: [...DETAIL_COLUMNS],
    rows,
    notes: [
      {
        zh: `共 ${computers} 台计算机。软件、版本和状态均取自该时点的判定。`,
        en: `${computers} computers. Software, editions and states are those of the verdict of the moment.`,
      },
    ],
  };
}
