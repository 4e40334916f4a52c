import type { Static } from 'typebox';
import type { ListEntry, ListEntryInput, ListKind, ListWriteResult } from '../schema/lists.js';
import { assertAdmin, assertUnitVisible, visibleUnits, type Caller } from './access.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';
import { actorOf, writeBy, type RegistryDeps } from './registry-deps.js';

/**
 * The deny and allow lists of installed software. Patterns are case-insensitive
 * regular expressions with the `u` flag, like the catalog's, so one pattern reads the
 * same in both places. Each write is one transaction: the change, its audit entry and
 * the registry revision bump (which marks the re-judge owed); the re-judge follows.
 */

export const LIST_PATTERN_FLAGS = 'iu';

/** Throws E_INVALID naming the field when the pattern does not compile or matches the empty string. */
export function checkListPattern(source: string, field: 'name' | 'publisher'): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(source, LIST_PATTERN_FLAGS);
  } catch (cause) {
    throw new InvalidInputError(`${field} is not a valid regular expression: ${(cause as Error).message}`, cause);
  }
  // A pattern that matches nothing at all would put every installed program on the list.
  if (re.test('')) throw new InvalidInputError(`${field} /${source}/ matches the empty string, so it would match every program`);
  return re;
}

/** Global entries and those of units the caller may read. */
export async function listEntries(deps: RegistryDeps, p: Caller, list?: ListKind): Promise<ListEntry[]> {
  const unitIds = await visibleUnits(deps.store, p);
  return deps.store.read.lists.list({ ...(list ? { list } : {}), ...(unitIds ? { unitIds } : {}) });
}

export async function getEntry(deps: RegistryDeps, p: Caller, id: number): Promise<ListEntry> {
  const entry = await deps.store.read.lists.get(id);
  if (!entry) throw new NotFoundError(`list entry ${id}`);
  if (entry.unitId !== null) await assertUnitVisible(deps.store, p, entry.unitId, `list entry ${id}`);
  return entry;
}

export async function createEntry(deps: RegistryDeps, p: Caller, input: ListEntryInput): Promise<Static<typeof ListWriteResult>> {
  assertAdmin(p);
  checkListPattern(input.name, 'name');
  if (input.publisher != null) checkListPattern(input.publisher, 'publisher');
  const w = writeBy(deps, p);
  const entry = await deps.store.transaction(async (tx) => {
    const unitId = input.unitId ?? null;
    if (unitId !== null && !(await tx.units.get(unitId))) throw new NotFoundError(`unit ${unitId}`);
    const same = await tx.lists.findSame(input);
    if (same !== undefined) throw new ConflictError(`the ${input.list} list already has this entry (#${same})`);
    const entry = (await tx.lists.get(await tx.lists.insert(input, w.at, w.actor)))!;
    await tx.audit.record({ at: w.at, actor: w.actor, action: 'list.create', target: `${entry.list} list #${entry.id}`, detail: { after: entry } });
    await tx.meta.bump('registry', `${entry.list} list entry #${entry.id} created`);
    return entry;
  });
  const rejudged = await deps.rejudge({
    trigger: 'list',
    detail: `${entry.list} list entry #${entry.id} /${entry.name}/ added by ${actorOf(p)}`,
    reassess: 'all',
  });
  return { entry, rejudged };
}

export async function removeEntry(deps: RegistryDeps, p: Caller, id: number): Promise<Static<typeof ListWriteResult>> {
  assertAdmin(p);
  const w = writeBy(deps, p);
  const entry = await deps.store.transaction(async (tx) => {
    const entry = await tx.lists.get(id);
    if (!entry) throw new NotFoundError(`list entry ${id}`);
    await tx.lists.delete(id);
    await tx.audit.record({ at: w.at, actor: w.actor, action: 'list.delete', target: `${entry.list} list #${id}`, detail: { before: entry } });
    await tx.meta.bump('registry', `${entry.list} list entry #${id} removed`);
    return entry;
  });
  const rejudged = await deps.rejudge({
    trigger: 'list',
    detail: `${entry.list} list entry #${entry.id} /${entry.name}/ removed by ${actorOf(p)}`,
    reassess: 'all',
  });
  return { entry, rejudged };
}
