import type { LicenceInput } from '../schema/licences.js';
import type { LicenceColumns } from '../store/licence-repo.js';
import type { LicenceRecord, Write } from '../store/registry-types.js';
import type { StoreTx } from '../store/tx-types.js';
import { InvalidInputError, NotFoundError } from './errors.js';

/**
 * What every licence write shares inside its transaction: the columns an input is
 * stored as, the input a stored licence reads back as, and an insert with its audit entry.
 */

/** How the audit log and the messages name a licence. */
export const licenceTarget = (id: number) => `licence #${id}`;

const toFen = (yuan: number): number => Math.round(yuan * 100);

export function columnsOf(input: LicenceInput): LicenceColumns {
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
export function changes(before: LicenceInput, after: LicenceInput): { before: Record<string, unknown>; after: Record<string, unknown> } {
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

/**
 * The licence as the transaction sees it, its row locked for the write that follows, or
 * 404. Licence writes are for admins, who read every unit, so existence is all the
 * visibility a write needs to check.
 */
export async function existingLicence(tx: StoreTx, id: number): Promise<LicenceRecord> {
  const record = await tx.licences.getForUpdate(id);
  if (!record) throw new NotFoundError(licenceTarget(id));
  return record;
}

/** Checked in the write's transaction, so the unit cannot go between the check and the insert. */
export async function assertUnitExists(tx: StoreTx, unitId: number, field: string): Promise<void> {
  if (!(await tx.units.get(unitId))) throw new InvalidInputError(`${field}: there is no unit ${unitId}`);
}

/** Inserts one licence with its audit entry; the caller bumps the registry revision once for its whole write. */
export async function insertLicence(tx: StoreTx, input: LicenceInput, w: Write, source: string): Promise<LicenceRecord> {
  const id = await tx.licences.insert(columnsOf(input), w.at);
  await tx.audit.record({ at: w.at, actor: w.actor, action: 'licence.create', target: licenceTarget(id), detail: { source, after: input } });
  return (await tx.licences.get(id))!;
}
