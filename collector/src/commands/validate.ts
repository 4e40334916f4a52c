import { UsageError } from '../service/errors.js';

/** Checks of command-line values, made before the db is opened so bad input writes nothing. */

export function unitName(text: string | undefined, flag = '--unit'): string {
  const name = (text ?? '').trim();
  if (!name) throw new UsageError(`${flag} needs a unit name`);
  if (name.length > 200) throw new UsageError(`${flag} is longer than 200 characters`);
  return name;
}

export function integer(text: string, flag: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${flag} must be a whole number, not "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, not ${n}`);
  return n;
}

export function positiveNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(n > 0)) throw new UsageError(`${flag} must be a positive number, not "${text}"`);
  return n;
}

export function role(text: string): 'admin' | 'viewer' {
  if (text !== 'admin' && text !== 'viewer') throw new UsageError(`--role must be admin or viewer, not "${text}"`);
  return text;
}
