import type { MatchedBy } from '../schema/spot-checks.js';

/**
 * Which sampled machine a kit's scan is of (pure): by hardware UUID, then serial, then
 * the OS installation id, then host name, the first that names exactly one machine.
 * Firmware placeholders are not identities: thousands of boards say "To Be Filled By
 * O.E.M.", and one such serial must not match them all.
 */
export interface Identified {
  hardwareUuid: string | null;
  serial: string | null;
  machineId: string | null;
  hostname: string;
}

export const MATCH_ORDER: readonly MatchedBy[] = ['hardwareUuid', 'serial', 'machineId', 'hostname'];

const PLACEHOLDERS = new Set([
  '',
  '0',
  'none',
  'n/a',
  'na',
  'default string',
  'to be filled by o.e.m.',
  'system serial number',
  'not specified',
  'not applicable',
  'invalid',
  '0123456789',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '03000200-0400-0500-0006-000700080009',
]);

/** The value as compared (trimmed, lower case), or null when it names no one machine. */
export function identityValue(text: string | null | undefined): string | null {
  const v = (text ?? '').trim().toLowerCase();
  return PLACEHOLDERS.has(v) ? null : v;
}

export function matchScan<T extends Identified>(candidates: readonly T[], scan: Identified): { match: T; by: MatchedBy } | undefined {
  for (const by of MATCH_ORDER) {
    const wanted = identityValue(scan[by]);
    if (wanted === null) continue;
    const found = candidates.filter((c) => identityValue(c[by]) === wanted);
    // Two machines with one value (a cloned image's machine id): ask the next field.
    if (found.length === 1) return { match: found[0]!, by };
  }
  return undefined;
}
