import { releaseCovered } from '../catalog/index.js';
import type { LicenceModel } from '../schema/licences.js';
import { normaliseHost } from './kms.js';
import { addDays } from './days.js';

/** A licence as seat allocation sees it: `seats` are what is left after disposals (null: unlimited). */
export interface SeatLicence {
  id: number;
  productId: string;
  edition: string | null;
  versionFrom: string | null;
  versionTo: string | null;
  downgrade: boolean;
  model: LicenceModel;
  kmsHosts: readonly string[];
  seats: number | null;
  unitId: number;
  unit: string;
  validFrom: string | null;
  validUntil: string | null;
}

/** One machine's need of one product; several installs of a product on a PC share a seat. */
export interface Demand {
  agentId: string;
  productId: string;
  edition: string | null;
  release: string | null;
  kmsHost: string | null;
  unitId: number;
  /** The queue order: machines seen first get seats first. */
  firstSeen: string;
}

export type Mismatch = 'edition' | 'version' | 'kms-host' | 'not-yet-valid';

export type Outcome =
  | { kind: 'implicit' }
  | { kind: 'covered'; licenceId: number }
  | { kind: 'over-allocated'; licenceId: number; seats: number; position: number }
  | { kind: 'expired'; licenceId: number; validUntil: string }
  | { kind: 'none'; near?: { licenceId: number; mismatch: Mismatch } };

export interface AllocationInput {
  demands: readonly Demand[];
  licences: readonly SeatLicence[];
  /** Who holds which seat now: demand key → licence id. */
  held: ReadonlyMap<string, number>;
  /** A unit, its parent, … up to the root. */
  ancestry: (unitId: number) => readonly number[];
  /** YYYY-MM-DD: licences are valid through their last day. */
  today: string;
}

export interface AllocationResult {
  outcomes: Map<string, Outcome>;
  /** Demand key → licence id, for every demand that holds a seat. */
  seats: Map<string, number>;
}

export const demandKey = (agentId: string, productId: string): string => `${agentId}\u0000${productId}`;

/**
 * Deterministic seat allocation. Machines that hold a seat keep it while the licence still
 * covers them and has room; then the others, oldest first seen first, take the first
 * covering licence with a free seat, the one scoped closest to their unit first. Whoever
 * is left is over-allocated when some licence would cover them, and otherwise has none.
 */
export function allocate(input: AllocationInput): AllocationResult {
  const byProduct = new Map<string, SeatLicence[]>();
  for (const l of input.licences) byProduct.set(l.productId, [...(byProduct.get(l.productId) ?? []), l]);
  const candidates = new Map<string, SeatLicence[]>();
  const ordered = [...input.demands].sort((a, b) => compareText(a.firstSeen, b.firstSeen) || compareText(a.agentId, b.agentId) || compareText(a.productId, b.productId));
  for (const d of ordered) candidates.set(demandKey(d.agentId, d.productId), covering(d, byProduct.get(d.productId) ?? [], input));

  const used = new Map<number, number>();
  const seats = new Map<string, number>();
  const take = (key: string, l: SeatLicence): boolean => {
    const n = used.get(l.id) ?? 0;
    if (l.seats !== null && n >= l.seats) return false;
    used.set(l.id, n + 1);
    seats.set(key, l.id);
    return true;
  };
  for (const d of ordered) {
    const key = demandKey(d.agentId, d.productId);
    const holding = candidates.get(key)!.find((l) => l.id === input.held.get(key));
    if (holding) take(key, holding);
  }
  for (const d of ordered) {
    const key = demandKey(d.agentId, d.productId);
    if (!seats.has(key)) candidates.get(key)!.some((l) => take(key, l));
  }

  const outcomes = new Map<string, Outcome>();
  const waiting = new Map<number, number>();
  for (const d of ordered) {
    const key = demandKey(d.agentId, d.productId);
    const seat = seats.get(key);
    const first = candidates.get(key)![0];
    if (seat !== undefined) {
      // Seat counts are not part of the outcome: one more machine on a licence must not re-judge every holder.
      outcomes.set(key, { kind: 'covered', licenceId: seat });
    } else if (first) {
      const position = (waiting.get(first.id) ?? 0) + 1;
      waiting.set(first.id, position);
      outcomes.set(key, { kind: 'over-allocated', licenceId: first.id, seats: first.seats ?? 0, position });
    } else {
      outcomes.set(key, uncovered(d, byProduct.get(d.productId) ?? [], input));
    }
  }
  return { outcomes, seats };
}

export interface LastInput extends Omit<AllocationInput, 'demands' | 'held'> {
  /** Seats the other machines hold, per licence. */
  used: ReadonlyMap<number, number>;
  /** How many other machines wait for a seat of the licence. */
  waiting: (licenceId: number) => number;
}

