/**
 * WPS Office edition decoding, the same on Windows and Linux: both read the suite's
 * `office6/cfgs/oem.ini` (license-detection.md §6). No official Kingsoft source for
 * these keys exists; the meanings are the community's (RainCandyTech/WPSOfficeConf).
 */

/**
 * oem.ini `[Product] VersionID` as the community decodes it: 0 Professional (serial
 * keys on), 1 Personal/365 public, 2 Personal international, 5 Linux personal/Huawei.
 * Newer builds encrypt the value: then it is not a digit and the edition stays unknown.
 */
export const VERSION_IDS: Readonly<Record<string, string>> = { '0': 'professional', '1': 'personal', '2': 'personal', '5': 'personal' };

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

/** An oem.ini value by key, whether written `VersionID` or `Product.VersionID` (section-qualified). */
export function iniValue(ini: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  const want = name.toLowerCase();
  const hit = Object.entries(ini ?? {}).find(([k]) => k.toLowerCase() === want || k.toLowerCase().endsWith(`.${want}`));
  return hit?.[1]?.trim();
}

/**
 * Whether an oem.ini key (section-less) is encrypted. WPS 11.8.2.12287 / 12.1.0.17133
 * and later write keys as URL-safe base64, `wGffMTv1ncQm_Orb3mVwcA..` or
 * `5HsDS8UAjZnKSU9I2xbCubqA10`; readable keys are CamelCase words (`IntranetVersion7`).
 */
export function isEncryptedKey(key: string): boolean {
  if (key.length < 16 || !/^[A-Za-z0-9_-]+\.*$/.test(key)) return false;
  return key.endsWith('.') || /[_-]/.test(key) || (key.match(/\d/g)?.length ?? 0) >= 3;
}

/**
 * Why a WPS install's activation is `unknown`: WPS has no activation state a program
 * can read, so the reason names what was read instead. `unknownWhy` replaces the
 * generic wording when the caller knows why the edition could not be read.
 */
export function wpsActivationReason(edition: string | undefined, serialInstalled: boolean | undefined, unknownWhy?: string): string {
  if (edition === 'professional') {
    return serialInstalled
      ? 'professional edition with a serial installed; WPS does not expose whether the serial is valid'
      : 'professional edition without an installed serial';
  }
  if (edition) return `${edition} edition; WPS has no readable activation state`;
  return `edition unknown: ${unknownWhy ?? 'oem.ini is missing or encrypted'}`;
}
