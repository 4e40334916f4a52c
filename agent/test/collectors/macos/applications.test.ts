import { SoftwareItem, assertValid } from '@zhengban/shared';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { collectApplications } from '../../../src/collectors/macos/applications.collect.js';
import { appKey, parseApplicationsJson, parseApplicationsXml, type MacApp } from '../../../src/collectors/macos/applications.parse.js';
import { appArch, appPublisher, copyrightHolder, isParallelsWindowsApp, softwareFromApps } from '../../../src/collectors/macos/software.parse.js';
import { ExecFailedError, ExecTimeoutError } from '../../../src/exec/run.js';
import { expectGolden, glpiFixture } from '../fixtures.js';
import { caseAnswers, macIo } from './mac-io.js';

const GLPI_XML = 'macos/system_profiler/10.8-system_profiler_SPApplicationsDataType_-xml.example.xml';
const SoftwareList = Type.Array(SoftwareItem);
const stdout = (name: string, key: 'applicationsJson' | 'applicationsXml') => (caseAnswers(name)[key] as { stdout: string }).stdout;

describe('system_profiler applications', () => {
  it("reads GLPI's real 10.8 XML recording (French names, runtime_environment, has64BitIntelCode)", async () => {
    const { apps, skipped } = parseApplicationsXml(glpiFixture(GLPI_XML));
    expect(apps).toHaveLength(291);
    expect(skipped).toBe(0);
    expect(apps[0]).toEqual({
      name: 'Programme d’installation', version: '4.0', path: '/System/Library/CoreServices/Installer.app',
      lastModified: '2009-06-27T06:18:49Z', archKind: 'universal', has64BitIntelCode: true,
      info: '3.0, Copyright © 2000-2006 Apple Computer Inc., All Rights Reserved',
    });
    const software = softwareFromApps(apps);
    assertValid(SoftwareList, software, 'glpi 10.8');
    await expectGolden(software, 'macos/software-glpi-10.8.json');
  });

  it('reads a JSON listing (Sonoma, Chinese names)', async () => {
    const { apps } = parseApplicationsJson(stdout('macos-14-sonoma-office-365', 'applicationsJson'));
    const word = apps.find((a) => appKey(a) === 'Microsoft Word');
    expect(word).toMatchObject({ name: 'Microsoft Word', version: '16.83', obtainedFrom: 'identified_developer', archKind: 'arch_arm_i64' });
    expect(apps.find((a) => appKey(a) === 'Finder')?.name).toBe('访达');
    const software = softwareFromApps(apps);
    assertValid(SoftwareList, software, 'sonoma');
    await expectGolden(software, 'macos/software-sonoma-json.json');
  });

  it('reads the XML listing of the Mojave case like the JSON one', () => {
    const { apps } = parseApplicationsXml(stdout('macos-10.14-mojave-no-office', 'applicationsXml'));
    expect(apps.find((a) => a.name === 'Google Chrome')).toEqual({
      name: 'Google Chrome', version: '91.0.4472.164', obtainedFrom: 'identified_developer', path: '/Applications/Google Chrome.app',
      lastModified: '2021-07-16T01:12:44Z', archKind: 'arch_x86', has64BitIntelCode: true,
      signedBy: ['Developer ID Application: Google LLC (EQHXZ8M8AV)', 'Developer ID Certification Authority', 'Apple Root CA'],
    });
  });

  it('skips items without a name and counts them', () => {
    const { apps, skipped } = parseApplicationsJson('{"SPApplicationsDataType":[{"_name":"A"},{"version":"1"},"x",null]}');
    expect(apps).toEqual([{ name: 'A' }]);
    expect(skipped).toBe(3);
  });

  it.each([
    ['not JSON', '{"SPApplicationsDataType" : [', 'E_JSON'],
    ['another data type', '{"SPSoftwareDataType":[]}', 'E_UNREADABLE_OUTPUT'],
    ['the text format older macOS prints for -json', 'Applications:\n\n    Safari:\n\n      Version: 12.1\n', 'E_JSON'],
  ])('rejects %s', (_what, text, code) => {
    expect(() => parseApplicationsJson(text)).toThrow(expect.objectContaining({ code }));
  });

  it('rejects an XML plist that is not the applications data type', () => {
    expect(() => parseApplicationsXml('<plist><array><dict><key>_dataType</key><string>SPNetworkDataType</string></dict></array></plist>')).toThrow(
      expect.objectContaining({ code: 'E_UNREADABLE_OUTPUT' }),
    );
  });
});

