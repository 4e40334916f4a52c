import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { LicenceInput, LicencePatch, type LicenceEvent, type LicenceView } from '../schema/licences.js';
import { UsageError } from '../service/errors.js';
import { decodeCsvBytes } from '../service/licence-csv-codec.js';
import { getLicenceDocument, storeDocument } from '../service/licence-document-service.js';
import { exportLicences, importLicences } from '../service/licence-ledger-service.js';
import { addLicenceEvent, licenceEvents } from '../service/licence-event-service.js';
import { createLicence, deleteLicence, getLicence, listLicences, updateLicence } from '../service/licence-service.js';
import type { Io } from './io.js';
import { checkedFlags, defaultSeats, eventInput, licenceFields, mediaTypeOf, type EventFlags, type LicenceFlags } from './license-args.js';
import { cell, printRejudged, unitRef } from './org-cli.js';
import { withRegistry } from './registry-context.js';
import { integer } from './validate.js';

/** What each `license` subcommand does; the command tree is in license.ts. */

const HEADER = ['id', 'product', 'edition', 'model', 'seats', 'effective', 'allocated', 'unit', 'valid from', 'valid until', 'vendor'];
const seats = (n: number | null) => (n === null ? 'unlimited' : n);
const row = (l: LicenceView) =>
  [l.id, l.productId, cell(l.edition), l.model, seats(l.seats), seats(l.effectiveSeats), l.allocated, l.unit, cell(l.validFrom), cell(l.validUntil), cell(l.vendor)].join('\t');
const EVENT_HEADER = ['id', 'date', 'kind', 'disposal', 'seats', 'to unit', 'valid until', 'version to', 'created licence', 'notes', 'by'];
const eventRow = (e: LicenceEvent) =>
  [e.id, e.date, e.kind, cell(e.disposal), cell(e.seats), cell(e.toUnitId), cell(e.validUntil), cell(e.versionTo), cell(e.createdLicenceId), cell(e.notes), e.actor].join('\t');

const idOf = (text: string) => integer(text, 'LICENCE_ID', 1);

export interface ListFlags {
  db: string;
  product?: string;
  unit?: string;
  limit: string;
  offset: string;
  json?: boolean;
}

export async function licenceList(o: ListFlags, io: Io): Promise<void> {
  const page = { limit: integer(o.limit, '--limit', 1, 100_000), offset: integer(o.offset, '--offset', 0) };
  await withRegistry(o.db, async (deps) => {
    const unitId = o.unit === undefined ? undefined : await unitRef(deps, o.unit);
    const list = await listLicences(deps, 'cli', { ...page, ...(o.product ? { productId: o.product } : {}), ...(unitId ? { unitId } : {}) });
    if (o.json) return io.out(JSON.stringify(list, null, 2));
    io.out(HEADER.join('\t'));
    for (const l of list.licences) io.out(row(l));
  });
}

export async function licenceShow(idText: string, o: { db: string; json?: boolean }, io: Io): Promise<void> {
  const id = idOf(idText);
  await withRegistry(o.db, async (deps) => {
    const l = await getLicence(deps, 'cli', id);
    if (o.json) return io.out(JSON.stringify(l, null, 2));
    const versions = l.versionFrom || l.versionTo ? `${l.versionFrom ?? ''}–${l.versionTo ?? ''}${l.downgrade ? ' (downgrade rights)' : ''}` : '-';
    const lines: [string, string | number][] = [
      ['id', l.id],
      ['product', `${l.product} (${l.productId})`],
      ['edition', cell(l.edition)],
      ['versions', versions],
      ['model', l.model + (l.kmsHosts.length ? ` via ${l.kmsHosts.join(', ')}` : '')],
      ['seats', seats(l.seats)],
      ['effective seats', seats(l.effectiveSeats)],
      ['allocated', l.allocated],
      ['unit', `${l.unit} (#${l.unitId})`],
      ['valid', `${l.validFrom ?? '…'} to ${l.validUntil ?? '…'}`],
      ['vendor', cell(l.vendor)],
      ['purchase order', cell(l.purchaseOrder)],
      ['price (yuan)', l.price === null ? '-' : l.price.toFixed(2)],
      ['notes', cell(l.notes)],
      ['document', l.document ? `${l.document.fileName} (${l.document.mediaType}, ${l.document.size} bytes, sha256 ${l.document.sha256})` : '-'],
    ];
    for (const [k, v] of lines) io.out(`${k}\t${v}`);
  });
}

