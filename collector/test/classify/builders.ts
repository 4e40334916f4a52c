import type { Activation, Antivirus, OfficeSuite, Snapshot } from '@zhengban/shared';
import { minimalSnapshot } from '../../../shared/test/minimal-snapshot.js';
import { defaultPolicy, type ClassifyOptions } from '../../src/classify/index.js';
import { builtinCatalog, everythingBought } from '../support/registry.js';

export const NOW = new Date('2026-11-20T08:00:00.000Z');

/** Judged as if the unit had bought every commercial product: these tests are about the other rules. */
export function ctx(trustedKmsHosts: string[] = []): ClassifyOptions {
  return { now: NOW, policy: { ...defaultPolicy(), trustedKmsHosts }, catalog: builtinCatalog(), licences: everythingBought() };
}

/** Debian with no office and no antivirus: the minimal snapshot. */
export function debian(): Snapshot {
  return minimalSnapshot();
}

export function windows(activation: Partial<Activation> = {}): Snapshot {
  const s = minimalSnapshot();
  s.agent.platform = 'win32';
  s.os = {
    family: 'windows',
    name: 'Microsoft Windows 10 Pro',
    id: 'windows',
    version: '10.0.19045',
    edition: 'Professional',
    arch: 'x64',
    activation: {
      state: 'activated',
      source: 'wmi:SoftwareLicensingProduct',
      channel: 'Retail',
      partialKey: '3V66T',
      graceRemainingMinutes: 0,
      details: { LicenseStatus: 1 },
      ...activation,
    },
  };
  return s;
}

export function libreOffice(): OfficeSuite {
  return {
    name: 'LibreOffice 7.4',
    vendor: 'The Document Foundation',
    version: '7.4.7.2',
    source: 'dpkg:libreoffice-core',
    activation: { state: 'not-applicable', reason: 'LibreOffice has no product activation' },
  };
}

export function clamav(over: Partial<Antivirus> = {}): Antivirus {
  return { name: 'ClamAV', version: '1.0.7', enabled: true, upToDate: true, source: 'systemd:clamav-daemon', ...over };
}

/** The edition Huorong sells to organisations (the personal 火绒安全软件 is personal-use-only). */
export function huorong(over: Partial<Antivirus> = {}): Antivirus {
  return { name: '火绒终端安全管理系统', enabled: true, upToDate: true, source: 'wmi:SecurityCenter2', ...over };
}

/** Debian with LibreOffice and ClamAV: fully licensed. */
export function debianComplete(): Snapshot {
  const s = debian();
  s.office = [libreOffice()];
  s.antivirus = [clamav()];
  return s;
}

/** The registry's findings (one per commercial product) left out: for tests of the other rules. */
export function ruleFindings<T extends { facts: string[] }>(findings: T[]): T[] {
  return findings.filter((f) => !f.facts.some((x) => x.startsWith('licence = ') || x.startsWith('entitlement = ')));
}