/**
 * The outcome of a demand that comes last in the queue (its machine first seen after
 * every other, holding no seat), from what the others hold and how many wait: the same
 * as `allocate` over everyone, because the demands before it are served first either way
 * and it takes nothing from them. A new machine is judged this way without allocating
 * the whole fleet again.
 */
export function allocateLast(d: Demand, input: LastInput): { outcome: Outcome; seat?: number } {
  const licences = input.licences.filter((l) => l.productId === d.productId);
  const candidates = covering(d, licences, input);
  const free = candidates.find((l) => l.seats === null || (input.used.get(l.id) ?? 0) < l.seats);
  if (free) return { outcome: { kind: 'covered', licenceId: free.id }, seat: free.id };
  const first = candidates[0];
  if (first) return { outcome: { kind: 'over-allocated', licenceId: first.id, seats: first.seats ?? 0, position: input.waiting(first.id) + 1 } };
  return { outcome: uncovered(d, licences, input) };
}

type Fit = 'fits' | Mismatch | 'expired' | 'out-of-scope';

/** How a licence stands towards a demand, in the order the reasons are told. */
function fit(d: Demand, l: SeatLicence, input: Pick<AllocationInput, 'ancestry' | 'today'>): Fit {
  if (!input.ancestry(d.unitId).includes(l.unitId)) return 'out-of-scope';
  if (l.edition !== null && l.edition !== d.edition) return 'edition';
  if (!releaseCovered(d.release ?? undefined, { from: l.versionFrom, to: l.versionTo, downgrade: l.downgrade })) return 'version';
  if (l.model === 'kms' && !(d.kmsHost && l.kmsHosts.some((h) => normaliseHost(h) === normaliseHost(d.kmsHost!)))) return 'kms-host';
  if (l.validFrom !== null && input.today < l.validFrom) return 'not-yet-valid';
  if (l.validUntil !== null && input.today > l.validUntil) return 'expired';
  return 'fits';
}

/** Licences that cover the demand now: closest scope first, unlimited before counted, then oldest. */
function covering(d: Demand, licences: readonly SeatLicence[], input: Pick<AllocationInput, 'ancestry' | 'today'>): SeatLicence[] {
  const ancestry = input.ancestry(d.unitId);
  return licences
    .filter((l) => fit(d, l, input) === 'fits')
    .sort(
      (a, b) =>
        ancestry.indexOf(a.unitId) - ancestry.indexOf(b.unitId) ||
        Number(a.seats !== null) - Number(b.seats !== null) ||
        a.id - b.id,
    );
}

/**
 * Why nothing covers: an expired licence that would have (the latest to expire), or the
 * nearest miss in scope. Ties go to the closest scope, then the oldest licence, so the
 * reason does not depend on the order the licences were read in.
 */
function uncovered(d: Demand, licences: readonly SeatLicence[], input: Pick<AllocationInput, 'ancestry' | 'today'>): Outcome {
  const ancestry = input.ancestry(d.unitId);
  const fits = [...licences]
    .sort((a, b) => ancestry.indexOf(a.unitId) - ancestry.indexOf(b.unitId) || a.id - b.id)
    .map((l) => ({ l, f: fit(d, l, input) }));
  const expired = fits.filter((x) => x.f === 'expired').sort((a, b) => compareText(b.l.validUntil ?? '', a.l.validUntil ?? ''))[0];
  if (expired) return { kind: 'expired', licenceId: expired.l.id, validUntil: expired.l.validUntil! };
  const order: Mismatch[] = ['not-yet-valid', 'kms-host', 'version', 'edition'];
  for (const mismatch of order) {
    const near = fits.find((x) => x.f === mismatch);
    if (near) return { kind: 'none', near: { licenceId: near.l.id, mismatch } };
  }
  return { kind: 'none' };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The calendar day after `day` (YYYY-MM-DD): the first day a licence valid until `day` is not. */
const dayAfter = (day: string): string => addDays(day, 1);

/**
 * Products with a licence that came into force or ran out after the day `since` and by
 * `today` ('' for since: ever). Time alone changes what such a licence covers, with no
 * write to re-judge it, so their seats must be allocated again.
 */
export function validityChanged(licences: readonly SeatLicence[], since: string, today: string): string[] {
  const crossed = (day: string | null) => day !== null && since < day && day <= today;
  const changed = licences.filter((l) => crossed(l.validFrom) || (l.validUntil !== null && crossed(dayAfter(l.validUntil))));
  return [...new Set(changed.map((l) => l.productId))];
}

/** Today in China (UTC+8, no daylight saving): licence dates are Chinese calendar days. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
