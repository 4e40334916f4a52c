import { compareReleases } from '../catalog/index.js';
import type { CompiledCatalog } from '../catalog/types.js';
import { crackToolOfPcHost } from '../classify/kms.js';
import type { LicenceEventInput, LicenceInput, LicenceModel } from '../schema/licences.js';
import type { LicenceRecord } from '../store/registry-types.js';
import { InvalidInputError } from './errors.js';

/**
 * The rules a licence must keep beyond its schema. Each problem names the field it is
 * about, so the API says which field and a CSV import which column.
 */
export interface Problem {
  field: keyof LicenceInput | keyof LicenceEventInput;
  message: string;
}

/** Models counted without seats: every machine in scope is covered. */
export const UNLIMITED_MODELS: readonly LicenceModel[] = ['site', 'open-source', 'free'];

/** `2026-02-30` passes the schema's pattern but is no day. */
export function isCalendarDate(text: string): boolean {
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Whole fen: 19.99 yes, 19.999 no (read as yuan, stored as integer fen). */
export function isWholeFen(yuan: number): boolean {
  return Math.abs(yuan * 100 - Math.round(yuan * 100)) < 1e-6;
}

function productProblem(input: LicenceInput, catalog: CompiledCatalog): Problem | undefined {
  const product = catalog.product(input.productId);
  if (!product) return { field: 'productId', message: `productId: there is no product "${input.productId}" in the catalog` };
  if (product.licence === 'crack-tool') return { field: 'productId', message: `productId: ${product.name} is a crack tool; no licence can cover it` };
  const edition = input.edition ?? null;
  if (edition === null) return undefined;
  const ids = (product.editions ?? []).map((e) => e.id);
  if (ids.includes(edition)) return undefined;
  const known = ids.length ? `its editions are ${ids.join(', ')}` : 'it has no editions';
  return { field: 'edition', message: `edition: "${edition}" is not an edition of ${input.productId} (${known})` };
}

function datesProblem(input: LicenceInput): Problem | undefined {
  for (const field of ['validFrom', 'validUntil'] as const) {
    const value = input[field];
    if (value && !isCalendarDate(value)) return { field, message: `${field}: ${value} is not a calendar date` };
  }
  if (input.validFrom && input.validUntil && input.validFrom > input.validUntil) {
    return { field: 'validUntil', message: `validUntil ${input.validUntil} is before validFrom ${input.validFrom}` };
  }
  if (input.model === 'subscription' && !input.validUntil) {
    return { field: 'validUntil', message: 'validUntil: a subscription needs the day it ends' };
  }
  return undefined;
}

function modelProblem(input: LicenceInput): Problem | undefined {
  const hosts = input.kmsHosts ?? [];
  if (input.model === 'kms' && hosts.length === 0) {
    return { field: 'kmsHosts', message: "kmsHosts: a kms licence needs the organisation's KMS host(s)" };
  }
  if (input.model !== 'kms' && hosts.length > 0) {
    return { field: 'kmsHosts', message: `kmsHosts: only a kms licence has KMS hosts, not ${input.model}` };
  }
  if (UNLIMITED_MODELS.includes(input.model) && input.seats !== null) {
    return { field: 'seats', message: `seats: a ${input.model} licence is unlimited; seats must be null` };
  }
  return undefined;
}

/** The first rule the licence breaks, or undefined. The unit's existence is checked in the write's transaction. */
export function licenceProblem(input: LicenceInput, catalog: CompiledCatalog): Problem | undefined {
  const versions =
    input.versionFrom && input.versionTo && compareReleases(input.versionFrom, input.versionTo) > 0
      ? { field: 'versionTo' as const, message: `versionTo ${input.versionTo} is below versionFrom ${input.versionFrom}` }
      : undefined;
  const price =
    input.price !== undefined && input.price !== null && !isWholeFen(input.price)
      ? { field: 'price' as const, message: `price: ${input.price} yuan is not a whole number of fen` }
      : undefined;
  return productProblem(input, catalog) ?? versions ?? datesProblem(input) ?? modelProblem(input) ?? crackHostProblem(input, catalog) ?? price;
}

/**
 * A KMS licence cannot make a crack tool's server the organisation's own: its hosts are
 * judged as the PCs' are once it is recorded (trusted), where only a private address an
 * activator also likes can be the organisation's.
 */
function crackHostProblem(input: LicenceInput, catalog: CompiledCatalog): Problem | undefined {
  const hosts = input.kmsHosts ?? [];
  for (const host of hosts) {
    const tool = crackToolOfPcHost(host, { trustedKmsHosts: hosts }, catalog);
    if (tool) return { field: 'kmsHosts', message: `kmsHosts: ${host} is a KMS server of ${tool.product.name}, a crack tool, not an organisation's` };
  }
  return undefined;
}

/** A changed seat count must still cover the seats already disposed of. */
export function seatsProblem(current: LicenceRecord, after: LicenceInput): Problem | undefined {
  if (current.seats === null || current.effectiveSeats === null || after.seats === null) return undefined;
  const disposed = current.seats - current.effectiveSeats;
  return after.seats < disposed
    ? { field: 'seats', message: `seats: ${disposed} seats of licence #${current.id} were disposed of; seats cannot go below that` }
    : undefined;
}

/** The fields each kind of event may carry besides kind, date and notes. */
const EVENT_FIELDS: Record<LicenceEventInput['kind'], readonly (keyof LicenceEventInput)[]> = {
  purchase: ['seats'],
  install: ['seats'],
  upgrade: ['versionTo'],
  renewal: ['validUntil'],
  disposal: ['disposal', 'seats', 'toUnitId'],
};
const COMMON_FIELDS: readonly (keyof LicenceEventInput)[] = ['kind', 'date', 'notes'];

function fieldsProblem(e: LicenceEventInput): Problem | undefined {
  const allowed = [...COMMON_FIELDS, ...EVENT_FIELDS[e.kind]];
  const stray = (Object.keys(e) as (keyof LicenceEventInput)[]).find((k) => e[k] !== undefined && !allowed.includes(k));
  if (stray) return { field: stray, message: `${stray} does not belong to a ${e.kind} event (it may carry ${EVENT_FIELDS[e.kind].join(', ')})` };
  const required = { upgrade: 'versionTo', renewal: 'validUntil', disposal: 'disposal' } as const;
  const need = e.kind in required ? required[e.kind as keyof typeof required] : undefined;
  if (need && e[need] === undefined) return { field: need, message: `${need}: a ${e.kind} event needs it` };
  if (e.kind === 'disposal' && (e.disposal === 'reallocation') !== (e.toUnitId !== undefined)) {
    return { field: 'toUnitId', message: 'toUnitId: a reallocation (调剂) names the receiving unit, and only a reallocation does' };
  }
  return undefined;
}

function effectProblem(l: LicenceRecord, e: LicenceEventInput): Problem | undefined {
  if (e.kind === 'renewal' && e.validUntil) {
    if (l.validFrom && e.validUntil < l.validFrom) return { field: 'validUntil', message: `validUntil ${e.validUntil} is before the licence's validFrom ${l.validFrom}` };
    if (l.validUntil && e.validUntil < l.validUntil) return { field: 'validUntil', message: `validUntil ${e.validUntil} is before the current ${l.validUntil}; correct it with an update, not a renewal` };
  }
  if (e.kind === 'upgrade' && e.versionTo) {
    const floor = l.versionTo ?? l.versionFrom;
    if (floor && compareReleases(e.versionTo, floor) < 0) return { field: 'versionTo', message: `versionTo ${e.versionTo} is below the licence's ${floor}` };
  }
  if (e.kind === 'disposal') {
    const left = l.effectiveSeats;
    if (left === 0) return { field: 'seats', message: `licence #${l.id} has no seats left to dispose of` };
    if (e.seats !== undefined && left === null) return { field: 'seats', message: `seats: licence #${l.id} is unlimited; dispose of it whole (leave out seats)` };
    if (e.seats !== undefined && left !== null && e.seats > left) return { field: 'seats', message: `seats: licence #${l.id} has ${left} seats left, not ${e.seats}` };
    if (e.toUnitId !== undefined && e.toUnitId === l.unitId) return { field: 'toUnitId', message: 'toUnitId: a reallocation goes to another unit' };
  }
  return undefined;
}

/** The first problem of an event for this licence, or undefined. The receiving unit's existence is checked in the write's transaction. */
export function eventProblem(licence: LicenceRecord, e: LicenceEventInput): Problem | undefined {
  if (!isCalendarDate(e.date)) return { field: 'date', message: `date: ${e.date} is not a calendar date` };
  if (e.validUntil && !isCalendarDate(e.validUntil)) return { field: 'validUntil', message: `validUntil: ${e.validUntil} is not a calendar date` };
  return fieldsProblem(e) ?? effectProblem(licence, e);
}

/** Throws the problem as E_INVALID, if there is one. */
export function refuseProblem(p: Problem | undefined): void {
  if (p) throw new InvalidInputError(p.message);
}
