import type { ReportColumn, ReportLang, ReportTable } from '../../schema/reports.js';
import { heading, percent } from './words.js';

/**
 * The table as CSV: UTF-8 with a BOM, so Excel on Chinese Windows reads the Chinese
 * right; one heading row (a group's name before its column's); rates as `53.16%`,
 * which Excel reads as a percentage; CRLF line ends. A report of several tables (the
 * ledger) gives them one after another.
 */
export function reportCsv(t: ReportTable, lang: ReportLang): Buffer {
  const lines = tableLines(t.columns, t.rows, lang);
  // A report's further tables follow, each after an empty line and its title.
  for (const p of t.parts ?? []) lines.push([], [p.title[lang]], ...tableLines(p.columns, p.rows, lang));
  const text = lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.from(`\uFEFF${text}`, 'utf8');
}

function tableLines(columns: readonly ReportColumn[], rows: ReportTable['rows'], lang: ReportLang): string[][] {
  const head = columns.map((c) => {
    const h = heading(c, lang);
    return h.group ? `${h.group} ${h.name}` : h.name;
  });
  return [head, ...rows.map((r) => columns.map((c) => cellText(c, r.cells[c.key] ?? null)))];
}

/** A cell as a form prints it: rates as `53.16%`, changes signed (`+2.50%`), nothing as empty. */
export function cellText(c: ReportColumn, v: string | number | null): string {
  if (c.type === 'rate') return percent(typeof v === 'number' ? v : null);
  if (c.type === 'change') return typeof v === 'number' ? `${v > 0 ? '+' : ''}${percent(v)}` : '';
  if (c.type === 'money') return typeof v === 'number' ? v.toFixed(2) : '';
  return v === null ? '' : String(v);
}

function csvField(v: string): string {
  // A leading = + - @ would be run as a formula by a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
