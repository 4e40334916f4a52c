import { Antivirus, CollectionError, Machine, OfficeSuite, OperatingSystem, SoftwareItem, assertValid } from '@zhengban/shared';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import type { HostFacts } from '../../../src/collectors/host.js';
import { APPLICATIONS_SOURCE, collectMacos } from '../../../src/collectors/macos/collect.js';
import { parseSysctl } from '../../../src/collectors/macos/hardware.parse.js';
import type { PlatformParts } from '../../../src/collectors/parts.js';
import { expectGolden } from '../fixtures.js';
import { MACOS_CASES, caseAnswers, macIo, type MacAnswers } from './mac-io.js';

/** The scan's clock for the recorded cases (test/fixtures/macos/README.md). */
const NOW = new Date('2026-11-20T08:00:00Z');

/** Host facts as a replay would build them from uname.txt and sysctl.txt. */
function hostFrom(answers: MacAnswers): HostFacts {
  const text = (k: keyof MacAnswers) => (answers[k] as { stdout: string } | undefined)?.stdout ?? '';
  const [hostname = 'unknown', kernel = '', arch = ''] = text('uname').trim().split(/\s+/);
  const sysctl = parseSysctl(text('sysctl'));
  return {
    hostname, kernel, arch,
    cpu: sysctl['machdep.cpu.brand_string'],
    cpuCores: Number(sysctl['hw.ncpu'] ?? 0),
    memoryBytes: Number(sysctl['hw.memsize'] ?? 0),
    macAddresses: [],
  };
}

function validate(parts: PlatformParts, what: string): void {
  assertValid(Machine, parts.machine, `${what} machine`);
  assertValid(OperatingSystem, parts.os, `${what} os`);
  assertValid(Type.Array(OfficeSuite), parts.office, `${what} office`);
  assertValid(Type.Array(Antivirus), parts.antivirus, `${what} antivirus`);
  assertValid(Type.Array(SoftwareItem), parts.software, `${what} software`);
  assertValid(Type.Array(CollectionError), parts.collectionErrors, `${what} errors`);
}

describe('collectMacos on the recorded cases', () => {
  for (const name of MACOS_CASES) {
    it(`collects ${name}`, async () => {
      const answers = caseAnswers(name);
      const parts = await collectMacos(macIo(answers), hostFrom(answers), NOW);
      validate(parts, name);
      expect(parts.collectionErrors).toEqual([]);
      // No user name from the sign-in file paths may reach the snapshot.
      expect(JSON.stringify(parts)).not.toContain('zhang.wei');
      const { software, ...rest } = parts;
      await expectGolden({ ...rest, softwareCount: software.length, software: software.filter((s) => !s.systemComponent) }, `macos/collect-${name}.json`);
    });
  }

  it('reads the facts each case is about', async () => {
    const run = async (name: (typeof MACOS_CASES)[number]) => {
      const answers = caseAnswers(name);
      return collectMacos(macIo(answers), hostFrom(answers), NOW);
    };
    const m365 = await run('macos-14-sonoma-office-365');
    expect(m365.os).toMatchObject({ name: 'macOS Sonoma 14.4.1', build: '23E224', arch: 'arm64', activation: { state: 'not-applicable', details: { manufacturer: 'Apple Inc.' } } });
    expect(m365.machine).toMatchObject({ hostname: 'czj-mbp-0142.local', manufacturer: 'Apple Inc.', model: 'MacBookPro18,3', chassis: 'laptop', hardwareUuid: '5a0e1f8c-3b7d-5e21-9c44-2d8f6a1b7e90' });
    expect(m365.office.map((s) => [s.name, s.edition, s.activation.state, s.activation.channel])).toEqual([['Microsoft Office for Mac', 'Microsoft 365', 'activated', 'subscription']]);
    expect(m365.antivirus.map((a) => [a.name, a.enabled])).toEqual([['Apple XProtect', true]]);

    const iwork = await run('macos-13-ventura-no-office');
    expect(iwork.office.map((s) => [s.name, s.activation.state])).toEqual([['Apple iWork', 'not-applicable']]);
    expect(iwork.machine.chassis).toBe('desktop');

    const volume = await run('macos-12-office-2021-volume');
    expect(volume.office.map((s) => [s.edition, s.activation.state, s.activation.channel])).toEqual([['Office 2021 Volume License', 'activated', 'volume']]);
    expect(volume.antivirus.map((a) => [a.name, a.enabled, a.activation?.state])).toEqual([
      ['Apple XProtect', true, 'not-applicable'],
      ['Microsoft Defender for Endpoint', true, 'activated'],
    ]);

    const unlicensed = await run('macos-office-unlicensed');
    expect(unlicensed.office.map((s) => [s.name, s.activation.state])).toEqual([['Microsoft Office for Mac', 'not-activated']]);

    const mojave = await run('macos-10.14-mojave-no-office');
    expect(mojave.os.name).toBe('Mac OS X Mojave 10.14.6');
    expect(mojave.office).toEqual([]);
    expect(mojave.antivirus.map((a) => a.source)).toEqual(['file:/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist']);
  });
});

