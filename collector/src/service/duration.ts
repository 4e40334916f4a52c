import { UsageError } from './errors.js';

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/** `7d`, `12h`, `30m` → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^([1-9]\d{0,5})([dhm])$/.exec(text.trim());
  if (!m) throw new UsageError(`"${text}" is not a duration: use a number and d, h or m, e.g. 7d, 12h, 30m`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}