describe('software items', () => {
  const app = (over: Partial<MacApp>): MacApp => ({ name: 'X', ...over });

  it('takes the publisher from the Developer ID, Apple, then the copyright line', () => {
    expect(appPublisher(app({ signedBy: ['Developer ID Application: Microsoft Corporation (UBF8T346G9)'] }))).toBe('Microsoft Corporation');
    expect(appPublisher(app({ signedBy: ['Developer ID Application: 北京金山办公软件股份有限公司 (AB12CD34EF)'] }))).toBe('北京金山办公软件股份有限公司');
    expect(appPublisher(app({ obtainedFrom: 'apple' }))).toBe('Apple');
    expect(appPublisher(app({ signedBy: ['Software Signing', 'Apple Code Signing Certification Authority', 'Apple Root CA'] }))).toBe('Apple');
    expect(appPublisher(app({ path: '/System/Library/CoreServices/Finder.app' }))).toBe('Apple');
    // An App Store signature is Apple's, not the developer's: no publisher rather than a wrong one.
    expect(appPublisher(app({ obtainedFrom: 'mac_app_store', signedBy: ['Apple Mac OS Application Signing'] }))).toBeUndefined();
    expect(appPublisher(app({ info: 'HP Fax 5.11.0, Copyright (c) 2009-2013 Hewlett-Packard Development Company, L.P.' }))).toBe('Hewlett-Packard Development Company, L.P.');
  });

  it.each([
    ['2.1.2, © 1995-2010 Apple Inc. All Rights Reserved.', 'Apple'],
    ['2.5.4, © 001-2006 Python Software Foundation', 'Python Software Foundation'],
    ['2.6, (c) 2004 Python Software Foundation.', 'Python Software Foundation'],
    ['Git Gui 0.19.0.18.g4498b © 2006-2007 Shawn Pearce, et. al.', 'Shawn Pearce'],
    ['6.5 Copyright © 2008 Massachusetts Institute of Technology', 'Massachusetts Institute of Technology'],
    ['Firefox 37.0.2', undefined],
    ['Copyright 2016', undefined],
  ])('copyright holder of %j is %j', (info, holder) => {
    expect(copyrightHolder(info)).toBe(holder);
  });

  it('names architectures as the rest of the snapshot does', () => {
    expect(appArch(app({ archKind: 'arch_arm_i64' }))).toBe('universal');
    expect(appArch(app({ archKind: 'arch_arm' }))).toBe('arm64');
    expect(appArch(app({ archKind: 'arch_i64' }))).toBe('x86_64');
    expect(appArch(app({ archKind: 'arch_x86', has64BitIntelCode: true }))).toBe('x86_64');
    expect(appArch(app({ archKind: 'arch_x86', has64BitIntelCode: false }))).toBe('i386');
    expect(appArch(app({ archKind: 'arch_ppc' }))).toBe('ppc');
    expect(appArch(app({}))).toBeUndefined();
  });

  it("leaves out Parallels' Windows application stubs, as GLPI does", () => {
    expect(isParallelsWindowsApp(app({ path: '/Users/wang/Applications (Parallels)/{3b7e…} Applications.localized/Notepad.app' }))).toBe(true);
    expect(isParallelsWindowsApp(app({ path: '/Users/wang/Parallels/Windows 11.pvm/Windows Applications/Paint.app' }))).toBe(true);
    expect(isParallelsWindowsApp(app({ info: 'notepad.exe, C:\\Windows\\notepad.exe' }))).toBe(true);
    expect(isParallelsWindowsApp(app({ path: '/Applications/Parallels Desktop.app' }))).toBe(false);
    expect(softwareFromApps([app({ name: 'Notepad', path: '/Users/wang/Applications (Parallels)/x/Notepad.app' }), app({ name: 'Y' })])).toEqual([
      { name: 'Y', source: 'system_profiler' },
    ]);
  });

  it('marks apps in a home folder as per-user and /System apps as system components, without the user name', () => {
    const [user, sys] = softwareFromApps([
      app({ name: '钉钉', path: '/Users/li.wei/Applications/DingTalk.app', lastModified: '2024-01-02T03:04:05Z' }),
      app({ name: 'Finder', path: '/System/Library/CoreServices/Finder.app', lastModified: 'yesterday' }),
    ]);
    expect(user).toEqual({ name: '钉钉', source: 'system_profiler', installDate: '2024-01-02T03:04:05Z', scope: 'user' });
    expect(sys).toEqual({ name: 'Finder', source: 'system_profiler', publisher: 'Apple', scope: 'machine', systemComponent: true });
    expect(JSON.stringify(user)).not.toContain('li.wei');
  });

  it('clips over-long strings to the schema limits', () => {
    const [item] = softwareFromApps([app({ name: 'n'.repeat(900), version: 'v'.repeat(300), signedBy: [`Developer ID Application: ${'p'.repeat(400)}`] })]);
    assertValid(SoftwareList, [item], 'long');
    expect(item!.name).toHaveLength(500);
  });
});

describe('collectApplications', () => {
  const json = stdout('macos-14-sonoma-office-365', 'applicationsJson');
  const xml = stdout('macos-10.14-mojave-no-office', 'applicationsXml');

  it('uses JSON when it works, without asking for XML', async () => {
    const io = macIo({ applicationsJson: json, applicationsXml: xml });
    expect((await collectApplications(io)).apps.length).toBeGreaterThan(40);
    expect(io.calls).toEqual(['applicationsJson']);
  });

  it('falls back to XML when -json fails or prints something else', async () => {
    for (const bad of [new ExecFailedError('system_profiler', 64, 'usage', 'exit code 64', null), 'Applications:\n\n    Safari:\n']) {
      const io = macIo({ applicationsJson: bad, applicationsXml: xml });
      expect((await collectApplications(io)).apps.find((a) => a.name === 'WeChat')).toBeDefined();
      expect(io.calls).toEqual(['applicationsJson', 'applicationsXml']);
    }
  });

  it('does not retry after a timeout', async () => {
    const io = macIo({ applicationsJson: new ExecTimeoutError('system_profiler', 240_000), applicationsXml: xml });
    await expect(collectApplications(io)).rejects.toMatchObject({ code: 'E_EXEC_TIMEOUT' });
    expect(io.calls).toEqual(['applicationsJson']);
  });

  it('reports the JSON problem when XML is not there, and a missing source when neither is', async () => {
    await expect(collectApplications(macIo({ applicationsJson: '{' }))).rejects.toMatchObject({ code: 'E_JSON' });
    await expect(collectApplications(macIo({}))).rejects.toMatchObject({ code: 'E_SOURCE_MISSING' });
    await expect(collectApplications(macIo({ applicationsXml: '<plist><array>' }))).rejects.toMatchObject({ code: 'E_PLIST' });
  });
});
