import { extname } from 'node:path';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { LicenceEventInput } from '../schema/licences.js';
import { UsageError } from '../service/errors.js';
import { UNLIMITED_MODELS } from '../service/licence-validate.js';
import type { RegistryDeps } from '../service/registry-deps.js';
import { given, unitRef } from './org-cli.js';
import { integer } from './validate.js';

/** Command-line values of the license commands turned into the API's inputs. */

/** A nullable field: a value, `false` after `--no-x` (clear it), undefined when not given. */
type Clearable = string | false | undefined;

export interface LicenceFlags {
  product?: string;
  edition?: Clearable;
  versionFrom?: Clearable;
  versionTo?: Clearable;
  downgrade?: boolean;
  model?: string;
  kmsHost?: string[] | false;
  seats?: string;
  unit?: string;
  validFrom?: Clearable;
  validUntil?: Clearable;
  vendor?: Clearable;
  purchaseOrder?: Clearable;
  price?: Clearable;
  notes?: Clearable;
}

/** The flag that sets each input field, to name it in a refusal. */
const FLAGS: Record<string, string> = {
  productId: '--product',
  kmsHosts: '--kms-host',
  unitId: '--unit',
  toUnitId: '--to-unit',
};
const flagOf = (field: string) => FLAGS[field] ?? `--${field.replace(/([A-Z])/g, '-$1').toLowerCase()}`;

/** The value checked against the API's schema; a problem is named by its flag. */
export function checkedFlags<T extends TSchema>(schema: T, value: Record<string, unknown>): Static<T> {
  if (Value.Check(schema, value)) return value as Static<T>;
  const first = [...Value.Errors(schema, value)][0];
  const field = first?.instancePath.split('/')[1];
  throw new UsageError(`${field ? flagOf(field) : 'the input'} ${first?.message ?? 'is not valid'}`);
}

export function seatsOf(text: string, flag = '--seats'): number | null {
  return text.trim().toLowerCase() === 'unlimited' ? null : integer(text, flag, 0);
}

function priceOf(text: string): number {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) throw new UsageError(`--price must be yuan to the fen (e.g. 12800.50), not "${text}"`);
  return Number(text);
}

const clear = <T>(v: Clearable, map: (s: string) => T = (s) => s as T): T | null | undefined =>
  v === false ? null : v === undefined ? undefined : map(v);

/** The fields given on the command line (a patch, or an input once `seats` is settled). */
export async function licenceFields(deps: RegistryDeps, o: LicenceFlags): Promise<Record<string, unknown>> {
  return given({
    productId: o.product,
    edition: clear(o.edition),
    versionFrom: clear(o.versionFrom),
    versionTo: clear(o.versionTo),
    downgrade: o.downgrade,
    model: o.model,
    kmsHosts: o.kmsHost === false ? [] : o.kmsHost,
    seats: o.seats === undefined ? undefined : seatsOf(o.seats),
    unitId: o.unit === undefined ? undefined : await unitRef(deps, o.unit),
    validFrom: clear(o.validFrom),
    validUntil: clear(o.validUntil),
    vendor: clear(o.vendor),
    purchaseOrder: clear(o.purchaseOrder),
    price: clear(o.price, priceOf),
    notes: clear(o.notes),
  });
}

/** `add` without --seats: unlimited for the models that are, otherwise a refusal. */
export function defaultSeats(fields: Record<string, unknown>): Record<string, unknown> {
  if (fields.seats !== undefined) return fields;
  const model = fields.model as (typeof UNLIMITED_MODELS)[number] | 'network' | undefined;
  if (model !== undefined && (UNLIMITED_MODELS.includes(model) || model === 'network')) return { ...fields, seats: null };
  throw new UsageError('--seats is needed: a number of seats, or unlimited');
}

export interface EventFlags {
  kind: string;
  disposal?: string;
  date: string;
  seats?: string;
  toUnit?: string;
  validUntil?: string;
  versionTo?: string;
  notes?: string;
}

export async function eventInput(deps: RegistryDeps, o: EventFlags): Promise<LicenceEventInput> {
  return checkedFlags(
    LicenceEventInput,
    given({
      kind: o.kind,
      disposal: o.disposal,
      date: o.date,
      seats: o.seats === undefined ? undefined : integer(o.seats, '--seats', 1),
      toUnitId: o.toUnit === undefined ? undefined : await unitRef(deps, o.toUnit, '--to-unit'),
      validUntil: o.validUntil,
      versionTo: o.versionTo,
      notes: o.notes,
    }),
  );
}

const MEDIA_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.ofd': 'application/ofd',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.txt': 'text/plain',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.zip': 'application/zip',
};

/** The media type of a document file by its extension, unless given. */
export function mediaTypeOf(file: string, given?: string): string {
  return given ?? MEDIA_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
