// Input: Kylin's own version files.
// /etc/.kyinfo (desktop, from a real V10 SP1 EDU machine):
//   [dist]
//   name=Kylin-Desktop-EDU
//   milestone=V10
//   arch=loongarch64
//   dist_id=Kylin-Desktop-V10-SP1-2403-update1-EDU-Release-20240914-LoongArch64-2024-09-14 12:27:59
//   [servicekey]
//   key=0389218
//   [os]
//   to=
//   term=2025-12-18
// Server releases have no section headers: `name=Kylin-Server`, `milestone=10-SP1-Release-Build04-20200711`.
// /etc/kylin-version/kylin-system-version.conf:
//   [SYSTEM]
//   os_version = 2403
//   update_version = 2403
// /etc/kylin-build has no published sample; UKUI's about page read a line `Build <id>`.
import { anySectionValue, parseIni, sectionValue } from '../ini.parse.js';

export interface Kyinfo {
  /** `[dist] name`: Kylin-Desktop, Kylin-Desktop-EDU, Kylin-Server … */
  name?: string;
  milestone?: string;
  arch?: string;
  /** The install image's id, e.g. Kylin-Desktop-V10-SP1-2403-…-Release-20240914-LoongArch64-… */
  distId?: string;
  /** `[servicekey] key`: the service serial number. Never reported whole. */
  serviceKey?: string;
  /** `[os] term`: the end of the service term as Kylin wrote it at install or activation. */
  term?: string;
}

export function parseKyinfo(text: string): Kyinfo {
  const ini = parseIni(text);
  const out: Kyinfo = {};
  set(out, 'name', sectionValue(ini, 'dist', 'name') ?? anySectionValue(ini, 'name'));
  set(out, 'milestone', sectionValue(ini, 'dist', 'milestone') ?? anySectionValue(ini, 'milestone'));
  set(out, 'arch', sectionValue(ini, 'dist', 'arch') ?? anySectionValue(ini, 'arch'));
  set(out, 'distId', sectionValue(ini, 'dist', 'dist_id') ?? anySectionValue(ini, 'dist_id'));
  set(out, 'serviceKey', sectionValue(ini, 'servicekey', 'key') ?? anySectionValue(ini, 'key'));
  set(out, 'term', sectionValue(ini, 'os', 'term') ?? anySectionValue(ini, 'term'));
  return out;
}

export interface KylinSystemVersion {
  /** The release the system was installed from (2403 …). */
  osVersion?: string;
  /** The release it has been updated to. */
  updateVersion?: string;
}

export function parseKylinSystemVersion(text: string): KylinSystemVersion {
  const ini = parseIni(text);
  const out: KylinSystemVersion = {};
  set(out, 'osVersion', sectionValue(ini, 'SYSTEM', 'os_version') ?? anySectionValue(ini, 'os_version'));
  set(out, 'updateVersion', sectionValue(ini, 'SYSTEM', 'update_version') ?? anySectionValue(ini, 'update_version'));
  return out;
}

/** The `Build <id>` line of /etc/kylin-build, or a `buildid: <id>` line; undefined when neither is there. */
export function parseKylinBuild(text: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:build\s+|buildid\s*[:=]\s*)(\S.*?)\s*$/i.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** Kylin's edition words from the image name: `Kylin-Desktop-EDU` → `Desktop EDU`, `Kylin-Server` → `Server`. */
export function kyinfoEdition(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const words = name.replace(/^Kylin[-_ ]?/i, '').split(/[-_ ]+/).filter(Boolean);
  return words.length ? words.join(' ') : undefined;
}

function set<T extends object, K extends keyof T>(o: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined && value !== '') o[key] = value;
}
