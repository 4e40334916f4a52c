import { Value } from 'typebox/value';
import type { CompiledCatalog } from '../catalog/types.js';
import { LicenceInput, type LicenceView } from '../schema/licences.js';
import { InvalidInputError } from './errors.js';
import { CellError, COLUMNS, HEADER_ALIASES, type CellContext, type Column, type CsvLang } from './licence-csv-columns.js';
import { csvHeader, csvRecords, writeCsv, type CsvRecord } from './licence-csv-codec.js';
import { licenceProblem } from './licence-validate.js';

/**
 * Licences to and from the ledger CSV. An import is checked whole before anything is
 * written: the first bad cell or row refuses the file, naming its line and column.
 */

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)` in a note) is written
 * with a leading apostrophe, which Excel shows as text; an import takes one away again.
 */
const FORMULA = /^'*[=+\-@\t\r]/;
const guard = (cell: string): string => (FORMULA.test(cell) ? `'${cell}` : cell);
const unguard = (cell: string): string => (cell.startsWith("'") && FORMULA.test(cell) ? cell.slice(1) : cell);

export function licencesCsv(licences: readonly LicenceView[], lang: CsvLang, catalog: CompiledCatalog): string {
  const header = COLUMNS.map((c) => (lang === 'zh' ? c.zh : c.key));
  return writeCsv([header, ...licences.map((l) => COLUMNS.map((c) => guard(c.write(l, lang, catalog))))]);
}

const REQUIRED = ['product', 'model', 'unit'];

/** The column of each header cell; refuses unknown, repeated and missing columns. */
function readHeader(record: CsvRecord): (Column | undefined)[] {
  const byName = new Map<string, Column>();
  for (const c of COLUMNS) {
    byName.set(c.key.toLowerCase(), c);
    byName.set(c.zh.toLowerCase(), c);
  }
  for (const [alias, key] of HEADER_ALIASES) byName.set(alias, COLUMNS.find((c) => c.key === key)!);
  const columns = csvHeader(record, (name) => byName.get(name), COLUMNS.map((c) => `${c.key} (${c.zh})`).join(', '));
  const present = new Set(columns.map((c) => c?.key));
  const absent = REQUIRED.filter((k) => !present.has(k));
  if (absent.length) throw new InvalidInputError(`line ${record.line}: the header has no ${absent.join(', ')} column`);
  return columns;
}

export interface ImportContext {
  catalog: CompiledCatalog;
  units: readonly { id: number; name: string }[];
}

/** One row as a LicenceInput, or an error naming the line and the column (as its header is written). */
function readRow(record: CsvRecord, columns: (Column | undefined)[], headers: string[], ctx: CellContext): LicenceInput {
  const at = (i: number) => `line ${record.line}, column ${headers[i]}`;
  const extra = record.fields.findIndex((f, i) => i >= columns.length && f.trim() !== '');
  if (extra >= 0) throw new InvalidInputError(`line ${record.line}: field ${extra + 1} has no column in the header`);
  const row: Record<string, unknown> = {};
  ctx.row = row;
  columns.forEach((column, i) => {
    if (!column?.field || !column.read) return;
    const cell = unguard((record.fields[i] ?? '').trim());
    if (cell === '') return;
    try {
      row[column.field] = column.read(cell, ctx);
    } catch (err) {
      if (err instanceof CellError) throw new InvalidInputError(`${at(i)}: ${err.message}`);
      throw err;
    }
  });
  for (const field of ['edition', 'versionFrom', 'versionTo', 'validFrom', 'validUntil', 'vendor', 'purchaseOrder', 'price', 'notes']) {
    row[field] ??= null;
  }
  const seatsColumn = columns.findIndex((c) => c?.field === 'seats');
  if (row.seats === undefined) {
    if (!['site', 'open-source', 'free'].includes(String(row.model))) {
      const where = seatsColumn >= 0 ? at(seatsColumn) : `line ${record.line}`;
      throw new InvalidInputError(`${where}: a ${String(row.model)} licence needs its number of seats (or 不限 / unlimited)`);
    }
    row.seats = null;
  }
  const columnOf = (field: string) => {
    const i = columns.findIndex((c) => c?.field === field);
    return i >= 0 ? at(i) : `line ${record.line}`;
  };
  const schemaError = [...Value.Errors(LicenceInput, row)][0];
  if (schemaError) {
    const field = schemaError.instancePath.split('/')[1] ?? '';
    throw new InvalidInputError(`${columnOf(field)}: ${schemaError.message}`);
  }
  const input = row as LicenceInput;
  const problem = licenceProblem(input, ctx.catalog);
  if (problem) throw new InvalidInputError(`${columnOf(problem.field)}: ${problem.message}`);
  return input;
}

/** Every row of the ledger as a LicenceInput; throws on the first bad one, reading no further. */
export function readLicencesCsv(text: string, ctx: ImportContext): LicenceInput[] {
  const records = csvRecords(text);
  const header = records.next();
  if (header.done) throw new InvalidInputError('the CSV is empty: it needs a header row and one row per licence');
  const columns = readHeader(header.value);
  const headers = header.value.fields.map((h) => h.trim());
  const cellContext: CellContext = {
    catalog: ctx.catalog,
    unitsByName: new Map(ctx.units.map((u) => [u.name, u.id])),
    unitIds: new Set(ctx.units.map((u) => u.id)),
    row: {},
  };
  const inputs: LicenceInput[] = [];
  for (const record of records) inputs.push(readRow(record, columns, headers, cellContext));
  if (inputs.length === 0) throw new InvalidInputError('the CSV has a header but no licences');
  return inputs;
}
