import type { Antivirus } from '@zhengban/shared';
import { readIfPermitted, runIfInstalled, type Io } from '../io.js';
import { MACOS } from '../sources/macos.js';
import { xprotectFromPlist, type XProtectFile } from './antivirus.parse.js';
import { mdatpStatus, parseMdatpHealth } from '../mdatp.parse.js';

const XPROTECT_FILES: readonly (readonly [{ path: string }, XProtectFile])[] = [
  [MACOS.xprotect, 'bundle'],
  [MACOS.xprotectSystem, 'bundle'],
  [MACOS.xprotectLegacy, 'legacy-meta'],
];

/** XProtect from the newest place it lives on this macOS version; undefined before 10.6. */
export async function collectXProtect(io: Io): Promise<Antivirus | undefined> {
  for (const [source, kind] of XPROTECT_FILES) {
    const text = await readIfPermitted(io, source.path);
    if (text !== null) return xprotectFromPlist(text, source.path, kind);
  }
  return undefined;
}

/** Defender for Endpoint's own health report; undefined when mdatp is not installed. */
export async function collectMdatp(io: Io, now: Date): Promise<Antivirus | undefined> {
  const stdout = await runIfInstalled(io, MACOS.mdatpHealth, { timeoutMs: 30_000 });
  return stdout === undefined ? undefined : defenderFromHealth(stdout, now);
}

/** The antivirus entry for Defender from its health report (parsing shared with Linux). */
export function defenderFromHealth(text: string, now: Date): Antivirus {
  const s = mdatpStatus(parseMdatpHealth(text), now);
  const av: Antivirus = {
    name: 'Microsoft Defender for Endpoint',
    vendor: 'Microsoft',
    enabled: s.enabled ?? null,
    upToDate: s.upToDate ?? null,
    owner: 'microsoft',
    source: 'mdatp:health',
  };
  if (s.version) av.version = s.version;
  if (s.state) av.state = s.state;
  if (s.activation) av.activation = s.activation;
  return av;
}
