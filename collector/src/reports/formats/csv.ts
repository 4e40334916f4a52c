import type { ReportColumn, ReportLang, ReportTable } from '../../schema/reports.js';
import { heading, percent } from './words.js';

/**
 * The table as CSV: UTF-8 with a BOM, so Excel on Chinese Windows reads the Chinese
 * right; one heading row (a group's name before its column's); rates as `53.16%`,
 * which Excel reads as a percentage; CRLF line ends.
 */
export function reportCsv(t: ReportTable, lang: ReportLang): Buffer {
  const head = t.columns.map((c) => {
    const h = heading(c, lang);
    return h.group ? `${h.group} ${h.name}` : h.name;
  });
  const lines = [head, ...t.rows.map((r) => t.columns.map((c) => cellText(c, r.cells[c.key] ?? null)))];
  const text = lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
  return Buffer.from(`\uFEFF${text}`, 'utf8');
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
