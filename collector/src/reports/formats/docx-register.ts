import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import type { ReportColumn, ReportLang, ReportTable } from '../../schema/reports.js';
import { cellText } from './csv.js';
import { REGISTER_WIDTHS, REGISTER_WORDS } from './register-words.js';
import { heading, reportDate } from './words.js';

/**
 * The spot check register as a Word document (the `docx` library), for an office that
 * fills and prints its forms in Word: the same table as the XLSX on landscape pages, the
 * headings repeated on each page, the unit's checks, the grade, and the lines for the
 * seal and the signatures. 仿宋 body, as official documents are set.
 */
const FONT = '仿宋';
const TITLE_FONT = '方正小标宋简体';
const TABLE_SIZE = 16; // half-points: 8 pt, twelve columns on a landscape page
const BODY_SIZE = 21; // 五号 (10.5 pt)

const run = (text: string, size: number, bold = false) => new TextRun({ text, font: FONT, size, bold });
/** A cell's text, a paragraph per line (a cell holds several differences). */
const lines = (text: string, bold: boolean, center: boolean) =>
  text.split('\n').map((l) => new Paragraph({ alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(l, TABLE_SIZE, bold)] }));

function cell(text: string, pct: number, o: { bold?: boolean; center?: boolean; columnSpan?: number; rowSpan?: number } = {}): TableCell {
  return new TableCell({
    width: { size: pct, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    ...(o.columnSpan ? { columnSpan: o.columnSpan } : {}),
    ...(o.rowSpan ? { rowSpan: o.rowSpan } : {}),
    children: lines(text, o.bold ?? false, o.center ?? false),
  });
}

/** Two heading rows: a group over its columns, a column without one spanning both rows. */
function headRows(columns: readonly ReportColumn[], pct: (c: ReportColumn) => number, lang: ReportLang): TableRow[] {
  const top: TableCell[] = [];
  const bottom: TableCell[] = [];
  for (let j = 0; j < columns.length; ) {
    const h = heading(columns[j]!, lang);
    if (!h.group) {
      top.push(cell(h.name, pct(columns[j]!), { bold: true, center: true, rowSpan: 2 }));
      j++;
      continue;
    }
    let end = j;
    while (end + 1 < columns.length && heading(columns[end + 1]!, lang).group === h.group) end++;
    const span = columns.slice(j, end + 1);
    top.push(cell(h.group, span.reduce((s, c) => s + pct(c), 0), { bold: true, center: true, columnSpan: span.length }));
    for (const c of span) bottom.push(cell(heading(c, lang).name, pct(c), { bold: true, center: true }));
    j = end + 1;
  }
  return [new TableRow({ tableHeader: true, children: top }), new TableRow({ tableHeader: true, children: bottom })];
}

function machines(t: ReportTable, lang: ReportLang): Table {
  const total = t.columns.reduce((s, c) => s + (REGISTER_WIDTHS[c.key] ?? 12), 0);
  const pct = (c: ReportColumn) => Math.round(((REGISTER_WIDTHS[c.key] ?? 12) * 100) / total);
  const rows = t.rows.map((r) => new TableRow({ cantSplit: true, children: t.columns.map((c) => cell(cellText(c, r.cells[c.key] ?? null), pct(c), { center: c.key === 'no' })) }));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [...headRows(t.columns, pct, lang), ...rows] });
}

function unitChecks(t: ReportTable, lang: ReportLang): (Paragraph | Table)[] {
  const part = t.parts?.find((p) => p.key === 'unit-checks');
  if (!part) return [];
  const pct = [25, 20, 55];
  const row = (texts: string[], bold: boolean) => new TableRow({ children: texts.map((x, i) => cell(x, pct[i]!, { bold })) });
  return [
    new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(part.title[lang], BODY_SIZE, true)] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [row(part.columns.map((c) => c[lang]), true), ...part.rows.map((r) => row(part.columns.map((c) => cellText(c, r.cells[c.key] ?? null)), false))],
    }),
  ];
}

/** The seal and signature lines: one row of a borderless table, with room below for the seal. */
function signatures(lang: ReportLang): Table {
  const sign = REGISTER_WORDS[lang].sign;
  const pct = Math.floor(100 / sign.length);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: TableBorders.NONE,
    rows: [new TableRow({ height: { value: 1200, rule: 'atLeast' }, children: sign.map((s) => new TableCell({ width: { size: pct, type: WidthType.PERCENTAGE }, borders: TableBorders.NONE, children: [new Paragraph({ children: [run(s, BODY_SIZE)] })] })) })],
  });
}

export async function registerDocx(t: ReportTable, lang: ReportLang): Promise<Buffer> {
  const words = REGISTER_WORDS[lang];
  const doc = new Document({
    creator: 'zhengban',
    title: t.title[lang],
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 850, bottom: 850, left: 850, right: 850 } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: t.title[lang], font: TITLE_FONT, size: 36, bold: true })] }),
          new Paragraph({ spacing: { after: 120 }, children: [run(`${words.unit}：${t.unit}　　　　${words.date}：${reportDate(t.asOf)}`, BODY_SIZE)] }),
          machines(t, lang),
          ...unitChecks(t, lang),
          ...t.notes.map((n) => new Paragraph({ spacing: { before: 120 }, children: [run(n[lang], BODY_SIZE)] })),
          new Paragraph({ spacing: { before: 360 }, children: [] }),
          signatures(lang),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
