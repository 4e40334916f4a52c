import type { CompiledCatalog } from '../catalog/types.js';
import type { LicenceInput, LicenceModel, LicenceView } from '../schema/licences.js';
import { isCalendarDate } from './licence-validate.js';

/**
 * The columns of the licence ledger (软件资产台账) as CSV. Headers are stable English
 * keys, or Chinese with `lang=zh`; an import accepts either. Columns without `field`
 * are written for the reader and ignored when the file is loaded again.
 */

export type CsvLang = 'en' | 'zh';

/** What reading a cell needs: the catalog, the units by name and id, the row's product so far. */
export interface CellContext {
  catalog: CompiledCatalog;
  unitsByName: ReadonlyMap<string, number>;
  unitIds: ReadonlySet<number>;
  row: Partial<LicenceInput>;
}

/** A cell that cannot be read; the importer adds the line and column. */
export class CellError extends Error {}

export interface Column {
  key: string;
  zh: string;
  field?: keyof LicenceInput;
  write(l: LicenceView, lang: CsvLang, catalog: CompiledCatalog): string;
  /** Reads a non-empty cell. */
  read?(text: string, ctx: CellContext): unknown;
}

const MODEL_ZH: Record<LicenceModel, string> = {
  oem: 'OEM预装',
  retail: '零售',
  mak: '批量MAK',
  kms: '批量KMS',
  subscription: '订阅',
  site: '场地授权',
  network: '网络版',
  'open-source': '开源',
  free: '免费',
};
const MODEL_WORDS: ReadonlyMap<string, LicenceModel> = new Map([
  ...(Object.entries(MODEL_ZH) as [LicenceModel, string][]).flatMap(([id, zh]): [string, LicenceModel][] => [
    [id, id],
    [zh.toLowerCase(), id],
  ]),
  ['预装', 'oem'],
  ['盒装', 'retail'],
  ['零售版', 'retail'],
  ['网络', 'network'],
  ['开源软件', 'open-source'],
  ['免费软件', 'free'],
]);

const UNLIMITED_WORDS = new Set(['unlimited', '不限', '无限', '不限量']);
const YES = new Set(['yes', 'true', '1', 'y', '是', '有']);
const NO = new Set(['no', 'false', '0', 'n', '否', '无']);

/** `2027-12-31`, and the forms a spreadsheet may turn it into: `2027/12/31`, `2027.12.31`, `2027年12月31日`. */
export function readDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  const date = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : '';
  if (!isCalendarDate(date)) throw new CellError(`"${text}" is not a date (write 2027-12-31)`);
  return date;
}

function readProduct(text: string, { catalog }: CellContext): string {
  if (catalog.product(text)) return text;
  const named = catalog.products.filter((p) => p.name === text || p.nameZh === text);
  if (named.length === 1) return named[0]!.id;
  if (named.length > 1) throw new CellError(`"${text}" names ${named.length} products (${named.map((p) => p.id).join(', ')}); give the product id`);
  throw new CellError(`"${text}" is not a product id or name in the catalog`);
}

function readEdition(text: string, { catalog, row }: CellContext): string {
  const editions = (row.productId && catalog.product(row.productId)?.editions) || [];
  const found = editions.find((e) => e.id === text || e.name === text || e.nameZh === text);
  if (found) return found.id;
  const known = editions.map((e) => e.id).join(', ') || 'none';
  throw new CellError(`"${text}" is not an edition of ${row.productId ?? 'the product'} (editions: ${known})`);
}

function readModel(text: string): LicenceModel {
  const model = MODEL_WORDS.get(text.toLowerCase());
  if (!model) throw new CellError(`"${text}" is not a licence model (${Object.keys(MODEL_ZH).join(', ')}, or ${Object.values(MODEL_ZH).join('、')})`);
  return model;
}

function readSeats(text: string): number | null {
  if (UNLIMITED_WORDS.has(text.toLowerCase())) return null;
  if (!/^\d+$/.test(text)) throw new CellError(`"${text}" is not a number of seats (or 不限 / unlimited)`);
  return Number(text);
}

