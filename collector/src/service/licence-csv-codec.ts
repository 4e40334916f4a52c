import { InvalidInputError } from './errors.js';

/**
 * RFC 4180 CSV, as Excel and WPS write a ledger:
 *
 *   产品,数量,备注
 *   windows,50,"采购, 第一批"
 *   ms-office,10,"说明: ""专业增强版""
 *   第二行"
 *
 * Fields are separated by commas; a field in double quotes may hold commas, line
 * breaks and doubled quotes. Records end with CRLF, LF or CR. A quote inside an
 * unquoted field is kept as it is, the way spreadsheets read it.
 */

export interface CsvRecord {
  /** The line the record starts on, 1-based, counting the line breaks inside quoted fields. */
  line: number;
  fields: string[];
}

const UTF8_BOM = '\uFEFF';

/** The records of a CSV text; a UTF-8 BOM is dropped, rows that are entirely empty are skipped. */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith(UTF8_BOM) ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
    fields = [];
    recordLine = line;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      const opened = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new InvalidInputError(`CSV line ${opened}: a quoted field is never closed`);
        const q = text[i]!;
        if (q === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (q === '"') {
          i++;
          break;
        } else {
          if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
          field += q;
          i++;
        }
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new InvalidInputError(`CSV line ${line}: a closing quote must end the field (found ${JSON.stringify(next)} after it)`);
      }
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      endRecord();
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** A field quoted when it must be: it holds a comma, a quote, a line break, or edge spaces. */
function quote(field: string): string {
  return /[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** CSV text with CRLF line ends and a UTF-8 BOM, so Excel reads Chinese as Chinese. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return UTF8_BOM + rows.map((r) => r.map(quote).join(',') + '\r\n').join('');
}

/**
 * The text of an uploaded ledger. UTF-8 (with or without BOM) first; a file that is not
 * valid UTF-8 is read as GB18030, the encoding Chinese Excel saves "CSV (逗号分隔)" in.
 */
export function decodeCsvBytes(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
