import { csvHeader, csvRecords, type CsvRecord } from './licence-csv-codec.js';
import { InvalidInputError } from './errors.js';
import { checkLabel, type LabelField, type MachineRef } from './machine-labels.js';

/**
 * Users and asset numbers from a CSV, as a unit's IT staff keep them in a spreadsheet:
 *
 *   计算机名,使用人,资产编号
 *   CZ-PC-01,张三,ZC-2024-0012
 *   cz-pc-02,李四,
 *
 * A row names its machine by id or by hostname (the id wins when both are filled). A
 * label column absent from the header leaves that label as it is; an empty cell clears it.
 * Headings are English or Chinese, in any case. The file is read with the licence ledger's
 * reader, so quoting, BOM and line numbers work the same way.
 */

type Key = 'machineId' | 'hostname' | LabelField;

const HEADINGS: Record<Key, readonly string[]> = {
  machineId: ['machineId', 'machine id', 'machine', 'id', '机器ID'],
  hostname: ['hostname', 'host name', 'computer name', '计算机名', '计算机名称', '主机名'],
  user: ['user', '使用人'],
  assetNumber: ['assetNumber', 'asset number', '资产编号'],
};
const BY_HEADING = new Map(Object.entries(HEADINGS).flatMap(([key, names]) => names.map((n): [string, Key] => [n.toLowerCase(), key as Key])));

/** One row of the file, its cells checked; an absent label is left as it is. */
export interface LabelRow {
  line: number;
  ref: MachineRef;
  user?: string | null;
  assetNumber?: string | null;
}

export interface LineProblem {
  line: number;
  message: string;
}

/** The key of each header cell; refuses unknown and repeated headings, and a header that names no machine or no label. */
function readHeader(record: CsvRecord): (Key | undefined)[] {
  const known = Object.values(HEADINGS).map((names) => names.filter((n) => n !== 'id' && n !== 'machine').join('/')).join(', ');
  const keys = csvHeader(record, (heading) => BY_HEADING.get(heading), known);
  const seen = new Set(keys);
  if (!seen.has('machineId') && !seen.has('hostname')) throw new InvalidInputError(`line ${record.line}: the header names no machineId or hostname (计算机名) column`);
  if (!seen.has('user') && !seen.has('assetNumber')) throw new InvalidInputError(`line ${record.line}: the header has neither a user (使用人) nor an assetNumber (资产编号) column`);
  return keys;
}

/** A row, or the first thing wrong with it. */
function readRow(record: CsvRecord, keys: (Key | undefined)[], headings: string[]): LabelRow | string {
  const extra = record.fields.findIndex((f, i) => i >= keys.length && f.trim() !== '');
  if (extra >= 0) return `field ${extra + 1} has no column in the header`;
  const cell = (key: Key): string | undefined => {
    const i = keys.indexOf(key);
    return i < 0 ? undefined : (record.fields[i] ?? '').trim();
  };
  const id = cell('machineId');
  const hostname = cell('hostname');
  const ref: MachineRef | undefined = id ? { by: 'id', text: id } : hostname ? { by: 'hostname', text: hostname } : undefined;
  if (!ref) return 'it names no machine (machine id or hostname)';
  const row: LabelRow = { line: record.line, ref };
  for (const field of ['user', 'assetNumber'] as const) {
    const text = cell(field);
    if (text === undefined) continue;
    try {
      row[field] = checkLabel(field, text);
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      return `column ${headings[keys.indexOf(field)]}: ${err.message}`;
    }
  }
  return row;
}

/** Every row of the file, and every line that is wrong; throws when the file itself is (no header, a bad heading, a broken quote). */
export function readLabelsCsv(text: string): { rows: LabelRow[]; problems: LineProblem[] } {
  const records = csvRecords(text);
  const header = records.next();
  if (header.done) throw new InvalidInputError('the CSV is empty: it needs a header row and one row per machine');
  const keys = readHeader(header.value);
  const headings = header.value.fields.map((h) => h.trim());
  const rows: LabelRow[] = [];
  const problems: LineProblem[] = [];
  for (const record of records) {
    const row = readRow(record, keys, headings);
    if (typeof row === 'string') problems.push({ line: record.line, message: row });
    else rows.push(row);
  }
  if (rows.length === 0 && problems.length === 0) throw new InvalidInputError('the CSV has a header but no machines');
  return { rows, problems };
}
