import type { SoftwareItem } from '@zhengban/shared';
import type { NewSoftwareChange } from '../store/software-change-repo.js';

/** One program's identity across snapshots: the same name and publisher, for the same profile. */
const keyOf = (s: SoftwareItem) => [s.name.toLowerCase(), (s.publisher ?? '').toLowerCase(), s.scope ?? '', s.userSid ?? '', s.arch ?? ''].join('\u0000');

/** What was installed, removed or changed version between two software lists. */
export function diffSoftware(
  before: readonly SoftwareItem[],
  after: readonly SoftwareItem[],
  at: { snapshotId: string; previousSnapshotId: string; at: string },
): NewSoftwareChange[] {
  const old = new Map(before.map((s) => [keyOf(s), s]));
  const changes: NewSoftwareChange[] = [];
  const base = (s: SoftwareItem) => ({ ...at, name: s.name, publisher: s.publisher ?? null });
  for (const s of after) {
    const key = keyOf(s);
    const was = old.get(key);
    if (!was) changes.push({ ...base(s), change: 'installed', versionBefore: null, versionAfter: s.version ?? null });
    else if ((was.version ?? null) !== (s.version ?? null)) changes.push({ ...base(s), change: 'changed', versionBefore: was.version ?? null, versionAfter: s.version ?? null });
    old.delete(key);
  }
  for (const s of old.values()) changes.push({ ...base(s), change: 'removed', versionBefore: s.version ?? null, versionAfter: null });
  return changes;
}
