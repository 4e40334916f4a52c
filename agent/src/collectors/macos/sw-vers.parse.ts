// Input: `sw_vers` (Apple's sw_vers prints `Key:<tabs>value`; ProductVersionExtra appears
// with a Rapid Security Response, ReleaseType on some builds):
//   ProductName:		macOS
//   ProductVersion:		14.4.1
//   BuildVersion:		23E224
// Before macOS 11 the product is named differently and one tab is used:
//   ProductName:	Mac OS X
//   ProductVersion:	10.8.5
//   BuildVersion:	12F45
import type { Activation, OperatingSystem } from '@zhengban/shared';
import type { HostFacts } from '../host.js';
import { clean, clip } from '../text.js';

export interface SwVers {
  productName?: string;
  productVersion?: string;
  productVersionExtra?: string;
  buildVersion?: string;
}

const KEYS: Readonly<Record<string, keyof SwVers>> = {
  productname: 'productName',
  productversion: 'productVersion',
  productversionextra: 'productVersionExtra',
  buildversion: 'buildVersion',
};

export function parseSwVers(text: string): SwVers {
  const out: SwVers = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z]+)\s*:\s*(.*?)\s*$/.exec(line);
    const key = m ? KEYS[m[1]!.toLowerCase()] : undefined;
    if (key && m![2]) out[key] = m![2];
  }
  return out;
}

/**
 * Marketing names by version: 10.x by minor version, 11 and later by major (Apple
 * numbered macOS 26 after 15). Unknown future versions simply get no name.
 */
const CODENAMES: Readonly<Record<string, string>> = {
  '10.0': 'Cheetah', '10.1': 'Puma', '10.2': 'Jaguar', '10.3': 'Panther', '10.4': 'Tiger',
  '10.5': 'Leopard', '10.6': 'Snow Leopard', '10.7': 'Lion', '10.8': 'Mountain Lion',
  '10.9': 'Mavericks', '10.10': 'Yosemite', '10.11': 'El Capitan', '10.12': 'Sierra',
  '10.13': 'High Sierra', '10.14': 'Mojave', '10.15': 'Catalina',
  '11': 'Big Sur', '12': 'Monterey', '13': 'Ventura', '14': 'Sonoma', '15': 'Sequoia', '26': 'Tahoe',
};

export function macosCodename(version: string | undefined): string | undefined {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version ?? '');
  if (!m) return undefined;
  return m[1] === '10' ? CODENAMES[`10.${m[2] ?? '0'}`] : CODENAMES[m[1]!];
}

export const APPLE_MANUFACTURER = 'Apple Inc.';

/**
 * macOS is licensed with the Apple computer it runs on (its licence allows it on
 * Apple-branded hardware only) and has no activation to read. The agent states the
 * manufacturer it saw; the collector decides whether that makes the copy licensed.
 */
export function macosActivation(manufacturer: string | undefined): Activation {
  const details = { manufacturer: manufacturer ?? null };
  if (manufacturer === undefined) {
    return {
      state: 'not-applicable',
      reason: 'macOS has no product activation; it is licensed with the Apple computer it runs on, but the manufacturer could not be read',
      source: 'sw_vers',
      details,
    };
  }
  const apple = manufacturer === APPLE_MANUFACTURER;
  return {
    state: 'not-applicable',
    reason: apple
      ? 'macOS has no product activation; it is licensed with the Apple computer it runs on'
      : clip(`macOS has no product activation; its licence covers Apple-branded computers only, and this machine reports manufacturer "${manufacturer}"`, 500),
    source: 'ioreg:IOPlatformExpertDevice',
    details,
  };
}

/** The OS part of a macOS snapshot; kernel and arch come from the host facts (uname). */
export function osFromSwVers(sw: SwVers, host: Pick<HostFacts, 'kernel' | 'arch'>, manufacturer: string | undefined): OperatingSystem {
  const product = clean(sw.productName, 60) ?? 'macOS';
  const version = clean(sw.productVersion, 100);
  const codename = macosCodename(version);
  const extra = clean(sw.productVersionExtra, 20);
  const name = [product, codename, version, extra].filter(Boolean).join(' ');
  const os: OperatingSystem = {
    family: 'macos',
    name: clip(name, 200),
    id: 'macos',
    arch: clip(host.arch || 'unknown', 50),
    activation: macosActivation(manufacturer),
  };
  if (version) os.version = version;
  const build = clean(sw.buildVersion, 100);
  if (build) os.build = build;
  if (codename) os.codename = codename;
  const kernel = clean(host.kernel, 200);
  if (kernel) os.kernel = kernel;
  return os;
}
