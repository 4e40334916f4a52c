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

/**
 * What a ledger can hold. A licence row has a few dozen columns and short cells; text
 * beyond these bounds is not a ledger, and is refused as soon as the parser meets it
 * instead of after building millions of empty fields (5 MB of commas once cost 200 MB).
 */
export const CSV_LIMITS = { fieldsPerRecord: 200, fieldChars: 20_000, records: 100_000 } as const;

/**
 * The records of a CSV text, one at a time, so a caller that refuses a bad row stops
 * reading there; a UTF-8 BOM is dropped, rows that are entirely empty are skipped.
 * This parser is kept (rather than csv-parse) because the ledger's messages name the
 * line a record starts on, including the line breaks inside quoted fields.
 */
export function* csvRecords(input: string, limits: typeof CSV_LIMITS = CSV_LIMITS): Generator<CsvRecord> {
  const text = input.startsWith(UTF8_BOM) ? input.slice(1) : input;
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let records = 0;
  let i = 0;
  /** Adds to the field, refusing it as soon as it is too long (`at`: the line it starts on). */
  const grow = (s: string, at: number) => {
    field += s;
    if (field.length > limits.fieldChars) throw new InvalidInputError(`CSV line ${at}: a field is longer than ${limits.fieldChars} characters`);
  };
  const endField = () => {
    fields.push(field);
    field = '';
    if (fields.length > limits.fieldsPerRecord) throw new InvalidInputError(`CSV line ${recordLine}: more than ${limits.fieldsPerRecord} fields in one row`);
  };
  const endRecord = (): CsvRecord | undefined => {
    endField();
    const done = fields.some((f) => f !== '') ? { line: recordLine, fields } : undefined;
    fields = [];
    recordLine = line;
    if (done && ++records > limits.records) throw new InvalidInputError(`the CSV has more than ${limits.records} rows`);
    return done;
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
          grow('"', opened);
          i += 2;
        } else if (q === '"') {
          i++;
          break;
        } else {
          if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
          grow(q, opened);
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
      const record = endRecord();
      if (record) yield record;
    } else {
      grow(c, recordLine);
      i++;
    }
  }
  if (field !== '' || fields.length > 0) {
    const record = endRecord();
    if (record) yield record;
  }
}

/**
 * The column of each header cell (undefined under an empty heading), looked up by its
 * lower-cased heading; refuses a heading `columnOf` does not know (listing `known`) and
 * two headings of one column. Shared by every CSV import, so they refuse alike.
 */
export function csvHeader<C>(record: CsvRecord, columnOf: (heading: string) => C | undefined, known: string): (C | undefined)[] {
  const seen = new Set<C>();
  return record.fields.map((raw) => {
    const name = raw.trim();
    if (name === '') return undefined;
    const column = columnOf(name.toLowerCase());
    if (column === undefined) {
      const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
      throw new InvalidInputError(`line ${record.line}: unknown column "${shown}"; the columns are ${known}`);
    }
    if (seen.has(column)) throw new InvalidInputError(`line ${record.line}: column "${name}" appears twice`);
    seen.add(column);
    return column;
  });
}

/** Every record at once, for small texts (tests, exports read back). */
export function parseCsv(input: string): CsvRecord[] {
  return [...csvRecords(input)];
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
