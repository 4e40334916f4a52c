import type { Antivirus, OfficeSuite, OperatingSystem, SoftwareItem } from '@zhengban/shared';
import type { CompiledCatalog, Recognition } from '../../src/catalog/index.js';
import type { LicenceRequirement, MatchSubject } from '../../src/schema/catalog.js';

/** What an item reported: only the fields rules read. `publisher` is the vendor of office suites and antivirus. */
export interface Facts {
  name: string;
  publisher?: string;
  version?: string;
  edition?: string;
  osId?: string;
  path?: string;
  value?: string;
}

/** A reported item the rule `rule` must recognise, and what it must make of it. */
export interface Example {
  rule: string;
  on: MatchSubject;
  facts: Facts;
  product: string;
  /** The edition id expected; absent means no edition is recognised. */
  edition?: string;
  release?: string;
  licence: LicenceRequirement;
}

/** A look-alike: must not be recognised as `not`; `product` is what it is instead (undefined: nothing). */
export interface Negative {
  on: MatchSubject;
  facts: Facts;
  not: string;
  product: string | undefined;
}

const activation = { state: 'unknown' as const, reason: 'test', source: 'test' };

export function osFacts(f: Facts): OperatingSystem {
  const family = f.osId === 'windows' ? 'windows' : f.osId === 'macos' ? 'macos' : 'linux';
  return { family, name: f.name, id: f.osId ?? 'unknown', version: f.version, edition: f.edition, arch: 'x86_64', activation };
}

export function officeFacts(f: Facts): OfficeSuite {
  return { name: f.name, vendor: f.publisher, version: f.version, edition: f.edition, source: 'test', activation };
}

export function antivirusFacts(f: Facts): Antivirus {
  return { name: f.name, vendor: f.publisher, version: f.version, enabled: true, upToDate: true, source: 'test' };
}

export function softwareFacts(f: Facts): SoftwareItem {
  return { name: f.name, publisher: f.publisher, version: f.version, source: 'registry:HKLM' };
}

/** Recognises the facts from the list `on` names. */
export function recognise(catalog: CompiledCatalog, on: MatchSubject, f: Facts): Recognition | undefined {
  switch (on) {
    case 'os':
      return catalog.recogniseOs(osFacts(f));
    case 'office':
      return catalog.recogniseOffice(officeFacts(f));
    case 'antivirus':
      return catalog.recogniseAntivirus(antivirusFacts(f));
    case 'software':
      return catalog.recogniseSoftware(softwareFacts(f));
    default:
      return catalog.recogniseTrace(on, { name: f.name, path: f.path, value: f.value });
  }
}

/** The recognition in the shape examples state it, for one readable assertion. */
export function summary(r: Recognition | undefined) {
  if (!r) return undefined;
  return { rule: r.ruleId, product: r.product.id, edition: r.edition?.id, release: r.release, licence: r.licence };
}
