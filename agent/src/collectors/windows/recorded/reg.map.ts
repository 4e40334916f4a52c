// Input: keys of a parsed `reg export`, e.g.
//   [HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Office\14.0\Registration\{90140000-003D-0000-0000-0000000FF1CE}]
//   "ProductID"="82503-242-8447354-11013"
//   "OEM"="1"
// Each key whose path the inventory script also reads is copied into the same
// WindowsInventory section the script fills; other keys are ignored.
import type { Static } from 'typebox';
import type { RegistryValue, UninstallEntry, WindowsInventory, WpsInstall } from '../inventory.schema.js';
import type { RegData, RegKey } from './reg.parse.js';

interface Where {
  hive: 'HKLM' | 'HKU' | 'HKCU';
  sid: string | null;
  wow: boolean;
  /** Path below the hive (and SID), lower-case, without `Wow6432Node\`. */
  rel: string;
}

function where(path: string): Where | null {
  const parts = path.split('\\');
  const root = (parts.shift() ?? '').toUpperCase();
  const hive = root === 'HKEY_LOCAL_MACHINE' || root === 'HKLM' ? 'HKLM'
    : root === 'HKEY_USERS' || root === 'HKU' ? 'HKU'
      : root === 'HKEY_CURRENT_USER' || root === 'HKCU' ? 'HKCU' : null;
  if (!hive) return null;
  const sid = hive === 'HKU' ? (parts.shift() ?? null) : null;
  let rel = parts.join('\\').toLowerCase();
  const wow = /^software\\wow6432node\\/.test(rel);
  if (wow) rel = rel.replace(/^software\\wow6432node\\/, 'software\\');
  return { hive, sid, wow, rel };
}

const get = (k: RegKey, name: string): RegData | undefined =>
  k.values.find((v) => v.name.toLowerCase() === name.toLowerCase())?.data;
const str = (d: RegData | undefined): string | null =>
  d === undefined || d === null ? null : Array.isArray(d) ? d.join('\n') : String(d);
const num = (d: RegData | undefined): number | null =>
  typeof d === 'number' ? d : typeof d === 'string' && /^\d+$/.test(d) ? Number(d) : null;
/** Copies the named values of a key as strings, unchanged in name, null when absent. */
function strings<const N extends string>(k: RegKey, names: readonly N[]): Record<N, string | null> {
  const out = {} as Record<N, string | null>;
  for (const name of names) out[name] = str(get(k, name));
  return out;
}

const asValues = (k: RegKey, keep: (name: string) => boolean): RegistryValue[] =>
  k.values.filter((v) => keep(v.name)).map((v) => ({ key: k.path, name: v.name, value: v.data }));

const UNINSTALL = /^software\\microsoft\\windows\\currentversion\\uninstall\\([^\\]+)$/;
const REGISTRATION = /^software\\microsoft\\office\\(\d+\.\d)\\registration\\(\{[^\\]+\})$/;
const INSTALL_ROOT = /^software\\microsoft\\office\\\d+\.\d\\(?:[^\\]+\\)?installroot$/;
const SPP = /^software\\microsoft\\(?:windows nt\\currentversion\\softwareprotectionplatform|officesoftwareprotectionplatform)(\\|$)/;
const IFEO = /^software\\microsoft\\windows nt\\currentversion\\image file execution options\\(sppextcomobj|sppsvc|osppsvc)\.exe$/;
const RESILIENCY = /^software\\microsoft\\office\\\d+\.0\\common\\licensing\\resiliency$/;
const OS_KEYS = ['EditionID', 'DisplayVersion', 'ReleaseId', 'ProductName'] as const;

/** Copies what the keys say into `inv`; returns how many keys were used. */
export function addRegKeys(inv: WindowsInventory, keys: readonly RegKey[]): number {
  let used = 0;
  for (const k of keys) {
    const w = where(k.path);
    if (!w || k.deleted) continue;
    if (mapKey(inv, k, w)) used++;
  }
  return used;
}

