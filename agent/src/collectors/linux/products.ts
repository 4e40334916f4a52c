import type { Activation, OfficeSuite, SoftwareItem } from '@zhengban/shared';
import { clip } from '../text.js';

/**
 * Office suites recognised by their Linux package names alone, because their package
 * is all there is to say about them (free suites, or a licence not yet read). WPS
 * Office has its own reader (wps.collect.ts) and antivirus its own (antivirus/). The
 * lists are data: add a product or a package name by adding a line.
 */

/** How a product's packages are named: exact names, most telling first, then versioned-name patterns. */
export interface PackageRule {
  /** Exact package names, most telling first (the core package before meta packages). */
  packages: readonly string[];
  /** Versioned package names (vendor builds that put the version in the name). */
  patterns?: readonly RegExp[];
}

interface OfficeRule extends PackageRule {
  name: string;
  vendor: string;
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
    // 永中 Office, installed under /opt/Yozosoft/Yozo_Office.
    name: 'Yozo Office',
    vendor: 'Yozosoft',
    packages: ['yozo-office'],
    activation: NOT_READ('reading the Yozo Office licence'),
  },
];

/** The first installed package of each name (a name listed twice, dpkg and rpm, keeps the first). */
export function packagesByName(software: readonly SoftwareItem[]): Map<string, SoftwareItem> {
  const byName = new Map<string, SoftwareItem>();
  for (const item of software) if (!byName.has(item.name)) byName.set(item.name, item);
  return byName;
}

/** The rule's first installed package, exact names in list order before patterns. */
export function findPackage(
  rule: PackageRule,
  byName: ReadonlyMap<string, SoftwareItem>,
  all: readonly SoftwareItem[],
): SoftwareItem | undefined {
  for (const p of rule.packages) {
    const hit = byName.get(p);
    if (hit) return hit;
  }
  const patterns = rule.patterns ?? [];
  return patterns.length ? all.find((s) => patterns.some((re) => re.test(s.name))) : undefined;
}

/** Where a product was found: `dpkg:libreoffice-core`, `rpm:clamd`. */
export function packageSource(item: SoftwareItem): string {
  return clip(`${item.source}:${item.name}`, 300);
}

/**
 * One office[] entry per recognised suite, from the first of its packages that is
 * installed; the activation's source names that package, since the state rests on it.
 */
export function recogniseOffice(software: readonly SoftwareItem[]): OfficeSuite[] {
  const byName = packagesByName(software);
  const office: OfficeSuite[] = [];
  for (const rule of OFFICE_RULES) {
    const item = findPackage(rule, byName, software);
    if (!item) continue;
    const source = packageSource(item);
    const suite: OfficeSuite = { name: rule.name, vendor: rule.vendor, source, activation: { ...rule.activation, source } };
    if (item.version) suite.version = clip(item.version, 100);
    office.push(suite);
  }
  return office;
}
