import type { ReportFormat, ReportLang, ReportTable } from '../../schema/reports.js';
import { InvalidInputError } from '../../service/errors.js';
import { reportCsv } from './csv.js';
import { reportDocx } from './docx.js';
import { registerDocx } from './docx-register.js';
import { registerXlsx } from './xlsx-register.js';
import { reportXlsx } from './xlsx.js';
import { sheetsXlsx } from './xlsx-sheets.js';
import { fileName } from './words.js';

/** A report drawn in one format, ready to send or write to a file. */
export interface RenderedReport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function renderReport(t: ReportTable, format: ReportFormat, lang: ReportLang): Promise<RenderedReport> {
  switch (format) {
    case 'json':
      return { body: Buffer.from(`${JSON.stringify(t, null, 2)}\n`), contentType: JSON_TYPE, fileName: fileName(t, lang, 'json') };
    case 'csv':
      return { body: reportCsv(t, lang), contentType: 'text/csv; charset=utf-8', fileName: fileName(t, lang, 'csv') };
    case 'xlsx':
      // A report of one sheet per machine is laid out as the check sheet, the spot check
      // register as the form the unit stamps; the rest as a form.
      if (t.report === 'spotcheck-register') return { body: await registerXlsx(t, lang), contentType: XLSX_TYPE, fileName: fileName(t, lang, 'xlsx') };
      return { body: await (t.sheets ? sheetsXlsx(t, lang) : reportXlsx(t, lang)), contentType: XLSX_TYPE, fileName: fileName(t, lang, 'xlsx') };
    case 'docx':
      if (t.report === 'spotcheck-register') return { body: await registerDocx(t, lang), contentType: DOCX_TYPE, fileName: fileName(t, lang, 'docx') };
      if (!t.draft) throw new InvalidInputError(`the ${t.report} report has no DOCX; formats: json, csv, xlsx (DOCX: notice, spotcheck-register)`);
      return { body: await reportDocx(t, lang), contentType: DOCX_TYPE, fileName: fileName(t, lang, 'docx') };
  }
}