export async function licenceAdd(o: LicenceFlags & { db: string }, io: Io): Promise<void> {
  await withRegistry(o.db, async (deps) => {
    const input = checkedFlags(LicenceInput, defaultSeats(await licenceFields(deps, o)));
    const { licence, rejudged } = await createLicence(deps, 'cli', input);
    io.out(`licence #${licence.id} ${licence.productId} added for ${licence.unit}`);
    printRejudged(io, rejudged);
  });
}

export async function licenceUpdate(idText: string, o: LicenceFlags & { db: string }, io: Io): Promise<void> {
  const id = idOf(idText);
  await withRegistry(o.db, async (deps) => {
    const patch = checkedFlags(LicencePatch, await licenceFields(deps, o));
    if (Object.keys(patch).length === 0) throw new UsageError('nothing to change: give at least one option');
    const { licence, rejudged } = await updateLicence(deps, 'cli', id, patch);
    io.out(`licence #${licence.id} updated`);
    printRejudged(io, rejudged);
  });
}

export async function licenceDelete(idText: string, o: { db: string }, io: Io): Promise<void> {
  const id = idOf(idText);
  await withRegistry(o.db, async (deps) => {
    const { licence, rejudged } = await deleteLicence(deps, 'cli', id);
    io.out(`licence #${licence.id} ${licence.productId} of ${licence.unit} deleted`);
    printRejudged(io, rejudged);
  });
}

export async function licenceImport(file: string, o: { db: string }, io: Io): Promise<void> {
  const text = decodeCsvBytes(await readFile(file).catch((err: Error) => Promise.reject(new UsageError(`cannot read ${file}: ${err.message}`))));
  await withRegistry(o.db, async (deps) => {
    const result = await importLicences(deps, 'cli', text);
    io.out(`${result.created} licence(s) imported: #${result.licences[0]}–#${result.licences.at(-1)}`);
    printRejudged(io, result.rejudged);
  });
}

export async function licenceExport(o: { db: string; lang: string; out?: string }, io: Io): Promise<void> {
  if (o.lang !== 'en' && o.lang !== 'zh') throw new UsageError(`--lang must be en or zh, not "${o.lang}"`);
  const lang = o.lang;
  await withRegistry(o.db, async (deps) => {
    const csv = await exportLicences(deps, 'cli', lang);
    if (o.out === undefined) return io.out(csv.replace(/\r\n$/, ''));
    await writeFile(o.out, csv);
    io.out(`ledger written to ${o.out}`);
  });
}

export async function licenceEvent(idText: string, o: EventFlags & { db: string }, io: Io): Promise<void> {
  const id = idOf(idText);
  await withRegistry(o.db, async (deps) => {
    const { event, created, rejudged } = await addLicenceEvent(deps, 'cli', id, await eventInput(deps, o));
    io.out(`event #${event.id} (${event.disposal ?? event.kind}) recorded for licence #${id}`);
    if (created) io.out(`licence #${created.id} created for ${created.unit} with ${seats(created.seats)} seat(s)`);
    printRejudged(io, rejudged);
  });
}

export async function licenceEventList(idText: string, o: { db: string; json?: boolean }, io: Io): Promise<void> {
  const id = idOf(idText);
  await withRegistry(o.db, async (deps) => {
    const { events } = await licenceEvents(deps, 'cli', id);
    if (o.json) return io.out(JSON.stringify({ events }, null, 2));
    io.out(EVENT_HEADER.join('\t'));
    for (const e of events) io.out(eventRow(e));
  });
}

/** `document ID FILE` stores the file; `document ID --out FILE` writes the stored one there. */
export async function licenceDocument(idText: string, file: string | undefined, o: { db: string; out?: string; mediaType?: string }, io: Io): Promise<void> {
  const id = idOf(idText);
  if ((file === undefined) === (o.out === undefined)) throw new UsageError('give a FILE to store, or --out FILE to fetch the stored document');
  await withRegistry(o.db, async (deps) => {
    if (o.out !== undefined) {
      const doc = await getLicenceDocument(deps, 'cli', id);
      await writeFile(o.out, doc.content);
      io.out(`${doc.fileName} (${doc.size} bytes, sha256 ${doc.sha256}) written to ${o.out}`);
      return;
    }
    const content = await readFile(file!).catch((err: Error) => Promise.reject(new UsageError(`cannot read ${file}: ${err.message}`)));
    const info = await storeDocument(deps, 'cli', id, { fileName: basename(file!), mediaType: mediaTypeOf(file!, o.mediaType), content });
    io.out(`document ${info.fileName} stored for licence #${id}: ${info.size} bytes, sha256 ${info.sha256}`);
  });
}

