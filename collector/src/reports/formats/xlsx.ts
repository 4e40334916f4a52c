import ExcelJS from 'exceljs';
import type { ReportColumn, ReportLang, ReportTable } from '../../schema/reports.js';
import { FIRST_SHEET, FORM_WORDS, PART_SHEETS, SHORT_NAMES, heading, reportDate, sheetName } from './words.js';

/**
 * The table as the paper form a clerk keeps (exceljs): a title row, the unit and the
 * date, two heading rows with the groups merged, frozen headings, rates as percentages,
 * subtotals and the total in bold, columns wide enough for their words, A4 landscape
 * with the headings repeated on every page, and the lines a head of unit signs.
 */
const TITLE_ROW = 1;
const INFO_ROW = 2;
const HEAD_ROWS = [3, 4] as const;
const FIRST_DATA_ROW = 5;

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const HEAD_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDE6F0' } };
const SUM_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };
// The typeface of Chinese government forms; Excel on Chinese Windows has it, others substitute.
const FONT = '宋体';
/** Indenting by level: a full-width space per level shows in Excel and LibreOffice alike. */
const INDENT = '\u3000';

/** Display width of text: a CJK character takes two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

function numFmt(c: ReportColumn): string | undefined {
  if (c.type === 'rate') return '0.00%';
  if (c.type === 'change') return '+0.00%;-0.00%;0.00%';
  if (c.type === 'money') return '#,##0.00';
  if (c.type === 'integer') return '#,##0';
  return undefined;
}

/** One table of a report as its own form: the first, or one of its parts. */
interface Form {
  sheet: string;
  title: string;
  columns: ReportTable['columns'];
  rows: ReportTable['rows'];
  notes: ReportTable['notes'];
}

export async function reportXlsx(t: ReportTable, lang: ReportLang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zhengban';
  wb.created = new Date(t.generatedAt);
  const used = new Set<string>();
  const first = FIRST_SHEET[t.report]?.[lang] ?? (lang === 'zh' ? SHORT_NAMES[t.report] : t.report);
  addForm(wb, t, { sheet: sheetName(first, used), title: t.title[lang], columns: t.columns, rows: t.rows, notes: t.notes }, lang);
  for (const p of t.parts ?? []) addForm(wb, t, { sheet: sheetName(PART_SHEETS[p.key]?.[lang] ?? p.title[lang], used), title: p.title[lang], columns: p.columns, rows: p.rows, notes: p.notes }, lang);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addForm(wb: ExcelJS.Workbook, t: ReportTable, f: Form, lang: ReportLang): void {
  const ws = wb.addWorksheet(f.sheet, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: HEAD_ROWS[1] }],
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      printTitlesRow: `${HEAD_ROWS[0]}:${HEAD_ROWS[1]}`, horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: lang === 'zh' ? '第 &P 页，共 &N 页' : 'Page &P of &N' },
  });
  const n = f.columns.length;

  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, n);
  const titleCell = ws.getCell(TITLE_ROW, 1);
  titleCell.value = f.title;
  titleCell.font = { name: FONT, size: 16, bold: true };
  titleCell.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(TITLE_ROW).height = 30;

  const half = Math.max(1, Math.floor(n / 2));
  ws.mergeCells(INFO_ROW, 1, INFO_ROW, half);
  ws.mergeCells(INFO_ROW, half + 1, INFO_ROW, n);
  ws.getCell(INFO_ROW, 1).value = `${FORM_WORDS.unit[lang]}：${t.unit}`;
  ws.getRow(INFO_ROW).font = { name: FONT, size: 11 };
  ws.getCell(INFO_ROW, half + 1).value = `${FORM_WORDS.asOf[lang]}：${reportDate(t.asOf)}`;
  ws.getCell(INFO_ROW, half + 1).alignment = { horizontal: 'right' };

  writeHeadings(ws, f.columns, lang);
  f.rows.forEach((r, i) => {
    const row = ws.getRow(FIRST_DATA_ROW + i);
    f.columns.forEach((c, j) => {
      const cell = row.getCell(j + 1);
      const value = r.cells[c.key] ?? null;
      cell.value = j === 0 && typeof value === 'string' && r.kind !== 'total' ? INDENT.repeat(r.level) + value : value;
      const fmt = numFmt(c);
      if (fmt) cell.numFmt = fmt;
      cell.border = BORDER;
      cell.font = { name: FONT, size: 10, bold: r.kind !== 'unit' };
      if (r.kind !== 'unit') cell.fill = SUM_FILL;
    });
  });

  const last = FIRST_DATA_ROW + f.rows.length - 1;
  writeNotes(ws, f.notes, lang, last + 2, n);
  fitWidths(ws, f, lang);
}