function readUnit(text: string, { unitsByName, unitIds }: CellContext): number {
  const byName = unitsByName.get(text);
  if (byName !== undefined) return byName;
  if (/^\d+$/.test(text) && unitIds.has(Number(text))) return Number(text);
  throw new CellError(`there is no unit named or numbered "${text}"`);
}

/** Yuan, to the fen: `12800`, `12,800.50`, `¥12800`. */
function readPrice(text: string): number {
  const plain = text.replace(/[¥￥,，\s]|元$/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) throw new CellError(`"${text}" is not an amount in yuan (to the fen, e.g. 12800.50)`);
  return Number(plain);
}

function readBoolean(text: string): boolean {
  const t = text.toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  throw new CellError(`"${text}" is not yes/no (是/否)`);
}

const text = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
const plain = (t: string): string => t;

export const COLUMNS: readonly Column[] = [
  { key: 'id', zh: '编号', write: (l) => String(l.id) },
  { key: 'product', zh: '产品', field: 'productId', write: (l) => l.productId, read: readProduct },
  {
    key: 'productName',
    zh: '产品名称',
    write: (l, lang, catalog) => {
      const p = catalog.product(l.productId);
      return p ? (lang === 'zh' ? p.nameZh : p.name) : l.product;
    },
  },
  { key: 'edition', zh: '版本/版次', field: 'edition', write: (l) => text(l.edition), read: readEdition },
  { key: 'versionFrom', zh: '版本起', field: 'versionFrom', write: (l) => text(l.versionFrom), read: plain },
  { key: 'versionTo', zh: '版本止', field: 'versionTo', write: (l) => text(l.versionTo), read: plain },
  { key: 'downgrade', zh: '降级权', field: 'downgrade', write: (l, lang) => (lang === 'zh' ? (l.downgrade ? '是' : '否') : l.downgrade ? 'yes' : 'no'), read: readBoolean },
  { key: 'model', zh: '授权方式', field: 'model', write: (l, lang) => (lang === 'zh' ? MODEL_ZH[l.model] : l.model), read: readModel },
  { key: 'kmsHosts', zh: 'KMS主机', field: 'kmsHosts', write: (l) => l.kmsHosts.join(';'), read: (t) => t.split(/[;；,，、\s]+/).filter(Boolean) },
  { key: 'seats', zh: '数量', field: 'seats', write: (l, lang) => (l.seats === null ? (lang === 'zh' ? '不限' : 'unlimited') : String(l.seats)), read: readSeats },
  { key: 'effectiveSeats', zh: '有效数量', write: (l, lang) => (l.effectiveSeats === null ? (lang === 'zh' ? '不限' : 'unlimited') : String(l.effectiveSeats)) },
  { key: 'allocated', zh: '已分配', write: (l) => String(l.allocated) },
  { key: 'unit', zh: '单位', field: 'unitId', write: (l) => l.unit, read: readUnit },
  { key: 'validFrom', zh: '有效期起', field: 'validFrom', write: (l) => text(l.validFrom), read: readDate },
  { key: 'validUntil', zh: '有效期止', field: 'validUntil', write: (l) => text(l.validUntil), read: readDate },
  { key: 'vendor', zh: '供应商', field: 'vendor', write: (l) => text(l.vendor), read: plain },
  { key: 'purchaseOrder', zh: '采购订单号', field: 'purchaseOrder', write: (l) => text(l.purchaseOrder), read: plain },
  { key: 'price', zh: '金额(元)', field: 'price', write: (l) => (l.price === null ? '' : l.price.toFixed(2)), read: readPrice },
  { key: 'notes', zh: '备注', field: 'notes', write: (l) => text(l.notes), read: plain },
  { key: 'documentSha256', zh: '授权文本SHA256', write: (l) => text(l.document?.sha256) },
];

/** Headers an import also accepts for a column: other spellings a ledger may use. */
export const HEADER_ALIASES: ReadonlyMap<string, string> = new Map([
  ['序号', 'id'],
  ['金额', 'price'],
  ['金额（元）', 'price'],
  ['版本', 'edition'],
  ['版次', 'edition'],
  ['供货商', 'vendor'],
  ['授权数量', 'seats'],
  ['使用单位', 'unit'],
]);
