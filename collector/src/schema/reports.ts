import { Type, type Static } from 'typebox';

/**
 * A report as every format draws it: columns (with the two-level headings of the
 * paper form) and rows (units, subtotals per level of the tree, a total). The JSON
 * format is this object; CSV, XLSX and the dashboard are drawn from it, so each shows
 * the same figures.
 */
export const ReportName = Type.Union([Type.Literal('statistics'), Type.Literal('responsibles'), Type.Literal('notice'), Type.Literal('machine-sheets'), Type.Literal('procurement'), Type.Literal('annual'), Type.Literal('ledger'), Type.Literal('spotcheck-register'), Type.Literal('spotcheck-summary')]);
export type ReportName = Static<typeof ReportName>;

export const ReportLang = Type.Union([Type.Literal('zh'), Type.Literal('en')]);
export type ReportLang = Static<typeof ReportLang>;

/** `docx`: the notice's draft text (only a report with a draft has one). */
export const ReportFormat = Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('docx')]);
export type ReportFormat = Static<typeof ReportFormat>;

const Words = Type.Object({ zh: Type.String(), en: Type.String() });
export type Words = Static<typeof Words>;

export const ReportColumn = Type.Object({
  key: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  /** The heading above this one on the form (操作系统 over 正版数, 非正版数, 正版率). */
  group: Type.Optional(Words),
  /**
   * `rate`: a share from 0 to 1, shown as a percentage; null where nothing was counted.
   * `change`: the difference of two rates, shown signed (+2.50%). `money`: yuan, to the fen.
   */
  type: Type.Union([Type.Literal('text'), Type.Literal('integer'), Type.Literal('rate'), Type.Literal('change'), Type.Literal('money')]),
});
export type ReportColumn = Static<typeof ReportColumn>;

export const ReportRow = Type.Object({
  /**
   * `unit`: a unit's own machines; `subtotal`: a unit and everything below it; `total`:
   * the whole report; `share`: the part of the line above from units of one sector
   * (其中：机关本级, 其中：直属事业单位), shown where a subtree has more than offices.
   */
  kind: Type.Union([Type.Literal('unit'), Type.Literal('subtotal'), Type.Literal('total'), Type.Literal('share')]),
  /** Depth below the report's unit (0 for it), for indenting. */
  level: Type.Integer({ minimum: 0 }),
  unitId: Type.Optional(Type.Integer()),
  /** The sheet a row belongs to, for a report of one sheet per machine (`sheets`). */
  sheet: Type.Optional(Type.String()),
  cells: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
});
export type ReportRow = Static<typeof ReportRow>;

/** A further table of a report with several (the ledger's 附表2 and 附表3), drawn after the first. */
export const ReportPart = Type.Object({
  key: Type.String(),
  title: Words,
  columns: Type.Array(ReportColumn),
  rows: Type.Array(ReportRow),
  notes: Type.Array(Words),
});
export type ReportPart = Static<typeof ReportPart>;

export const ReportTable = Type.Object({
  report: ReportName,
  title: Words,
  /** The unit the report is made for (its whole subtree is counted). */
  unit: Type.String(),
  /** The moment the figures describe. */
  asOf: Type.String({ format: 'date-time' }),
  /** When it was made. */
  generatedAt: Type.String({ format: 'date-time' }),
  columns: Type.Array(ReportColumn),
  rows: Type.Array(ReportRow),
  /** What the reader must know to read the figures (how "not reporting" is counted…). */
  notes: Type.Array(Words),
  /**
   * A report of one sheet per subject (a check sheet per machine): each sheet's heading
   * fields, label and value; its rows are those with its `key` as `sheet`.
   */
  sheets: Type.Optional(Type.Array(Type.Object({ key: Type.String(), title: Type.String(), fields: Type.Array(Type.Tuple([Type.String(), Type.String()])) }))),
  /** The report's further tables, each a worksheet of its own in the XLSX and a section of the CSV. */
  parts: Type.Optional(Type.Array(ReportPart)),
  /** A draft of the document that goes with the table (the notice's text), in the report's language. */
  draft: Type.Optional(Type.Object({ title: Type.String(), date: Type.String(), paragraphs: Type.Array(Type.String()) })),
});
export type ReportTable = Static<typeof ReportTable>;
