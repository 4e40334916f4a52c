import type { ListEntry, ListEntryInput } from '../schema/lists.js';
import type { StoreContext } from './context.js';
import { ListRepo } from './list-repo.js';
import type { ListStore, Result, Write } from './registry-types.js';

/**
 * The deny and allow lists. Each write is one transaction: the change, its audit
 * entry and the registry revision bump (which marks the re-judge owed).
 */
export function createListStore(ctx: StoreContext): ListStore {
  const repo = new ListRepo(ctx.db);

  const create = ctx.tx((input: ListEntryInput, w: Write): Result<ListEntry> => {
    const unitId = input.unitId ?? null;
    if (unitId !== null && !repo.unitExists(unitId)) return { refused: 'not-found', what: `unit ${unitId}` };
    const same = repo.findSame(input);
    if (same !== undefined) {
      return { refused: 'conflict', message: `the ${input.list} list already has this entry (#${same})` };
    }
    const entry = repo.get(repo.insert(input, w.at, w.actor))!;
    ctx.audit.record({ at: w.at, actor: w.actor, action: 'list.create', target: `${entry.list} list #${entry.id}`, detail: { after: entry } });
    ctx.meta.bump('registry', `${entry.list} list entry #${entry.id} created`);
    return entry;
  });

  const remove = ctx.tx((id: number, w: Write): Result<ListEntry> => {
    const entry = repo.get(id);
    if (!entry) return { refused: 'not-found', what: `list entry ${id}` };
    repo.delete(id);
    ctx.audit.record({ at: w.at, actor: w.actor, action: 'list.delete', target: `${entry.list} list #${id}`, detail: { before: entry } });
    ctx.meta.bump('registry', `${entry.list} list entry #${id} removed`);
    return entry;
  });

  return {
    list: async (f) => repo.list(f.list, f.unitIds),
    get: async (id) => repo.get(id),
    create: async (input, w) => create(input, w),
    delete: async (id, w) => remove(id, w),
  };
}
