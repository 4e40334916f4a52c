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
import { linuxActivation } from './os-activation.js';
import { linuxOs, type HostOsFacts } from './os-identity.js';
import type { OsRelease } from './os-release.js';

export type { HostOsFacts } from './os-identity.js';

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

/**
 * The snapshot's `os` from os-release alone (no version files, no licence service):
 * what a recording with nothing but os-release can say.
 */
export function osFromRelease(rel: OsRelease, host: HostOsFacts): OperatingSystem {
  return linuxOs(rel, host, linuxActivation(rel));
}
