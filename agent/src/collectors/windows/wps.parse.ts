// Input: WPS installs found by the script, e.g.
//   { scope: 'machine', userSid: null, InstallRoot: 'C:\\Program Files (x86)\\Kingsoft\\WPS Office\\11.8.2.12085\\office6',
//     Version: '11.8.2.12085', Architecture: 'x86', oemIni: { VersionID: '0' },
//     serialPresent: true, serialEvidence: 'oem.ini [Auth] serial entry present' }
import type { OfficeSuite } from '@zhengban/shared';
import { clean, clip } from '../text.js';
import { iniValue, wpsActivationReason, wpsEdition } from '../wps.js';
import type { WindowsInventory } from './inventory.schema.js';

type WpsInstall = NonNullable<WindowsInventory['wps']>[number];

// The edition decoding is shared with Linux (../wps.ts); re-exported for existing callers.
export { iniValue, wpsEdition };

/**
 * One office[] entry per WPS install. WPS has no activation state a program can read:
 * the agent reports whether a serial is installed and the edition, and leaves the
 * activation unknown with the reason (the collector judges the edition).
 */
export function wpsSuites(inv: WindowsInventory): OfficeSuite[] {
  return (inv.wps ?? []).map((w) => wpsSuite(w));
}

function wpsSuite(w: WpsInstall): OfficeSuite {
  const edition = wpsEdition(w.oemIni);
  const suite: OfficeSuite = {
    name: 'WPS Office',
    vendor: 'Kingsoft',
    scope: w.scope,
    source: w.scope === 'machine' ? 'registry:HKLM\\Kingsoft\\Office' : 'registry:HKU\\Kingsoft\\Office',
    activation: {
      state: 'unknown',
      source: 'wps:oem.ini',
      reason: wpsActivationReason(edition, w.serialPresent ?? undefined),
      details: {
        VersionID: iniValue(w.oemIni, 'VersionID') ?? null,
        ProductDefinition: iniValue(w.oemIni, 'ProductDefinition') ?? null,
        WPSPlusVersion: iniValue(w.oemIni, 'WPSPlusVersion') ?? null,
        serialEvidence: w.serialEvidence ? clip(w.serialEvidence, 500) : null,
      },
    },
  };
  const version = clean(w.Version ?? undefined, 100);
  if (version) suite.version = version;
  suite.edition = edition ?? 'unknown';
  const arch = clean(w.Architecture ?? undefined, 20);
  if (arch) suite.arch = arch;
  if (w.userSid) suite.userSid = clip(w.userSid, 200);
  if (typeof w.serialPresent === 'boolean') suite.serialInstalled = w.serialPresent;
  return suite;
}
