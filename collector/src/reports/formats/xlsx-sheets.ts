import ExcelJS from 'exceljs';
import type { ReportLang, ReportTable } from '../../schema/reports.js';
import { heading, reportDate, sheetName } from './words.js';

/**
 * A report of one sheet per machine as the check sheet is printed: a worksheet per
 * machine, named after it, with the title, the machine's fields in two label-value
 * columns, its findings with their evidence, and the lines the user and the inspector
 * sign; A4 portrait, fitted to the page width.
 */
const FONT = '宋体';
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const LABEL_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDE6F0' } };
const SIGN: Record<ReportLang, string[]> = { zh: ['使用人（签字）：', '检查人（签字）：', '检查日期：'], en: ['User (signature):', 'Inspector (signature):', 'Date:'] };
// The finding columns of the sheet: the machine's own columns are its heading fields.
const SHEET_KEYS = ['category', 'subject', 'conclusion', 'message', 'evidence'];
const WIDTHS = [12, 26, 14, 40, 50];

/** Display width of text: a CJK character takes two columns. */
export function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * The height a row needs for its wrapped text: neither Excel nor LibreOffice grows a row
 * that a file gives no height, so each is estimated from its longest cell.
 */
export function rowHeight(texts: readonly string[], widths: readonly number[], pt: number): number {
  let lines = 1;
  texts.forEach((text, i) => {
    const cols = Math.max(1, (widths[i] ?? 10) - 1);
    const n = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(width(line) / cols)), 0);
    lines = Math.max(lines, n);
  });
  return Math.min(409, lines * pt * 1.35 + 4);
}

export async function sheetsXlsx(t: ReportTable, lang: ReportLang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zhengban';
  wb.created = new Date(t.generatedAt);
  const used = new Set<string>();
  const columns = SHEET_KEYS.map((k) => t.columns.find((c) => c.key === k)!);
  for (const sheet of t.sheets ?? []) {
    const ws = wb.addWorksheet(sheetName(sheet.title, used), {
      pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    });
    WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    ws.mergeCells(1, 1, 1, WIDTHS.length);
    const title = ws.getCell(1, 1);
    title.value = t.title[lang];
    title.font = { name: FONT, size: 16, bold: true };
    title.alignment = { horizontal: 'center' };
    ws.getRow(1).height = 28;
    ws.getCell(2, WIDTHS.length).value = `${lang === 'zh' ? '检查时点' : 'As of'}：${reportDate(t.asOf)}`;
    ws.getCell(2, WIDTHS.length).alignment = { horizontal: 'right' };

    // The machine's fields, two pairs a row: label, value, label, value (the last cells merged).
    let r = 3;
    for (let i = 0; i < sheet.fields.length; i += 2) {
      const pairs = sheet.fields.slice(i, i + 2);
      pairs.forEach(([label, value], j) => {
        const at = j === 0 ? 1 : 3;
        const l = ws.getCell(r, at);
        l.value = label;
        l.font = { name: FONT, size: 10, bold: true };
        l.fill = LABEL_FILL;
        l.border = BORDER;
        const v = ws.getCell(r, at + 1);
        v.value = value;
        v.font = { name: FONT, size: 10 };
        v.border = BORDER;
        v.alignment = { wrapText: true, vertical: 'top' };
      });
      if (pairs.length === 2) ws.mergeCells(r, 4, r, 5);
      else ws.mergeCells(r, 2, r, 5);
      const valueWidths = pairs.length === 2 ? [WIDTHS[1]!, WIDTHS[3]! + WIDTHS[4]!] : [WIDTHS[1]! + WIDTHS[2]! + WIDTHS[3]! + WIDTHS[4]!];
      ws.getRow(r).height = rowHeight(pairs.map(([, v]) => v), valueWidths, 10);
      r++;
    }

    r++;
    columns.forEach((c, j) => {
      const cell = ws.getCell(r, j + 1);
      cell.value = heading(c, lang).name;
      cell.font = { name: FONT, size: 10, bold: true };
      cell.fill = LABEL_FILL;
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center' };
    });
    ws.views = [{ state: 'normal' }];
    for (const row of t.rows.filter((x) => x.sheet === sheet.key)) {
      r++;
      const texts = columns.map((c) => String(row.cells[c.key] ?? ''));
      columns.forEach((c, j) => {
        const cell = ws.getCell(r, j + 1);
        cell.value = row.cells[c.key] ?? null;
        cell.font = { name: FONT, size: 9 };
        cell.border = BORDER;
        cell.alignment = { wrapText: true, vertical: 'top' };
      });
      ws.getRow(r).height = rowHeight(texts, WIDTHS, 9);
    }
    r += 2;
    SIGN[lang].forEach((text, i) => {
      const at = [1, 3, 5][i]!;
      ws.getCell(r, at).value = text;
      ws.getCell(r, at).font = { name: FONT, size: 11 };
    });
  }
  if (wb.worksheets.length === 0) wb.addWorksheet(lang === 'zh' ? '无计算机' : 'No computers');
  return Buffer.from(await wb.xlsx.writeBuffer());
}
