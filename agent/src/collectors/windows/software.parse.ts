// Input: Uninstall sub-keys, values unchanged, e.g.
//   { hive: 'HKLM-WOW6432', userSid: null, keyName: '{26A24AE4-…}', DisplayName: 'Java 8 Update 381',
//     DisplayVersion: '8.0.3810.9', Publisher: 'Oracle Corporation', InstallDate: '20230815',
//     EstimatedSize: 128000, SystemComponent: null, ParentKeyName: null, ReleaseType: null }
import type { SoftwareItem } from '@zhengban/shared';
import { clean, clip } from '../text.js';
import type { UninstallEntry } from './inventory.schema.js';

const SOURCES: Readonly<Record<UninstallEntry['hive'], string>> = {
  HKLM: 'registry:HKLM', 'HKLM-WOW6432': 'registry:HKLM-WOW6432', HKU: 'registry:HKU', 'HKU-WOW6432': 'registry:HKU',
};
const UPDATE_TYPES = /^(update|hotfix|security update|%hotfix%)$/i;

/**
 * Programs-and-Features rules (license-detection.md §5), except that hidden
 * SystemComponent=1 entries are kept and marked, since hidden software is still
 * installed: skip keys without DisplayName; skip updates (ParentKeyName set, or
 * ReleaseType Update/Hotfix/Security Update); WOW6432 keys are 32-bit programs;
 * one entry per name + version + arch + scope (+ user).
 */
export function softwareFromUninstall(entries: readonly UninstallEntry[], osArch?: string): SoftwareItem[] {
  const seen = new Set<string>();
  const out: SoftwareItem[] = [];
  for (const e of entries) {
    const name = clean(e.DisplayName ?? undefined, 500);
    if (!name) continue;
    if (clean(e.ParentKeyName ?? undefined, 500) || UPDATE_TYPES.test(e.ReleaseType?.trim() ?? '')) continue;
    const item: SoftwareItem = { name, source: SOURCES[e.hive] };
    const version = clean(e.DisplayVersion ?? undefined, 200);
    if (version) item.version = version;
    const publisher = clean(e.Publisher ?? undefined, 300);
    if (publisher) item.publisher = publisher;
    const arch = e.hive.endsWith('WOW6432') ? 'x86' : osArch;
    if (arch) item.arch = arch;
    const date = isoDate(e.InstallDate);
    if (date) item.installDate = date;
    // EstimatedSize is in KiB.
    if (typeof e.EstimatedSize === 'number' && e.EstimatedSize >= 0 && Number.isSafeInteger(e.EstimatedSize * 1024)) {
      item.sizeBytes = e.EstimatedSize * 1024;
    }
    item.scope = e.hive.startsWith('HKU') ? 'user' : 'machine';
    if (item.scope === 'user' && e.userSid) item.userSid = clip(e.userSid, 200);
    if (e.SystemComponent === 1) item.systemComponent = true;
    const key = [name, version, arch, item.scope, item.userSid].join('\u0000').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** `20230815` → `2023-08-15`; other shapes (locale dates some installers write) are dropped. */
export function isoDate(raw: string | null | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw?.trim() ?? '');
  if (!m) return undefined;
  const [, y, mo, d] = m;
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d) ? undefined : `${y}-${mo}-${d}`;
}
