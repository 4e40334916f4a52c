import ExcelJS from 'exceljs';
import type { ReportLang, ReportTable } from '../../schema/reports.js';
import { REGISTER_WIDTHS, REGISTER_WORDS } from './register-words.js';
import { reportDate } from './words.js';
import { rowHeight } from './xlsx-sheets.js';
import { writeHeadings } from './xlsx.js';

/**
 * The spot check register as the paper form the unit stamps (exceljs): the title, the unit
 * and the date, the machines under two heading rows, the unit's 台账 and licence documents
 * below them, the grade, and at the foot the lines for the unit's seal and the signatures,
 * with room for the seal. A4 landscape, fitted to the width, headings repeated per page.
 */
const FONT = '宋体';
const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const LABEL_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDE6F0' } };

export async function registerXlsx(t: ReportTable, lang: ReportLang): Promise<Buffer> {
  const words = REGISTER_WORDS[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'zhengban';
  wb.created = new Date(t.generatedAt);
  const ws = wb.addWorksheet(words.sheet, {
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4', horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: lang === 'zh' ? '第 &P 页，共 &N 页' : 'Page &P of &N' },
  });
  const n = t.columns.length;
  const widths = t.columns.map((c) => REGISTER_WIDTHS[c.key] ?? 12);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const font = (size: number, bold = false) => ({ name: FONT, size, bold });

  ws.mergeCells(1, 1, 1, n);
  Object.assign(ws.getCell(1, 1), { value: t.title[lang], font: font(16, true), alignment: { horizontal: 'center', vertical: 'middle' } });
  ws.getRow(1).height = 30;
  const half = Math.floor(n / 2);
  ws.mergeCells(2, 1, 2, half);
  ws.mergeCells(2, half + 1, 2, n);
  Object.assign(ws.getCell(2, 1), { value: `${words.unit}：${t.unit}`, font: font(11) });
  Object.assign(ws.getCell(2, half + 1), { value: `${words.date}：${reportDate(t.asOf)}`, font: font(11), alignment: { horizontal: 'right' } });

  writeHeadings(ws, t.columns, lang, [3, 4]);
  let r = 5;
  for (const row of t.rows) {
    const texts = t.columns.map((c) => String(row.cells[c.key] ?? ''));
    t.columns.forEach((c, j) => {
      Object.assign(ws.getCell(r, j + 1), { value: row.cells[c.key] ?? null, font: font(9), border: BORDER, alignment: { wrapText: true, vertical: 'top', horizontal: c.key === 'no' ? 'center' : 'left' } });
    });
    // A 9 pt cell holds more characters than its width (counted in 11 pt ones) says; a
    // tenth more, not the whole 11/9, leaves room for words that do not break.
    ws.getRow(r).height = rowHeight(texts, widths.map((w) => w * 1.1), 9);
    r++;
  }

  // The unit's own checks: a small table of three merged columns under the machines.
  r++;
  const part = t.parts?.find((p) => p.key === 'unit-checks');
  if (part) {
    const spans = [[1, 3], [4, 5], [6, n]] as const;
    ws.mergeCells(r, 1, r, n);
    Object.assign(ws.getCell(r, 1), { value: part.title[lang], font: font(11, true) });
    r++;
    const line = (cells: readonly (string | null)[], head: boolean) => {
      spans.forEach(([a, b], i) => {
        ws.mergeCells(r, a, r, b);
        for (let c = a; c <= b; c++) ws.getCell(r, c).border = BORDER;
        Object.assign(ws.getCell(r, a), { value: cells[i] ?? null, font: font(10, head), alignment: { wrapText: true, vertical: 'middle' }, ...(head ? { fill: LABEL_FILL } : {}) });
      });
      ws.getRow(r).height = 22;
      r++;
    };
    line(part.columns.map((c) => c[lang]), true);
    for (const row of part.rows) line(part.columns.map((c) => (row.cells[c.key] === null || row.cells[c.key] === undefined ? null : String(row.cells[c.key]))), false);
  }

  r++;
  for (const note of t.notes) {
    ws.mergeCells(r, 1, r, n);
    Object.assign(ws.getCell(r, 1), { value: note[lang], font: font(10), alignment: { wrapText: true, vertical: 'top' } });
    ws.getRow(r).height = rowHeight([note[lang]], [widths.reduce((a, b) => a + b, 0)], 10);
    r++;
  }

  // The seal and the signatures, spread over the width, with room below for the seal.
  r++;
  const per = Math.floor(n / words.sign.length);
  words.sign.forEach((text, i) => {
    const start = i * per + 1;
    const end = i === words.sign.length - 1 ? n : start + per - 1;
    ws.mergeCells(r, start, r, end);
    Object.assign(ws.getCell(r, start), { value: text, font: font(11), alignment: { vertical: 'top' } });
  });
  ws.getRow(r).height = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
