import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { RejudgeSummary } from '../service/rejudge-types.js';
import { UsageError } from '../service/errors.js';
import type { RegistryDeps } from '../service/registry-deps.js';
import type { Io } from './io.js';
import { unitName } from './validate.js';

/** Shared by the unit, person, machine and audit commands. */

/**
 * A unit given as a name (`财政局`) or an id (`3`). The name wins, so a unit whose name
 * is all digits (a 行政区划代码, say) can still be named.
 */
export async function unitRef(deps: RegistryDeps, text: string | undefined, flag = '--unit'): Promise<number> {
  const ref = unitName(text, flag);
  const byName = await deps.store.read.units.findByName(ref);
  if (byName) return byName.id;
  if (/^\d+$/.test(ref) && (await deps.store.read.units.get(Number(ref)))) return Number(ref);
  throw new UsageError(`${flag}: there is no unit named or numbered ${ref}`);
}

/**
 * The command-line values checked against the API's own schema, so the CLI and HTTP
 * refuse the same input; a problem is named by its flag (`--phone must match …`).
 */
export function checked<T extends TSchema>(schema: T, value: Record<string, unknown>): Static<T> {
  if (Value.Check(schema, value)) return value as Static<T>;
  const first = [...Value.Errors(schema, value)][0];
  const flag = first?.instancePath ? `--${first.instancePath.slice(1).replace(/([A-Z])/g, '-$1').toLowerCase()}` : 'the input';
  throw new UsageError(`${flag} ${first?.message ?? 'is not valid'}`);
}

/** `{ key: value }` without the keys whose value is undefined (options not given). */
export function given<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function printRejudged(io: Io, r: RejudgeSummary | undefined): void {
  if (r) io.out(`re-judged ${r.machines} machine(s): ${r.changed} verdict(s) changed, ${r.statusChanged} changed status`);
}

export const cell = (v: string | number | null | undefined): string => (v === null || v === undefined || v === '' ? '-' : String(v));
