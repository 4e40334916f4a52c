// Input: WPS installs found by the script, e.g.
//   { scope: 'machine', userSid: null, InstallRoot: 'C:\\Program Files (x86)\\Kingsoft\\WPS Office\\11.8.2.12085\\office6',
//     Version: '11.8.2.12085', Architecture: 'x86', oemIni: { VersionID: '0' },
//     serialPresent: true, serialEvidence: 'oem.ini [Auth] serial entry present' }
// and, when there is none, the Uninstall entries (software), e.g.
//   { hive: 'HKU', userSid: 'S-1-5-21-…-1001', keyName: 'Kingsoft Office', DisplayName: 'WPS Office (11.1.0.14309)',
//     DisplayVersion: '11.1.0.14309', Publisher: 'Kingsoft Corp.' }
import type { OfficeSuite } from '@zhengban/shared';
import { clean, clip } from '../text.js';
import { iniValue, wpsActivationReason, wpsEdition } from '../wps.js';
import type { UninstallEntry, WindowsInventory } from './inventory.schema.js';

type WpsInstall = NonNullable<WindowsInventory['wps']>[number];

// The edition decoding is shared with Linux (../wps.ts); re-exported for existing callers.
export { iniValue, wpsEdition };

/**
 * One office[] entry per WPS install. WPS has no activation state a program can read:
 * the agent reports whether a serial is installed and the edition, and leaves the
 * activation unknown with the reason (the collector judges the edition). When the
 * Kingsoft keys named no install, WPS Office's Uninstall entries stand in for them.
 */
export function wpsSuites(inv: WindowsInventory): OfficeSuite[] {
  const installs = inv.wps ?? [];
  if (installs.length) return installs.map((w) => wpsSuite(w));
  const failed = inv.errors.some((e) => e.source === 'wps' || e.source.startsWith('wps.'));
  return wpsFromUninstall(inv.software ?? [], failed ? 'the query of the Kingsoft registry keys that name its install folder failed' : 'the Kingsoft registry key that names its install folder was not');
}

/**
 * The suite's own Uninstall names: `WPS Office (11.1.0.14309)`, `WPS Office 2019`,
 * `WPS 2019`, `WPS 365`, the older `Kingsoft Office 2013`, and repacks that append
 * their words (`WPS Office 雨糖科技特别版 (…)`). Not Kingsoft's other programs that
 * share the prefix: `WPS PDF`, `WPS网盘`, add-ins, the single apps of the old suite
 * (research notes: uninstall-names.md §1.1, §4). The same words as the collector's
 * catalog rule `wps-office/uninstall`.
 */
const WPS_SUITE = /^(WPS Office|Kingsoft Office)(?![A-Za-z])|^WPS\s*(20\d\d|365)\b|^金山\s*WPS/i;
const NOT_SUITE = /PDF|网盘|云盘|云文档|插件|助手|输入法|Plug-?in|Add-?in|Helper|Writer\b|Spreadsheets\b|Presentation\b/i;
/** `WPS Office (12.1.0.16729)` → `12.1.0.16729`. */
const VERSION_IN_NAME = /\((\d+(?:\.\d+){1,3})\)/;

export const isWpsSuiteName = (name: string): boolean => WPS_SUITE.test(name.trim()) && !NOT_SUITE.test(name);

/**
 * A suite for each WPS Office Uninstall entry (one per hive and user: a 32-bit key and
 * a 64-bit key of the same install are one). Only the entry was read: the Kingsoft
 * key that names the install folder was not found, so neither oem.ini (the edition)
 * nor a serial was read, and the edition is `unknown`.
 */
function wpsFromUninstall(entries: readonly UninstallEntry[], kingsoftKeys: string): OfficeSuite[] {
  const seen = new Set<string>();
  const out: OfficeSuite[] = [];
  for (const e of entries) {
    const name = e.DisplayName?.trim();
    if (!name || !isWpsSuiteName(name) || e.ParentKeyName?.trim()) continue;
    const scope = e.hive.startsWith('HKU') ? 'user' : 'machine';
    const version = clean(e.DisplayVersion ?? undefined, 100) ?? VERSION_IN_NAME.exec(name)?.[1];
    const key = [scope, e.userSid ?? '', version ?? ''].join('\u0000').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const suite: OfficeSuite = {
      name: 'WPS Office',
      vendor: 'Kingsoft',
      edition: 'unknown',
      scope,
      source: 'registry:Uninstall',
      activation: {
        state: 'unknown',
        source: 'registry:Uninstall',
        reason: `edition unknown: only its Uninstall entry was found; ${kingsoftKeys}, so its oem.ini (edition and serial) was not read`,
        details: { DisplayName: clip(name, 500), Publisher: e.Publisher ? clip(e.Publisher, 500) : null, hive: e.hive },
      },
    };
    if (version) suite.version = version;
    if (e.hive.endsWith('WOW6432')) suite.arch = 'x86';
    if (scope === 'user' && e.userSid) suite.userSid = clip(e.userSid, 200);
    out.push(suite);
  }
  return out;
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
