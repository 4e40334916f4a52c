import type { SoftwareItem } from '@zhengban/shared';
import type { InstalledBetween } from '../classify/context.js';
import type { NewSoftwareChange } from '../store/software-change-repo.js';

/** A program of a machine's stored list, with when it was installed if that was after the machine's first snapshot. */
export interface ListedSoftware {
  item: SoftwareItem;
  installed: InstalledBetween | null;
}

/** One program's identity across snapshots: the same name and publisher, for the same profile. */
const keyOf = (s: SoftwareItem, lowerName: string) => `${lowerName}\u0000${(s.publisher ?? '').toLowerCase()}\u0000${s.scope ?? ''}\u0000${s.userSid ?? ''}\u0000${s.arch ?? ''}`;

export interface SoftwareDiff {
  changes: NewSoftwareChange[];
  list: ListedSoftware[];
}

/**
 * What was installed, removed or changed version between two software lists (the
 * snapshots they are between go with them, once, in the change set), and the new
 * list with each program's install: kept from the old list for a program still there
 * (by its identity, or else by its name: a publisher written anew is not a new install),
 * this snapshot for one that appeared. `at` is null for a machine's first snapshot, whose
 * programs were there before zhengban looked: no change and no install is recorded.
 */
export function diffSoftware(before: readonly ListedSoftware[], after: readonly SoftwareItem[], at: InstalledBetween | null): SoftwareDiff {
  const diff = softwareDiff(before, at);
  diff.add(after);
  return diff.finish();
}

/**
 * The same comparison fed the new list a part at a time, so a caller can give the event
 * loop its turn between parts of a 20,000-program list.
 */
export function softwareDiff(before: readonly ListedSoftware[], at: InstalledBetween | null): { add(after: readonly SoftwareItem[]): void; finish(): SoftwareDiff } {
  const changes: NewSoftwareChange[] = [];
  const list: ListedSoftware[] = [];
  if (!at) {
    return {
      add: (after) => void list.push(...after.map((item) => ({ item, installed: null }))),
      finish: () => ({ changes, list }),
    };
  }
  const old = new Map<string, ListedSoftware>();
  const oldByName = new Map<string, InstalledBetween | null>();
  for (const s of before) {
    const name = s.item.name.toLowerCase();
    old.set(keyOf(s.item, name), s);
    oldByName.set(name, s.installed);
  }
  // Written out field by field: this runs for every program of a 20,000-program list.
  const change = (s: SoftwareItem, kind: NewSoftwareChange['change'], versionBefore: string | null, versionAfter: string | null): NewSoftwareChange => ({
    change: kind,
    name: s.name,
    publisher: s.publisher ?? null,
    versionBefore,
    versionAfter,
  });
  return {
    add(after) {
      for (const item of after) {
        const name = item.name.toLowerCase();
        const key = keyOf(item, name);
        const was = old.get(key);
        if (!was) {
          changes.push(change(item, 'installed', null, item.version ?? null));
          const sameName = oldByName.get(name);
          list.push({ item, installed: sameName === undefined ? at : sameName });
          continue;
        }
        if ((was.item.version ?? null) !== (item.version ?? null)) changes.push(change(item, 'changed', was.item.version ?? null, item.version ?? null));
        list.push({ item, installed: was.installed });
        old.delete(key);
      }
    },
    finish() {
      for (const s of old.values()) changes.push(change(s.item, 'removed', s.item.version ?? null, null));
      old.clear();
      return { changes, list };
    },
  };
}

/** Lower-cased name → its install, for the programs of the list installed after the first snapshot. */
export function installedByName(list: readonly ListedSoftware[]): Map<string, InstalledBetween> {
  const out = new Map<string, InstalledBetween>();
  for (const s of list) if (s.installed) out.set(s.item.name.toLowerCase(), s.installed);
  return out;
}
