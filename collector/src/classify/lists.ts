import type { SoftwareItem } from '@zhengban/shared';
import type { ListEntry } from '../schema/lists.js';

/** A list entry with its patterns compiled and the depth of its scope (0: everywhere). */
interface CompiledEntry {
  entry: ListEntry;
  name: RegExp;
  publisher: RegExp | undefined;
}

/**
 * The deny and allow lists, ready to match. An entry applies to a machine when its
 * unit is on the machine's ancestry (or it has none). When both lists match, the entry
 * closer to the machine wins, and deny wins a tie: a province may deny a tool that one
 * bureau is allowed to keep, but an allow at the top cannot undo a unit's own deny.
 */
export interface CompiledLists {
  entries: readonly ListEntry[];
  /** The deny entry that decides this item on this machine, if it is denied. */
  denied(item: Pick<SoftwareItem, 'name' | 'publisher'>, unitAncestry: readonly number[]): ListEntry | undefined;
  /** Whether an entry of either list accounts for the item (so it needs no review). */
  listed(item: Pick<SoftwareItem, 'name' | 'publisher'>, unitAncestry: readonly number[]): boolean;
}

const ITEM_CACHE_LIMIT = 100_000;

export function compileLists(entries: readonly ListEntry[]): CompiledLists {
  const compiled: CompiledEntry[] = entries.map((entry) => ({
    entry,
    name: new RegExp(entry.name, 'iu'),
    publisher: entry.publisher ? new RegExp(entry.publisher, 'iu') : undefined,
  }));

  // The entries whose patterns match an item, whatever their scope: the same programs
  // recur on every machine, and a long list is matched once before its ingest transaction.
  const byItem = new Map<string, CompiledEntry[]>();
  const patternsMatching = (item: Pick<SoftwareItem, 'name' | 'publisher'>): CompiledEntry[] => {
    if (compiled.length === 0) return compiled;
    const key = `${item.name}\u0000${item.publisher ?? ''}`;
    let hits = byItem.get(key);
    if (!hits) {
      hits = compiled.filter((c) => c.name.test(item.name) && (!c.publisher || c.publisher.test(item.publisher ?? '')));
      if (byItem.size >= ITEM_CACHE_LIMIT) byItem.clear();
      byItem.set(key, hits);
    }
    return hits;
  };

  /** Matching entries with their distance from the machine (0: its own unit; ancestry length: global). */
  const matches = (item: Pick<SoftwareItem, 'name' | 'publisher'>, ancestry: readonly number[]) =>
    patternsMatching(item).flatMap((c) => {
      const distance = c.entry.unitId === null ? ancestry.length : ancestry.indexOf(c.entry.unitId);
      return distance < 0 ? [] : [{ entry: c.entry, distance }];
    });

  return {
    entries,
    denied(item, ancestry) {
      const hits = matches(item, ancestry).sort((a, b) => a.distance - b.distance || (a.entry.list === 'deny' ? -1 : 1));
      const first = hits[0];
      return first?.entry.list === 'deny' ? first.entry : undefined;
    },
    listed: (item, ancestry) => matches(item, ancestry).length > 0,
  };
}

export const NO_LISTS: CompiledLists = compileLists([]);
