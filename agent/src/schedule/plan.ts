/**
 * Pure scheduling decisions, with the clock and the dice passed in so tests can fix
 * both. The daemon only wires them to timers and node-cron.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Random delay within [0, splayMinutes) so a thousand PCs do not post at 02:00:00 together. */
export function splayDelayMs(splayMinutes: number, random: () => number): number {
  const r = Math.min(Math.max(random(), 0), 0.999_999);
  return Math.floor(r * Math.max(0, splayMinutes) * MINUTE);
}

/** When a run triggered by the cron tick at `fireAt` actually starts. */
export function plannedRunAt(fireAt: Date, splayMinutes: number, random: () => number): Date {
  return new Date(fireAt.getTime() + splayDelayMs(splayMinutes, random));
}

/** A catch-up run waits at most this long: a boot storm at 09:00 is smaller than one at 02:00. */
export const CATCH_UP_MAX_SPLAY_MINUTES = 5;

export function catchUpDelayMs(splayMinutes: number, random: () => number): number {
  return splayDelayMs(Math.min(splayMinutes, CATCH_UP_MAX_SPLAY_MINUTES), random);
}

export interface CatchUpInput {
  /** ISO time of the last successful report, or null if there never was one. */
  lastSuccessAt: string | null;
  /** When this daemon last tried on its own (so it does not retry in a tight loop). */
  lastAttemptAt: Date | null;
  now: Date;
  intervalHours: number;
  /** Least time between two catch-up attempts while the collector stays unreachable. */
  retryMinutes: number;
}

/**
 * Due when the last success is older than the interval (the PC was off at night, or
 * the nightly run failed), and the last attempt is older than the retry pause. A
 * success stamped in the future means the clock was wrong then or is wrong now:
 * report rather than trust it.
 */
export function catchUpDue(i: CatchUpInput): boolean {
  if (i.lastAttemptAt && i.now.getTime() - i.lastAttemptAt.getTime() < i.retryMinutes * MINUTE) return false;
  if (!i.lastSuccessAt) return true;
  const last = Date.parse(i.lastSuccessAt);
  if (Number.isNaN(last)) return true;
  const age = i.now.getTime() - last;
  return age >= i.intervalHours * HOUR || age < -HOUR;
}
