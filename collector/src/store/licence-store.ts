import { createHash } from 'node:crypto';
import type { LicenceEvent, LicenceEventInput, LicenceInput, LicencePatch } from '../schema/licences.js';
import type { StoreContext } from './context.js';
import { LicenceDocumentRepo } from './licence-document-repo.js';
import { LicenceEventRepo } from './licence-event-repo.js';
import { LicenceRepo, type LicenceColumns } from './licence-repo.js';
import { isRefusal, type LicenceRecord, type LicenceStore, type Refusal, type Result, type Write } from './registry-types.js';

const toFen = (yuan: number): number => Math.round(yuan * 100);

function columnsOf(input: LicenceInput): LicenceColumns {
  return {
    productId: input.productId,
    edition: input.edition ?? null,
    versionFrom: input.versionFrom ?? null,
    versionTo: input.versionTo ?? null,
    downgrade: input.downgrade ?? false,
    model: input.model,
    kmsHosts: input.kmsHosts ?? [],
    seats: input.seats,
    unitId: input.unitId,
    validFrom: input.validFrom ?? null,
    validUntil: input.validUntil ?? null,
    vendor: input.vendor ?? null,
    purchaseOrder: input.purchaseOrder ?? null,
    priceFen: input.price === undefined || input.price === null ? null : toFen(input.price),
    notes: input.notes ?? null,
  };
}

/** The writable fields of a stored licence, as an input again (for patches and the audit log). */
export function inputOf(r: LicenceRecord): LicenceInput {
  return {
    productId: r.productId,
    edition: r.edition,
    versionFrom: r.versionFrom,
    versionTo: r.versionTo,
    downgrade: r.downgrade,
    model: r.model,
    kmsHosts: r.kmsHosts,
    seats: r.seats,
    unitId: r.unitId,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    vendor: r.vendor,
    purchaseOrder: r.purchaseOrder,
    price: r.price,
    notes: r.notes,
  };
}

/** The fields an update changed, before and after, for the audit log. */
function changes(before: LicenceInput, after: LicenceInput): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof LicenceInput)[]) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

const missing = (what: string): Refusal => ({ refused: 'not-found', what });
const target = (id: number) => `licence #${id}`;

/**
 * Licences, their documents and events on SQLite. Each write is one transaction with
 * its audit entry and, when it can change a verdict, the registry revision bump.
 */
export function createLicenceStore(ctx: StoreContext): LicenceStore {
  const licences = new LicenceRepo(ctx.db);
  const events = new LicenceEventRepo(ctx.db);
  const documents = new LicenceDocumentRepo(ctx.db);
  const { audit, meta } = ctx;

  /** Inserts one licence with its audit entry; the caller's transaction bumps the revision. */
  const insertOne = (input: LicenceInput, w: Write, source: string): LicenceRecord => {
    const id = licences.insert(columnsOf(input), w.at);
    audit.record({ at: w.at, actor: w.actor, action: 'licence.create', target: target(id), detail: { source, after: input } });
    return licences.get(id)!;
  };

  const create = ctx.tx((input: LicenceInput, w: Write): Result<LicenceRecord> => {
    if (!licences.unitExists(input.unitId)) return missing(`unit ${input.unitId}`);
    const record = insertOne(input, w, 'api');
    meta.bump('registry', `${target(record.id)} created`);
    return record;
  });

  const createMany = ctx.tx((inputs: readonly LicenceInput[], w: Write): Result<LicenceRecord[]> => {
    const absent = inputs.find((i) => !licences.unitExists(i.unitId));
    if (absent) return missing(`unit ${absent.unitId}`);
    const records = inputs.map((i) => insertOne(i, w, 'import'));
    if (records.length > 0) meta.bump('registry', `${records.length} licences imported`);
    return records;
  });

  const update = ctx.tx((id: number, patch: LicencePatch, w: Write): Result<LicenceRecord> => {
    const current = licences.get(id);
    if (!current) return missing(target(id));
    const before = inputOf(current);
    const after: LicenceInput = { ...before, ...patch };
    if (after.unitId !== before.unitId && !licences.unitExists(after.unitId)) return missing(`unit ${after.unitId}`);
    licences.update(id, columnsOf(after), w.at);
    audit.record({ at: w.at, actor: w.actor, action: 'licence.update', target: target(id), detail: changes(before, after) });
    meta.bump('registry', `${target(id)} updated`);
    return licences.get(id)!;
  });

  const remove = ctx.tx((id: number, w: Write): Result<LicenceRecord> => {
    const current = licences.get(id);
    if (!current) return missing(target(id));
    licences.delete(id);
    audit.record({ at: w.at, actor: w.actor, action: 'licence.delete', target: target(id), detail: { before: inputOf(current) } });
    meta.bump('registry', `${target(id)} deleted`);
    return current;
  });

  // A document changes no verdict: audited, but the registry revision stays and no re-judge is owed.
  const putDocument = ctx.tx((id: number, doc: { fileName: string; mediaType: string; content: Buffer }, w: Write) => {
    if (!licences.get(id)) return missing(target(id));
    const previous = documents.get(id);
    const stored = {
      ...doc,
      sha256: createHash('sha256').update(doc.content).digest('hex'),
      size: doc.content.length,
      storedAt: w.at,
      storedBy: w.actor,
    };
    documents.put(id, stored);
    const { content: _bytes, ...info } = stored;
    audit.record({
      at: w.at,
      actor: w.actor,
      action: 'licence.document',
      target: target(id),
      detail: { after: info, ...(previous ? { before: { fileName: previous.fileName, sha256: previous.sha256, size: previous.size } } : {}) },
    });
    return info;
  });

  const addEvent = ctx.tx((id: number, input: LicenceEventInput, w: Write): Result<LicenceEvent> => {
    const current = licences.get(id);
    if (!current) return missing(target(id));
    const event = applyEvent({ licences, events, audit, insertOne }, current, input, w);
    if (!isRefusal(event)) meta.bump('registry', `${target(id)} ${input.kind} recorded`);
    return event;
  });

  return {
    list: async (filter) => licences.list(filter),
    get: async (id) => licences.get(id),
    create: async (input, w) => create(input, w),
    createMany: async (inputs, w) => createMany(inputs, w),
    update: async (id, patch, w) => update(id, patch, w),
    delete: async (id, w) => remove(id, w),
    putDocument: async (id, doc, w) => putDocument(id, doc, w),
    getDocument: async (id) => documents.get(id),
    events: async (id) => events.list(id),
    addEvent: async (id, input, w) => addEvent(id, input, w),
  };
}

