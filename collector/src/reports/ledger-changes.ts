import type { CatalogProduct } from '../schema/catalog.js';
import type { ReportColumn, ReportLang, ReportPart, ReportRow, Words } from '../schema/reports.js';
import { chinaDate } from './china-time.js';
import { unitOrder } from './ledger-detail.js';
import type { ReportUnit } from './unit-tree.js';

/**
 * 附表3 软件安装维护情况明细表: per product the catalog knows, every install and removal
 * on the units' computers in the period, from the software change log; an upgrade is
 * the removal of the old version and the install of the new, as the ledger rules ask.
 * The paper form keeps a sheet per product: here each product's lines run together
 * and end with its count. Pure.
 */
export interface LedgerChange {
  at: string;
  machineId: string;
  hostname: string;
  user: string | null;
  unitId: number;
  action: 'install' | 'remove';
  /** The program as the machine listed it, and its version. */
  program: string;
  version: string | null;
  productId: string;
}

export interface ChangesInput {
  units: readonly ReportUnit[];
  rootId: number;
  changes: readonly LedgerChange[];
  product: (id: string) => CatalogProduct | undefined;
  since: string;
  asOf: string;
  lang: ReportLang;
}

export const CHANGE_COLUMNS: readonly ReportColumn[] = [
  { key: 'software', zh: '软件名称', en: 'Software', type: 'text' },
  { key: 'program', zh: '程序名称', en: 'Program', type: 'text' },
  { key: 'version', zh: '版本号', en: 'Version', type: 'text' },
  { key: 'action', zh: '操作', en: 'Action', type: 'text' },
  { key: 'date', zh: '日期', en: 'Date', type: 'text' },
  { key: 'hostname', zh: '计算机名', en: 'Computer', type: 'text' },
  { key: 'user', zh: '使用人', en: 'User', type: 'text' },
  { key: 'unit', zh: '单位', en: 'Unit', type: 'text' },
];

const W = {
  install: { zh: '安装', en: 'Install' },
  remove: { zh: '卸载', en: 'Removal' },
  count: { zh: '小计：安装 I 次，卸载 R 次', en: 'subtotal: I installs, R removals' },
} satisfies Record<string, Words>;

export function changesPart(input: ChangesInput): ReportPart {
  const { lang } = input;
  const order = unitOrder(input.units, input.rootId);
  const names = new Map(input.units.map((u) => [u.id, u.name]));
  const nameOf = (id: string) => {
    const p = input.product(id);
    return p ? (lang === 'zh' ? p.nameZh : p.name) : id;
  };
  const byProduct = new Map<string, LedgerChange[]>();
  for (const c of input.changes) {
    if (!order.has(c.unitId)) continue;
    const list = byProduct.get(c.productId) ?? [];
    list.push(c);
    byProduct.set(c.productId, list);
  }
  const products = [...byProduct.keys()].sort((a, b) => nameOf(a).localeCompare(nameOf(b), 'zh') || a.localeCompare(b));
  const rows: ReportRow[] = [];
  let installs = 0;
  let removals = 0;
  for (const id of products) {
    // Oldest first; on one snapshot the removal of the old version comes before the install of the new.
    const list = byProduct.get(id)!.sort((a, b) => a.at.localeCompare(b.at) || a.hostname.localeCompare(b.hostname) || (a.action === 'remove' ? -1 : 1) - (b.action === 'remove' ? -1 : 1));
    for (const c of list) {
      rows.push({
        kind: 'unit', level: 0, unitId: c.unitId,
        cells: { software: nameOf(id), program: c.program, version: c.version, action: W[c.action][lang], date: chinaDate(c.at), hostname: c.hostname, user: c.user, unit: names.get(c.unitId) ?? '' },
      });
    }
    const i = list.filter((c) => c.action === 'install').length;
    const r = list.length - i;
    installs += i;
    removals += r;
    rows.push({ kind: 'subtotal', level: 0, cells: { software: nameOf(id), program: null, version: null, action: W.count[lang].replace('I', String(i)).replace('R', String(r)), date: null, hostname: null, user: null, unit: null } });
  }
  const from = chinaDate(input.since);
  const to = chinaDate(input.asOf);
  return {
    key: 'changes',
    title: { zh: '附表3 软件安装维护情况明细表', en: 'Table 3: installs and removals, by software' },
    columns: [...CHANGE_COLUMNS],
    rows,
    notes: [
      {
        zh: `${from} 至 ${to}，${products.length} 种软件，安装 ${installs} 次，卸载 ${removals} 次。取自计算机每次上报与上一次相比的软件变化，只列软件目录识别的产品；升级记为卸载旧版本和安装新版本，日期为发现变化的上报日期。`,
        en: `${from} to ${to}: ${products.length} products, ${installs} installs, ${removals} removals. From what changed between each computer's reports, for the products the catalog knows; an upgrade is the removal of the old version and the install of the new, dated by the report that found it.`,
      },
    ],
  };
}
