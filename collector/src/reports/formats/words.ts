import type { ReportColumn, ReportLang, ReportName, ReportTable, Words } from '../../schema/reports.js';
import { chinaDate } from '../china-time.js';

/** A column's heading in the report's language, with its group's above it. */
export function heading(c: ReportColumn, lang: ReportLang): { group: string | undefined; name: string } {
  return { group: c.group?.[lang], name: c[lang] };
}

/** `2026-12-06`: the report's moment as the date an office writes (China time). */
export function reportDate(iso: string): string {
  return chinaDate(iso);
}

/** A rate as a form prints it: `53.16%`; empty where nothing was counted. */
export function percent(value: number | null): string {
  return value === null ? '' : `${(value * 100).toFixed(2)}%`;
}

/** The words around the table on the paper form. */
export const FORM_WORDS = {
  unit: { zh: '填报单位', en: 'Reporting unit' },
  asOf: { zh: '截止日期', en: 'As of' },
  notes: { zh: '说明', en: 'Notes' },
  footer: {
    zh: ['单位负责人（签字）：', '填报人：', '联系电话：', '填报日期：', '（盖章）'],
    en: ['Head of unit (signature):', 'Prepared by:', 'Telephone:', 'Date:', '(Seal)'],
  },
} as const;

/** A form's short name, for its file and its sheet. */
export const SHORT_NAMES: Record<ReportName, string> = { statistics: '统计表', responsibles: '责任人信息汇总表', notice: '通报', 'machine-sheets': '检查表', procurement: '采购需求表', annual: '年度报告', ledger: '软件资产台账', 'spotcheck-register': '抽查登记表', 'spotcheck-summary': '抽查情况汇总表' };

/** The file name a download gets: `统计表-某某县-2026-12-06.xlsx`. */
export function fileName(t: ReportTable, lang: ReportLang, ext: string): string {
  const base = lang === 'zh' ? SHORT_NAMES[t.report] : t.report;
  return `${base}-${t.unit}-${reportDate(t.asOf)}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');
}

/** The first sheet's name where the short name would not say which table it is. */
export const FIRST_SHEET: Partial<Record<ReportName, Words>> = { ledger: { zh: '附表1 软件使用情况汇总表', en: 'Table 1 by unit' } };

/** The sheet names of a report's further tables, by their key. */
export const PART_SHEETS: Record<string, Words> = {
  detail: { zh: '附表2 软件使用情况明细表', en: 'Table 2 by computer' },
  changes: { zh: '附表3 软件安装维护情况明细表', en: 'Table 3 installs, removals' },
};

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the book. */
export function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || 'sheet';
  let name = base;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base.slice(0, 26)}~${i}`;
  used.add(name.toLowerCase());
  return name;
}