interface EventRepos {
  licences: LicenceRepo;
  events: LicenceEventRepo;
  audit: StoreContext['audit'];
  insertOne: (input: LicenceInput, w: Write, source: string) => LicenceRecord;
}

/**
 * Records the event and applies it: a renewal moves valid_until, an upgrade version_to,
 * a reallocation creates the receiving unit's licence. Refuses a disposal of more seats
 * than remain (the service checks first; this guards a write from another process).
 */
function applyEvent(r: EventRepos, current: LicenceRecord, input: LicenceEventInput, w: Write): Result<LicenceEvent> {
  const remaining = current.effectiveSeats;
  if (input.kind === 'disposal' && (remaining === 0 || (input.seats !== undefined && (remaining === null || input.seats > remaining)))) {
    return { refused: 'conflict', message: `${target(current.id)} has ${remaining ?? 'unlimited'} seats left; cannot dispose of ${input.seats ?? 'them'}` };
  }
  const before = inputOf(current);
  if (input.kind === 'renewal' || input.kind === 'upgrade') {
    const after = { ...before, ...(input.kind === 'renewal' ? { validUntil: input.validUntil } : { versionTo: input.versionTo }) };
    r.licences.update(current.id, columnsOf(after), w.at);
  }
  let createdLicenceId: number | null = null;
  if (input.disposal === 'reallocation' && input.toUnitId !== undefined) {
    if (!r.licences.unitExists(input.toUnitId)) return { refused: 'not-found', what: `unit ${input.toUnitId}` };
    const seats = input.seats ?? remaining;
    const created = r.insertOne(
      { ...before, seats, unitId: input.toUnitId, price: null, notes: `调剂自 licence #${current.id}` },
      w,
      `reallocation from ${target(current.id)}`,
    );
    createdLicenceId = created.id;
  }
  const event = r.events.insert({
    licence_id: current.id,
    kind: input.kind,
    disposal: input.disposal ?? null,
    date: input.date,
    seats: input.seats ?? null,
    to_unit_id: input.toUnitId ?? null,
    valid_until: input.validUntil ?? null,
    version_to: input.versionTo ?? null,
    created_licence_id: createdLicenceId,
    notes: input.notes ?? null,
    actor: w.actor,
    created_at: w.at,
  });
  r.audit.record({ at: w.at, actor: w.actor, action: 'licence.event', target: target(current.id), detail: { event: input, createdLicenceId } });
  return event;
}
