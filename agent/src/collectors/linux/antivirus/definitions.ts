/**
 * Definitions older than this are out of date. Seven days is Microsoft Defender's
 * default for calling signatures out of date (AVSignatureDue), used for every product
 * that reports only a date, so products are judged alike.
 */
export const MAX_DEFINITIONS_AGE_DAYS = 7;

const DAY_MS = 86_400_000;

/** True within the limit of the scan's clock (a date after it, clock skew, counts as current). */
export function definitionsCurrent(updated: Date, now: Date): boolean {
  return now.getTime() - updated.getTime() <= MAX_DEFINITIONS_AGE_DAYS * DAY_MS;
}

