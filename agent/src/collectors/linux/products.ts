import type { Activation, Antivirus, OfficeSuite, SoftwareItem } from '@zhengban/shared';
import { clip } from '../text.js';

/**
 * Office suites and antivirus products recognised by their Linux package names, so
 * `office[]` and `antivirus[]` are filled on Linux. The lists are data: add a
 * product or a package name by adding a line. Each product is reported once, from
 * the first of its packages (in list order) that is installed; the source names
 * that package so the collector can quote it.
 */

interface ProductRule {
  name: string;
  vendor: string;
  /** Exact package names, most telling first (the core package before meta packages). */
  packages: readonly string[];
  /** Versioned package names (vendor builds that put the version in the name). */
  patterns?: readonly RegExp[];
}

interface OfficeRule extends ProductRule {
  activation: Activation;
}

const FREE = (product: string): Activation => ({
  state: 'not-applicable',
  reason: `${product} is free software with no activation`,
});

const NOT_READ = (what: string): Activation => ({
  state: 'unknown',
  reason: `${what} is not supported by this agent version`,
});

export const OFFICE_RULES: readonly OfficeRule[] = [
  {
    name: 'LibreOffice',
    vendor: 'The Document Foundation',
    packages: ['libreoffice-core', 'libreoffice'],
    // The Document Foundation's own packages: libreoffice7.6, libobasis7.6-core …
    patterns: [/^libobasis\d+(\.\d+)*-core$/, /^libreoffice\d+(\.\d+)*$/],
    activation: FREE('LibreOffice'),
  },
  {
    name: 'Apache OpenOffice',
    vendor: 'Apache Software Foundation',
    packages: ['openoffice-core01'],
    activation: FREE('Apache OpenOffice'),
  },
  {
    name: 'WPS Office',
    vendor: 'Kingsoft',
    // UOS app-store builds are packaged as cn.wps.*.
    packages: ['wps-office', 'cn.wps.wps-office-pro', 'cn.wps.wps-office'],
    activation: NOT_READ('reading the WPS Office edition and serial number'),
  },
  {
    name: 'Yozo Office',
    vendor: 'Yozosoft',
    packages: ['yozo-office'],
    activation: NOT_READ('reading the Yozo Office licence'),
  },
];

export const ANTIVIRUS_RULES: readonly ProductRule[] = [
  // libclamav alone is a library other software pulls in, so it does not count.
  { name: 'ClamAV', vendor: 'Cisco Talos', packages: ['clamav-daemon', 'clamd', 'clamav', 'clamav-freshclam', 'clamav-update'] },
  { name: 'Microsoft Defender for Endpoint', vendor: 'Microsoft', packages: ['mdatp'] },
  { name: 'QAX Endpoint Security (奇安信网神终端安全)', vendor: 'QI-ANXIN', packages: ['qaxsafe'] },
  { name: '360 Security Guard (360安全卫士)', vendor: 'Qihoo 360', packages: ['360safeforcnos'] },
];

export interface RecognisedProducts {
  office: OfficeSuite[];
  antivirus: Antivirus[];
}

export function recogniseProducts(software: readonly SoftwareItem[]): RecognisedProducts {
  const byName = new Map<string, SoftwareItem>();
  for (const item of software) if (!byName.has(item.name)) byName.set(item.name, item);

  const office: OfficeSuite[] = [];
  for (const rule of OFFICE_RULES) {
    const item = find(rule, byName, software);
    if (!item) continue;
    const found = describe(rule, item);
    // The state rests on which package was found, so that package is its source.
    office.push({ ...found, activation: { ...rule.activation, source: found.source } });
  }
  const antivirus: Antivirus[] = [];
  for (const rule of ANTIVIRUS_RULES) {
    const item = find(rule, byName, software);
    // A package list says nothing about real-time protection or definitions.
    if (item) antivirus.push({ ...describe(rule, item), enabled: null, upToDate: null });
  }
  return { office, antivirus };
}

function find(rule: ProductRule, byName: Map<string, SoftwareItem>, all: readonly SoftwareItem[]): SoftwareItem | undefined {
  for (const p of rule.packages) {
    const hit = byName.get(p);
    if (hit) return hit;
  }
  const patterns = rule.patterns ?? [];
  return patterns.length ? all.find((s) => patterns.some((re) => re.test(s.name))) : undefined;
}

function describe(rule: ProductRule, item: SoftwareItem): { name: string; vendor: string; version?: string; source: string } {
  const out: { name: string; vendor: string; version?: string; source: string } = {
    name: rule.name,
    vendor: rule.vendor,
    source: clip(`${item.source}:${item.name}`, 300),
  };
  if (item.version) out.version = clip(item.version, 100);
  return out;
}
