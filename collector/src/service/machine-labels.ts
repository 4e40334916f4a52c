import { LABEL_LIMITS } from '../schema/machine-detail.js';
import type { MachineIdentity } from '../store/label-types.js';
import type { AssetConflict } from './label-write.js';
import { InvalidInputError } from './errors.js';

/** The rules for a machine's user (使用人) and asset number (资产编号), and for naming a machine. */

export type LabelField = keyof typeof LABEL_LIMITS;

export const LABEL_NAMES: Record<LabelField, string> = { user: 'the user (使用人)', assetNumber: 'the asset number (资产编号)' };

/**
 * Control characters, and invisible ones (a zero-width space, a BOM pasted from a
 * spreadsheet): they would make two asset numbers that look alike differ.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The value to store: trimmed, and null for null or an empty text (which clear the label). */
export function checkLabel(field: LabelField, raw: string | null): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  const invisible = INVISIBLE.exec(value);
  if (invisible) throw new InvalidInputError(`${LABEL_NAMES[field]} holds a control or invisible character (${codePoint(invisible[0])})`);
  const length = [...value].length;
  if (length > LABEL_LIMITS[field]) throw new InvalidInputError(`${LABEL_NAMES[field]} is ${length} characters long; at most ${LABEL_LIMITS[field]} are allowed`);
  return value;
}

/** A machine named in a file or on the command line: by its id, its hostname, or either (the id first). */
export interface MachineRef {
  by: 'id' | 'hostname' | 'either';
  text: string;
}

export const describeMachine = (m: MachineIdentity): string => `machine ${m.id} (${m.hostname})`;

export interface Unresolved {
  unresolved: 'unknown' | 'ambiguous';
  problem: string;
}

/**
 * The one machine a reference names among the store's candidates, or why there is none.
 * Hostnames are compared without regard to case, as Windows does; two machines with one
 * hostname (a PC re-imaged and enrolled again) need the id.
 */
export function resolveRef(ref: MachineRef, candidates: readonly MachineIdentity[]): MachineIdentity | Unresolved {
  if (ref.by !== 'hostname') {
    const byId = candidates.find((c) => c.id === ref.text);
    if (byId) return byId;
    if (ref.by === 'id') return { unresolved: 'unknown', problem: `there is no machine with the id ${ref.text}` };
  }
  const host = ref.text.toLowerCase();
  const named = candidates.filter((c) => c.hostname.toLowerCase() === host);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    return { unresolved: 'ambiguous', problem: `the hostname ${ref.text} names ${named.length} machines (${named.map((m) => m.id).join(', ')}); give the machine id` };
  }
  const what = ref.by === 'hostname' ? 'hostname' : 'id or hostname';
  return { unresolved: 'unknown', problem: `there is no machine with the ${what} ${ref.text}` };
}

/** Why an asset number was refused; `where` tells where the holder was given it, if in the same batch. */
export function assetTaken(c: AssetConflict, where = ''): string {
  return `the asset number ${c.assetNumber} is already ${describeMachine(c.holder)}'s${where}; an asset number names one machine`;
}