/** Two heading rows (`rows`): a column without a group spans both; a group spans its columns. */
export function writeHeadings(ws: ExcelJS.Worksheet, columns: readonly ReportColumn[], lang: ReportLang, rows: readonly [number, number] = HEAD_ROWS): void {
  const [top, bottom] = rows;
  let j = 0;
  while (j < columns.length) {
    const h = heading(columns[j]!, lang);
    if (!h.group) {
      ws.mergeCells(top, j + 1, bottom, j + 1);
      ws.getCell(top, j + 1).value = h.name;
      j++;
      continue;
    }
    let end = j;
    while (end + 1 < columns.length && heading(columns[end + 1]!, lang).group === h.group) end++;
    if (end > j) ws.mergeCells(top, j + 1, top, end + 1);
    ws.getCell(top, j + 1).value = h.group;
    for (let k = j; k <= end; k++) ws.getCell(bottom, k + 1).value = heading(columns[k]!, lang).name;
    j = end + 1;
  }
  for (const r of rows) {
    const row = ws.getRow(r);
    row.height = 24;
    for (let c = 1; c <= columns.length; c++) {
      const cell = row.getCell(c);
      cell.font = { name: FONT, size: 10, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = HEAD_FILL;
      cell.border = BORDER;
    }
  }
}

function writeNotes(ws: ExcelJS.Worksheet, notes: ReportTable['notes'], lang: ReportLang, from: number, n: number): void {
  let r = from;
  for (const note of notes) {
    ws.mergeCells(r, 1, r, n);
    const cell = ws.getCell(r, 1);
    cell.value = `${FORM_WORDS.notes[lang]}：${note[lang]}`;
    cell.font = { name: FONT, size: 10 };
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = 30;
    r++;
  }
  // The signature lines: the fields spread over the width, as on the paper form, at
  // least two columns each, so a narrow table takes two lines.
  r++;
  const fields = FORM_WORDS.footer[lang];
  const perLine = Math.max(1, Math.min(fields.length, Math.floor(n / 2)));
  const span = Math.max(1, Math.floor(n / perLine));
  for (let i = 0; i < fields.length; i += perLine) {
    fields.slice(i, i + perLine).forEach((text, k) => {
      const start = k * span + 1;
      const end = k === perLine - 1 ? n : start + span - 1;
      if (end > start) ws.mergeCells(r, start, r, end);
      ws.getCell(r, start).value = text;
      ws.getCell(r, start).font = { name: FONT, size: 11 };
    });
    ws.getRow(r).height = 28;
    r++;
  }
}

function fitWidths(ws: ExcelJS.Worksheet, t: Form, lang: ReportLang): void {
  t.columns.forEach((c, j) => {
    const h = heading(c, lang);
    let w = Math.max(width(h.name), 6);
    if (j === 0) for (const r of t.rows) w = Math.max(w, width(String(r.cells[c.key] ?? '')) + 2 * r.level + 2);
    if (c.type === 'text' && j > 0) for (const r of t.rows) w = Math.max(w, width(String(r.cells[c.key] ?? '')));
    ws.getColumn(j + 1).width = Math.min(j === 0 ? 40 : c.type === 'text' ? 30 : 16, w + 2);
  });
}
