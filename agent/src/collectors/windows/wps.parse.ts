// Input: WPS installs found by the script, e.g.
//   { scope: 'machine', userSid: null, InstallRoot: 'C:\\Program Files (x86)\\Kingsoft\\WPS Office\\11.8.2.12085\\office6',
//     Version: '11.8.2.12085', Architecture: 'x86', oemIni: { VersionID: '0' },
//     serialPresent: true, serialEvidence: 'oem.ini [Auth] serial entry present' }
import type { OfficeSuite } from '@zhengban/shared';
import { clean, clip } from '../text.js';
import type { WindowsInventory } from './inventory.schema.js';

type WpsInstall = NonNullable<WindowsInventory['wps']>[number];

/**
 * oem.ini `[Product] VersionID` as the community decodes it (license-detection.md §6):
 * 0 Professional (serial keys on), 1 Personal/365 public, 2 Personal international,
 * 5 Linux personal/Huawei. Newer builds encrypt the value: then it is not a digit
 * and the edition stays unknown.
 */
const VERSION_IDS: Readonly<Record<string, string>> = { '0': 'professional', '1': 'personal', '2': 'personal', '5': 'personal' };

/** Edition from oem.ini: ProductDefinition, then WPSPlusVersion (WPS 365), then VersionID; undefined when unreadable. */
export function wpsEdition(ini: Readonly<Record<string, string>> | undefined): string | undefined {
  if (!ini) return undefined;
  const get = (name: string) => iniValue(ini, name);
  const definition = get('ProductDefinition');
  if (definition && /^[A-Za-z ]+$/.test(definition)) return definition.toLowerCase();
  const plus = get('WPSPlusVersion');
  if (plus && /^(1|true)$/i.test(plus)) return 'wps365';
  const id = get('VersionID');
  return id !== undefined ? VERSION_IDS[id] : undefined;
}

/** An oem.ini value by key, whether the script wrote `VersionID` or `Product.VersionID` (section-qualified). */
export function iniValue(ini: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  const want = name.toLowerCase();
  const hit = Object.entries(ini ?? {}).find(([k]) => k.toLowerCase() === want || k.toLowerCase().endsWith(`.${want}`));
  return hit?.[1]?.trim();
}

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
      reason: edition === 'professional'
        ? w.serialPresent ? 'professional edition with a serial installed; WPS does not expose whether the serial is valid' : 'professional edition without an installed serial'
        : edition ? `${edition} edition; WPS has no readable activation state` : 'edition unknown: oem.ini is missing or encrypted',
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
