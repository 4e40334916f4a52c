import { readFileSync } from 'node:fs';
import { ZhengbanError, assertValid, parseJson } from '@zhengban/shared';
import { GradingRules } from '../schema/grading.js';
import { UsageError } from '../service/errors.js';
import { checkedGrading } from '../service/spot-check-create.js';

/** Checks of the spot check commands' values, made before the db is opened so bad input writes nothing. */

/** `10%`, `12.5%` or a share `0.1`: over 0, at most all of them. */
export function ratio(text: string): number {
  const t = text.trim();
  const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(t);
  if (!m) throw new UsageError(`--ratio must be a percentage such as 10% or a share such as 0.1, not "${text}"`);
  const value = m[2] ? Number(m[1]) / 100 : Number(m[1]);
  if (!m[2] && value > 1) throw new UsageError(`--ratio ${text} is over 1: write a percentage with its sign (${text}%) or a share of 1 (0.1 is 10%)`);
  if (!(value > 0) || value > 1) throw new UsageError(`--ratio must be over 0% and at most 100%, not ${text}`);
  return value;
}

export function seed(text: string): string {
  if (!/^[\x21-\x7e]{1,64}$/.test(text)) throw new UsageError(`--seed must be 1 to 64 printable ASCII characters without spaces, not "${text}"`);
  return text;
}

export function spotCheckId(text: string, what = 'ID'): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`${what} must be a spot check number (1, 2, …), not "${text}"`);
  return Number(text);
}

/** A grading rule set from a JSON file: read, parsed, checked against the schema and the rules' own sense. */
export function gradingFile(file: string): GradingRules {
  try {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
    return checkedGrading(assertValid(GradingRules, parseJson(text.replace(/^\uFEFF/, ''), 'the file'), 'the grading rule set'));
  } catch (err) {
    if (err instanceof ZhengbanError) throw new UsageError(`--grading ${file}: ${err.message}`);
    throw err;
  }
}
