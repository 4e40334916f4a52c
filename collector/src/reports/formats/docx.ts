import { AlignmentType, Document, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ReportLang, ReportTable } from '../../schema/reports.js';
import { heading } from './words.js';
import { cellText } from './csv.js';

/**
 * A report's draft (the notice's text) as a Word document (the `docx` library): the
 * title centred, the paragraphs indented as official documents are, the date at the
 * foot, and the table as an attachment on landscape pages, for the office to edit and
 * send. 仿宋 body, 小标宋-like
 * bold title; Word substitutes where the fonts are missing.
 */
const BODY_FONT = '仿宋';
const TITLE_FONT = '方正小标宋简体';
const BODY_SIZE = 32; // half-points: 三号 (16 pt), as official documents are set
const TABLE_SIZE = 18; // 小五号 (9 pt): twelve columns on a landscape page
const ATTACHMENT: Record<ReportLang, string> = { zh: '附表：各单位软件正版化工作进展情况', en: 'Attachment: progress by unit' };

export async function reportDocx(t: ReportTable, lang: ReportLang): Promise<Buffer> {
  const draft = t.draft;
  if (!draft) throw new Error(`${t.report} has no draft text`);
  const body = (text: string) =>
    new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [new TextRun({ text, font: BODY_FONT, size: BODY_SIZE })] });
  const doc = new Document({
    creator: 'zhengban',
    title: draft.title,
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.PORTRAIT } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [new TextRun({ text: draft.title, font: TITLE_FONT, size: 44, bold: true })] }),
          ...draft.paragraphs.map(body),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [new TextRun({ text: draft.date, font: BODY_FONT, size: BODY_SIZE })] }),
        ],
      },
      {
        // The table is wide: it goes after the text as an attachment, on landscape pages.
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text: ATTACHMENT[lang], font: BODY_FONT, size: BODY_SIZE, bold: true })] }),
          table(t, lang),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

function table(t: ReportTable, lang: ReportLang): Table {
  // The unit's name a fifth of the width, the rank and short words narrow, the figures the rest.
  const NARROW: Record<string, number> = { rank: 5, stage: 8 };
  const texts = t.columns.filter((c) => c.type === 'text' && !(c.key in NARROW));
  const narrow = t.columns.filter((c) => c.key in NARROW).reduce((n, c) => n + NARROW[c.key]!, 0);
  const figures = t.columns.length - texts.length - t.columns.filter((c) => c.key in NARROW).length;
  const figure = Math.floor((80 - narrow) / Math.max(1, figures));
  const width = (key: string, type: string) => NARROW[key] ?? (type === 'text' ? Math.floor(20 / Math.max(1, texts.length)) : figure);
  const cell = (text: string, pct: number, bold = false) =>
    new TableCell({
      width: { size: pct, type: WidthType.PERCENTAGE },
      children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, font: BODY_FONT, size: TABLE_SIZE, bold })] })],
    });
  const head = new TableRow({ tableHeader: true, children: t.columns.map((c) => cell(heading(c, lang).name, width(c.key, c.type), true)) });
  const rows = t.rows.map((r) => new TableRow({ children: t.columns.map((c) => cell(cellText(c, r.cells[c.key] ?? null), width(c.key, c.type), r.kind !== 'unit')) }));
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [head, ...rows] });
}
