import type { SoftwareItem } from '@zhengban/shared';
import type { InstalledBetween } from '../classify/context.js';

/**
 * Rows of `machine_software` as both stores read them, and what they become: the
 * stores' SQL differs, the rows it answers do not.
 */

export interface SoftwareRow {
  name: string;
  version: string | null;
  publisher: string | null;
  arch: string | null;
  install_date: string | null;
  size_bytes: number | null;
  source: string;
  scope: string | null;
  user_sid: string | null;
  system_component: number | null;
  installed_snapshot_id: string | null;
  installed_previous_snapshot_id: string | null;
  installed_at: string | null;
}

export type InstalledRow = Pick<SoftwareRow, 'name' | 'installed_snapshot_id' | 'installed_previous_snapshot_id' | 'installed_at'>;

export function toItem(r: SoftwareRow): SoftwareItem {
  const item: SoftwareItem = { name: r.name, source: r.source };
  if (r.version !== null) item.version = r.version;
  if (r.publisher !== null) item.publisher = r.publisher;
  if (r.arch !== null) item.arch = r.arch;
  if (r.install_date !== null) item.installDate = r.install_date;
  if (r.size_bytes !== null) item.sizeBytes = r.size_bytes;
  if (r.scope === 'machine' || r.scope === 'user') item.scope = r.scope;
  if (r.user_sid !== null) item.userSid = r.user_sid;
  if (r.system_component !== null) item.systemComponent = r.system_component === 1;
  return item;
}

/**
 * A program as a comparison of lists reads it: only the columns that tell programs
 * apart. Positional, since SQLite reads these pages as arrays.
 */
export function comparedItem(name: string, version: string | null, publisher: string | null, arch: string | null, scope: string | null, userSid: string | null): SoftwareItem {
  const item: SoftwareItem = { name, source: '' };
  if (version !== null) item.version = version;
  if (publisher !== null) item.publisher = publisher;
  if (arch !== null) item.arch = arch;
  if (scope === 'machine' || scope === 'user') item.scope = scope;
  if (userSid !== null) item.userSid = userSid;
  return item;
}

/** When a program came, between which snapshots; null for one on the machine's first list. */
export function installedBetween(snapshotId: string | null, previousSnapshotId: string | null, at: string | null): InstalledBetween | null {
  return snapshotId !== null && previousSnapshotId !== null && at !== null ? { snapshotId, previousSnapshotId, at } : null;
}

export function installedOf(r: Omit<InstalledRow, 'name'>): InstalledBetween | null {
  return installedBetween(r.installed_snapshot_id, r.installed_previous_snapshot_id, r.installed_at);
}

/** Lower-cased name → when it was installed, of a list's rows in list order (a later program of the same name wins). */
export function installedSinceOf(list: readonly InstalledRow[]): Map<string, InstalledBetween> {
  const out = new Map<string, InstalledBetween>();
  for (const r of list) if (r.installed_at !== null) out.set(r.name.toLowerCase(), installedOf(r)!);
  return out;
}
