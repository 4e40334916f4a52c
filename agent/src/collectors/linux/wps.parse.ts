// Input: one installed WPS package and what its install tree holds, e.g.
//   package  wps-office  arm64  11.1.0.11719   (dpkg; the package version is the suite's)
//   oem.ini  [Product]
//            VersionID=5                      (or encrypted: wGffMTv1ncQm_Orb3mVwcA..=-oqsL74hpiah3RGyR6hniw..)
//            [Auth]
//            SubPlatform=2
//   serial   /opt/kingsoft/.auth/license2.dat is non-empty (the serial itself is never read into the snapshot)
import type { OfficeSuite, SoftwareItem } from '@zhengban/shared';
import { flattenIni, parseIni } from '../ini.parse.js';
import { clean, clip } from '../text.js';
import { iniValue, isEncryptedKey, wpsActivationReason, wpsEdition } from '../wps.js';
import { packageSource } from './products.js';

/** What the collector could make of oem.ini: its text, or why there is none. */
export type OemIniRead = { kind: 'read'; text: string } | { kind: 'missing' } | { kind: 'unreadable'; message: string };

export interface WpsLinuxInstall {
  pkg: SoftwareItem;
  oemIniPath: string;
  oemIni: OemIniRead;
  /** license2.dat non-empty (true), empty or absent (false), or could not be read (undefined). */
  serialInstalled: boolean | undefined;
  /** The license2.dat that holds the serial, when one does. */
  serialPath?: string;
  /** The edition the package id itself stands for, used when oem.ini does not tell (UOS store pro build). */
  editionByPackage?: string;
}

/**
 * One office[] entry for a WPS install. Like on Windows, WPS has no activation state a
 * program can read, so the state is `unknown` and the reason says what was read: the
 * edition (the collector judges personal editions) and whether a serial is installed.
 */
export function wpsLinuxSuite(install: WpsLinuxInstall): OfficeSuite {
  const { pkg } = install;
  const ini = install.oemIni.kind === 'read' ? flattenIni(parseIni(install.oemIni.text)) : undefined;
  const fromIni = wpsEdition(ini);
  const edition = fromIni ?? install.editionByPackage;
  const iniState = oemIniState(install.oemIni, ini);
  const why = unknownWhy(install.oemIniPath, install.oemIni, iniState);

  let reason = install.serialInstalled === undefined && edition === 'professional'
    ? 'professional edition; license2.dat could not be read, so whether a serial is installed is not known'
    : wpsActivationReason(edition, install.serialInstalled, why);
  if (!fromIni && edition) reason += `; edition taken from the package name ${pkg.name} because ${why}`;

  const suite: OfficeSuite = {
    name: 'WPS Office',
    vendor: 'Kingsoft',
    scope: 'machine',
    source: packageSource(pkg),
    edition: edition ?? 'unknown',
    activation: {
      state: 'unknown',
      source: fromIni || !edition ? 'wps:oem.ini' : packageSource(pkg),
      reason: clip(reason, 500),
      details: {
        oemIni: iniState,
        VersionID: detail(ini, 'VersionID'),
        ProductDefinition: detail(ini, 'ProductDefinition'),
        WPSPlusVersion: detail(ini, 'WPSPlusVersion'),
        SubPlatform: detail(ini, 'SubPlatform'),
        serialFile: install.serialPath ? clip(install.serialPath, 300) : null,
      },
    },
  };
  const version = clean(pkg.version, 100);
  if (version) suite.version = version;
  const arch = clean(pkg.arch, 20);
  if (arch) suite.arch = arch;
  if (typeof install.serialInstalled === 'boolean') suite.serialInstalled = install.serialInstalled;
  return suite;
}

type IniState = 'read' | 'encrypted' | 'no-edition' | 'missing' | 'unreadable';

function oemIniState(read: OemIniRead, ini: Record<string, string> | undefined): IniState {
  if (read.kind !== 'read') return read.kind;
  if (wpsEdition(ini)) return 'read';
  const bareKeys = Object.keys(ini ?? {}).map((k) => k.slice(k.indexOf('.') + 1));
  return bareKeys.some(isEncryptedKey) ? 'encrypted' : 'no-edition';
}

function unknownWhy(path: string, read: OemIniRead, state: IniState): string {
  switch (state) {
    case 'missing':
      return `${path} is missing`;
    case 'unreadable':
      return `${path} could not be read (${read.kind === 'unreadable' ? read.message : 'error'})`;
    case 'encrypted':
      return 'oem.ini values are encrypted (WPS 11.8.2.12287 / 12.1.0.17133 and later), so the edition cannot be read';
    default:
      return 'oem.ini names no edition (no ProductDefinition, WPSPlusVersion or VersionID)';
  }
}

function detail(ini: Record<string, string> | undefined, key: string): string | null {
  return clean(iniValue(ini, key), 200) ?? null;
}
