// Input: /etc/os-release (or /usr/lib/os-release), os-release(5) shell-like assignments:
//   PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
//   NAME="Debian GNU/Linux"
//   VERSION_ID="12"
//   VERSION_CODENAME=bookworm
//   ID=debian
// Kylin adds its own keys and non-ASCII values:
//   VERSION="银河麒麟桌面操作系统（教育版）V10"
//   KYLIN_RELEASE_ID="2403"
import type { OperatingSystem } from '@zhengban/shared';
import { clean, clip } from '../text.js';
import { linuxActivation } from './os-activation.js';

export type OsRelease = Readonly<Record<string, string>>;

/** Parses os-release text into its key/value pairs; lines that are not assignments are ignored. */
export function parseOsRelease(text: string): OsRelease {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue; // a truncated or garbled line: skip, keep the rest
    out[m[1]!] = unquote(m[2]!);
  }
  return out;
}

/** Shell-style value: "double" (with \" \\ \$ \` escapes), 'single', or bare. */
function unquote(v: string): string {
  const q = v[0];
  if ((q === '"' || q === "'") && v.length >= 2 && v.endsWith(q)) {
    const body = v.slice(1, -1);
    return q === '"' ? body.replace(/\\(["\\$`])/g, '$1') : body;
  }
  // An opening quote with no closing one (cut-off line): keep what is there.
  if (q === '"' || q === "'") return v.slice(1);
  return v;
}

export interface HostOsFacts {
  /** Kernel release, e.g. `6.1.0-18-amd64` (os.release()). */
  kernel: string;
  /** Machine architecture as the kernel names it: x86_64, aarch64, loongarch64 … */
  arch: string;
}

/** The snapshot's `os` for a Linux machine, from its os-release and the kernel's facts. */
export function osFromRelease(rel: OsRelease, host: HostOsFacts): OperatingSystem {
  const id = (rel.ID ?? '').trim() || 'linux'; // os-release(5): ID defaults to "linux"
  const idLike = (rel.ID_LIKE ?? '').split(/\s+/).filter(Boolean).slice(0, 16);
  const name =
    clean(rel.PRETTY_NAME, 200) ??
    clean([rel.NAME, rel.VERSION].filter(Boolean).join(' '), 200) ??
    'Linux';
  const os: OperatingSystem = {
    family: 'linux',
    name,
    id: clip(id, 100),
    arch: clip(host.arch || 'unknown', 50),
    activation: linuxActivation(rel),
  };
  if (idLike.length) os.idLike = idLike.map((s) => clip(s, 100));
  setIf(os, 'version', clean(rel.VERSION_ID, 100));
  // Kylin has no BUILD_ID; its update level lives in KYLIN_RELEASE_ID.
  setIf(os, 'build', clean(rel.BUILD_ID ?? rel.KYLIN_RELEASE_ID, 100));
  // VARIANT is the standard key; Kylin states its edition (EDU, Professional …) in VERSION_US.
  setIf(os, 'edition', clean(rel.VARIANT ?? rel.VERSION_US, 200));
  setIf(os, 'codename', clean(rel.VERSION_CODENAME, 100));
  setIf(os, 'kernel', clean(host.kernel, 200));
  return os;
}

function setIf<K extends keyof OperatingSystem>(o: OperatingSystem, key: K, value: OperatingSystem[K] | undefined): void {
  if (value !== undefined) o[key] = value;
}
