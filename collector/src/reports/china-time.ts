import { chinaToday } from '../classify/allocate.js';

/**
 * The campaign's offices are in China (UTC+8, no daylight saving): a form's date is the
 * date there, whatever the server's time zone, as licence dates are (classify/allocate.ts).
 */

/** `2026-11-20`: the date in China of a moment. */
export function chinaDate(iso: string | Date): string {
  return chinaToday(new Date(iso));
}

/** The first moment of a year in China. */
export function chinaYearStart(year: number): Date {
  return new Date(`${year}-01-01T00:00:00.000+08:00`);
}