function mapKey(inv: WindowsInventory, k: RegKey, w: Where): boolean {
  const u = UNINSTALL.exec(w.rel);
  if (u) {
    (inv.software ??= []).push(uninstallEntry(k, w));
    return true;
  }
  const r = REGISTRATION.exec(w.rel);
  if (r) {
    const office = (inv.office ??= {});
    (office.registrations ??= []).push({
      key: k.path,
      ...strings(k, ['ProductName', 'ProductID', 'ProductCode', 'OEM', 'TrialType', 'LicenseType']),
      DigitalProductIDPresent: get(k, 'DigitalProductID') != null,
    });
    return true;
  }
  if (w.rel === 'software\\microsoft\\office\\clicktorun\\configuration' || w.rel === 'software\\microsoft\\office\\clicktorun') {
    const c2r = ((inv.office ??= {}).clickToRun ??= {});
    for (const name of ['InstallPath', 'ProductReleaseIds', 'Platform', 'VersionToReport', 'ClientVersionToReport', 'CDNBaseUrl', 'UpdateChannel', 'SharedComputerLicensing'] as const) {
      const v = str(get(k, name));
      if (v !== null) c2r[name] = v;
    }
    return true;
  }
  if (INSTALL_ROOT.test(w.rel)) {
    const path = str(get(k, 'Path'));
    if (path) ((inv.office ??= {}).installRoots ??= []).push(path);
    return path !== null;
  }
  if (w.rel === 'software\\kingsoft\\office\\6.0\\common') {
    (inv.wps ??= []).push(wpsInstall(k, w));
    return true;
  }
  if (SPP.test(w.rel)) {
    const found = asValues(k, (n) => /^(KeyManagementService|DiscoveredKeyManagementService)/i.test(n));
    ((inv.licensing ??= {}).kmsRegistry ??= []).push(...found);
    return found.length > 0;
  }
  if (IFEO.test(w.rel)) {
    ((inv.traces ??= {}).ifeo ??= []).push(...asValues(k, () => true));
    return true;
  }
  if (RESILIENCY.test(w.rel)) {
    ((inv.traces ??= {}).registry ??= []).push(...asValues(k, () => true));
    return true;
  }
  if (w.rel === 'software\\microsoft\\windows nt\\currentversion' && !w.wow) {
    inv.os = { ...inv.os, ...strings(k, OS_KEYS), UBR: num(get(k, 'UBR')) };
    return true;
  }
  if (w.rel === 'software\\microsoft\\cryptography' && !w.wow) {
    (inv.computer ??= {}).MachineGuid = str(get(k, 'MachineGuid'));
    return true;
  }
  return false;
}

function uninstallEntry(k: RegKey, w: Where): UninstallEntry {
  const hive = w.hive === 'HKLM' ? (w.wow ? 'HKLM-WOW6432' : 'HKLM') : w.wow ? 'HKU-WOW6432' : 'HKU';
  return {
    hive,
    userSid: w.sid,
    keyName: k.path.slice(k.path.lastIndexOf('\\') + 1),
    ...strings(k, ['DisplayName', 'DisplayVersion', 'Publisher', 'InstallDate', 'InstallLocation', 'ParentKeyName', 'ReleaseType']),
    EstimatedSize: num(get(k, 'EstimatedSize')),
    SystemComponent: num(get(k, 'SystemComponent')),
    WindowsInstaller: num(get(k, 'WindowsInstaller')),
  };
}

function wpsInstall(k: RegKey, w: Where): Static<typeof WpsInstall> {
  return {
    scope: w.hive === 'HKLM' ? 'machine' : 'user',
    userSid: w.sid,
    InstallRoot: str(get(k, 'InstallRoot')),
    Version: str(get(k, 'Version')),
    Architecture: str(get(k, 'Architecture')),
    serialPresent: null,
    serialEvidence: null,
  };
}