describe('collectMacos when sources fail', () => {
  const host: HostFacts = { hostname: 'mac', kernel: '23.4.0', arch: 'arm64', cpuCores: 8, memoryBytes: 8 << 30, macAddresses: [] };

  it('never throws: garbage everywhere gives collection errors and a valid, partial result', async () => {
    const garbage = 'garbage \u0000 output\n';
    const io = macIo({ swVers: garbage, platformExpert: garbage, sysctl: garbage, applicationsJson: garbage, applicationsXml: garbage, xprotect: garbage, mdatpHealth: garbage });
    const parts = await collectMacos(io, host, NOW);
    validate(parts, 'garbage');
    expect(parts.collectionErrors.map((e) => [e.source, e.code])).toEqual([
      ['sw_vers', 'E_UNREADABLE_OUTPUT'],
      [APPLICATIONS_SOURCE, 'E_PLIST'],
      ['antivirus:xprotect', 'E_PLIST'],
      ['antivirus:mdatp', 'E_JSON'],
    ]);
    expect(parts.os).toMatchObject({ name: 'macOS', family: 'macos', activation: { details: { manufacturer: null } } });
    expect(parts.machine).toMatchObject({ hostname: 'mac', chassis: 'unknown' });
    expect(parts.office).toEqual([]);
    // The verdict must read "could not inspect", not "none": the source names both topics.
    expect(APPLICATIONS_SOURCE).toMatch(/office/);
    expect(APPLICATIONS_SOURCE).toMatch(/antivirus/);
  });

  it('does not look for Office licences on a Mac without Word, Excel or PowerPoint', async () => {
    const answers = caseAnswers('macos-13-ventura-no-office');
    const io = macIo(answers);
    await collectMacos(io, hostFrom(answers), NOW);
    expect(io.calls).not.toContain('office365Licences');
    expect(io.calls).not.toContain('officeVolumeLicence');
  });

  it('lists Defender from its app only when mdatp did not answer', async () => {
    const answers = caseAnswers('macos-12-office-2021-volume');
    delete answers.mdatpHealth;
    const parts = await collectMacos(macIo(answers), hostFrom(answers), NOW);
    expect(parts.antivirus.map((a) => [a.name, a.enabled, a.source])).toEqual([
      ['Apple XProtect', true, 'file:/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist'],
      ['Microsoft Defender', null, 'system_profiler:Microsoft Defender'],
    ]);
  });

  it('reports an Office licence probe that failed, with the suite left unknown', async () => {
    const answers = caseAnswers('macos-office-unlicensed');
    answers.officeVolumeLicence = { stdout: 'x: file does not exist or is not readable (Error Domain=NSCocoaErrorDomain Code=257 "permission")', stderr: '', exitCode: 1 };
    const parts = await collectMacos(macIo(answers), hostFrom(answers), NOW);
    expect(parts.collectionErrors.map((e) => [e.source, e.code])).toEqual([['office:volume-licence', 'E_OFFICE_LICENCE_UNREADABLE']]);
    expect(parts.office[0]?.activation).toMatchObject({ state: 'unknown', reason: 'no Office licence found, but the volume licence file could not be read' });
  });

  it('reports Defender expired on a clock past its product expiration', async () => {
    const answers = caseAnswers('macos-12-office-2021-volume');
    const parts = await collectMacos(macIo(answers), hostFrom(answers), new Date('2028-01-01T00:00:00Z'));
    expect(parts.antivirus.find((a) => a.name.includes('Defender'))?.activation?.state).toBe('expired');
  });
});
