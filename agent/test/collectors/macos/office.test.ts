import { OfficeSuite, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import type { MacApp } from '../../../src/collectors/macos/applications.parse.js';
import { collectOfficeLicences } from '../../../src/collectors/macos/office.collect.js';
import { parseDeviceFind, parseM365Find, parseVolumeLicence, VOLUME_SIGNATURES } from '../../../src/collectors/macos/office-licence.parse.js';
import { microsoftLicence, officeSuitesFromApps, UNLICENSED_REASON } from '../../../src/collectors/macos/office.parse.js';
import { ExecFailedError } from '../../../src/exec/run.js';
import { caseAnswers, macIo } from './mac-io.js';

const plist = (data: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>k</key>\n\t<data>\n\t${data}\n\t</data>\n</dict>\n</plist>\n`;
const ABSENT = '/Library/Preferences/com.microsoft.office.licensingV2.plist: file does not exist or is not readable or is not a regular file (Error Domain=NSCocoaErrorDomain Code=260 "…")\n';

describe('volume licence plist', () => {
  it.each(VOLUME_SIGNATURES.map(([fragment, edition]) => [edition.edition, fragment, edition.channel] as const))('recognises %s', (edition, fragment, channel) => {
    expect(parseVolumeLicence(plist(`QUJD${fragment}REVG`), '', 0)).toEqual({ present: true, edition: { edition, channel }, fragment });
  });

  it('finds the fragment across the line breaks plutil puts in <data>', () => {
    const text = (caseAnswers('macos-12-office-2021-volume').officeVolumeLicence as { stdout: string }).stdout;
    expect(parseVolumeLicence(text, '', 0)).toMatchObject({ edition: { edition: 'Office 2021 Volume License', channel: 'volume' } });
  });

  it('reads a stacked 2021 + 2019 file as the newer licence', () => {
    const both = plist(`${'A7vRjN2l/dCJHZOm8LKan11/zCYPCRpyChB6lOrgfi'}AAAA${'Bozo+MzVxzFzbIo+hhzTl4xkRZSjOUX8J8nIgpXuMa'}`);
    expect(parseVolumeLicence(both, '', 0)).toMatchObject({ edition: { edition: 'Office 2021 Volume License' } });
  });

  it('says present-but-unknown for a plist without a known fragment', () => {
    expect(parseVolumeLicence(plist('AAAABBBB'), '', 0)).toEqual({ present: true });
  });

  it("reads plutil's 'does not exist' (on stdout or stderr) as absent", () => {
    expect(parseVolumeLicence(ABSENT, '', 1)).toEqual({ present: false });
    expect(parseVolumeLicence('', 'file does not exist or is not readable or is not a regular file', 1)).toEqual({ present: false });
  });

  it('throws for a refused read and for output that is not a plist', () => {
    expect(() => parseVolumeLicence('…: file does not exist or is not readable … Code=257 "you don’t have permission"', '', 1)).toThrow(
      expect.objectContaining({ code: 'E_OFFICE_LICENCE_UNREADABLE' }),
    );
    expect(() => parseVolumeLicence('x: Property List error: Unexpected character', '', 1)).toThrow(expect.objectContaining({ code: 'E_OFFICE_LICENCE_UNREADABLE' }));
    expect(() => parseVolumeLicence('<plist><dict><key>a</key>', '', 0)).toThrow(expect.objectContaining({ code: 'E_PLIST' }));
  });
});

describe('Microsoft 365 and machine-wide licence files', () => {
  it('counts sign-in files and profiles, never keeping names', () => {
    const out = [
      '/Users/zhang.wei/Library/Group Containers/UBF8T346G9.Office/com.microsoft.Office365V2.plist',
      '/Users/zhang.wei/Library/Group Containers/UBF8T346G9.Office/Licenses/5/a.json',
      '/Users/li na/Library/Group Containers/UBF8T346G9.Office/O4kTOBJ0M5ITQxATLEJkQ40SNwQDNtQUOxATL1YUNxQUO2E0e',
      'find: something odd',
      '',
    ].join('\n');
    const m = parseM365Find(out);
    expect(m).toEqual({ profiles: 2, files: 3, denied: false });
    expect(JSON.stringify(m)).not.toMatch(/zhang|li na/);
  });

  it('notices when macOS privacy protection refused the Office container', () => {
    const err = "find: /Users/wang/Library/Group Containers/UBF8T346G9.Office: Operation not permitted\n";
    expect(parseM365Find('', err)).toEqual({ profiles: 0, files: 0, denied: true });
  });

  it('tells perpetual licence files from the shared computer licence', () => {
    expect(parseDeviceFind('/Library/Microsoft/Office/Licenses/5/x.json\n/Library/Microsoft/Office/Licenses/5/y.json\n')).toEqual({ perpetualFiles: 2, sharedComputer: false });
    expect(parseDeviceFind('/Library/Application Support/Microsoft/Office365/com.microsoft.Office365.plist\n')).toEqual({ perpetualFiles: 0, sharedComputer: true });
    expect(parseDeviceFind('')).toEqual({ perpetualFiles: 0, sharedComputer: false });
  });
});

describe('Office for Mac licence state', () => {
  const none = { volume: { present: false as const }, m365: { profiles: 0, files: 0, denied: false }, device: { perpetualFiles: 0, sharedComputer: false } };

  it('volume licence first, then Microsoft 365, shared computer, vNext perpetual', () => {
    const vol = { present: true as const, edition: { edition: 'Office 2019 Volume License', channel: 'volume' as const } };
    expect(microsoftLicence({ ...none, volume: vol, m365: { profiles: 1, files: 2, denied: false } })).toEqual({
      edition: 'Office 2019 Volume License',
      activation: {
        state: 'activated', channel: 'volume', source: 'plutil:/Library/Preferences/com.microsoft.office.licensingV2.plist',
        details: { licenceFile: 'Office 2019 Volume License', signedInProfiles: 1, signInFiles: 2 },
      },
    });
    expect(microsoftLicence({ ...none, m365: { profiles: 1, files: 1, denied: false } })).toMatchObject({ edition: 'Microsoft 365', activation: { state: 'activated', channel: 'subscription' } });
    expect(microsoftLicence({ ...none, device: { perpetualFiles: 0, sharedComputer: true } })).toMatchObject({ activation: { state: 'activated', channel: 'subscription' } });
    expect(microsoftLicence({ ...none, device: { perpetualFiles: 1, sharedComputer: false } })).toMatchObject({ edition: 'Office 2021 or later (perpetual licence)', activation: { state: 'activated', channel: 'retail' } });
    expect(microsoftLicence({ ...none, volume: { present: true } }).activation).toMatchObject({ state: 'unknown' });
  });

  it('is not activated only when every place was read and none holds a licence', () => {
    expect(microsoftLicence(none).activation).toMatchObject({ state: 'not-activated', reason: UNLICENSED_REASON });
    expect(microsoftLicence({ ...none, m365: { profiles: 0, files: 0, denied: true } }).activation).toMatchObject({
      state: 'unknown', reason: "no Office licence found, but the users' Microsoft 365 sign-in files could not be read",
    });
    expect(microsoftLicence({}).activation.state).toBe('unknown');
  });
});

describe('office suites from applications', () => {
  const ms = (app: string, version: string, path = `/Applications/Microsoft ${app}.app`): MacApp => ({ name: `Microsoft ${app}`, version, path, obtainedFrom: 'identified_developer' });
  const none = { volume: { present: false as const }, m365: { profiles: 0, files: 0, denied: false }, device: { perpetualFiles: 0, sharedComputer: false } };

  it('makes one Office suite, versioned by Word, listing the apps', () => {
    const [suite] = officeSuitesFromApps([ms('Excel', '16.84'), ms('Word', '16.83'), ms('Outlook', '16.85')], none);
    assertValid(OfficeSuite, suite, 'office');
    expect(suite).toEqual({
      name: 'Microsoft Office for Mac', vendor: 'Microsoft', version: '16.83', scope: 'machine',
      source: 'system_profiler:Microsoft Word', products: ['Microsoft Word', 'Microsoft Excel', 'Microsoft Outlook'],
      activation: expect.objectContaining({ state: 'not-activated' }),
    });
  });

  it('takes the highest version without Word; ignores Outlook or OneNote alone (free apps)', () => {
    expect(officeSuitesFromApps([ms('PowerPoint', '16.80'), ms('Excel', '16.9')], none)[0]?.version).toBe('16.80');
    expect(officeSuitesFromApps([ms('Outlook', '16.83'), ms('OneNote', '16.83')], none)).toEqual([]);
  });

  it('keeps Office 2011 apart with an unknown licence', () => {
    const suites = officeSuitesFromApps([ms('Word', '14.7.7', '/Applications/Microsoft Office 2011/Microsoft Word.app'), ms('Excel', '16.83')], none);
    expect(suites.map((s) => [s.name, s.version, s.activation.state])).toEqual([
      ['Microsoft Office for Mac', '16.83', 'not-activated'],
      ['Microsoft Office 2011 for Mac', '14.7.7', 'unknown'],
    ]);
  });

  it('recognises WPS, LibreOffice and iWork by bundle name, whatever the localised name', () => {
    const suites = officeSuitesFromApps(
      [
        { name: 'WPS Office', version: '6.7.1', path: '/Applications/wpsoffice.app', signedBy: ['Developer ID Application: Kingsoft Office Software Corporation Limited (XXXXXXXXXX)'] },
        { name: 'LibreOffice', version: '24.2.2', path: '/Applications/LibreOffice.app' },
        { name: 'Pages 文稿', version: '14.0', path: '/Applications/Pages.app', obtainedFrom: 'mac_app_store' },
        { name: 'Numbers 表格', version: '14.0', path: '/Applications/Numbers.app', obtainedFrom: 'mac_app_store' },
      ],
      {},
    );
    expect(suites.map((s) => [s.name, s.version, s.activation.state, s.activation.source])).toEqual([
      ['WPS Office', '6.7.1', 'unknown', 'system_profiler:wpsoffice'],
      ['LibreOffice', '24.2.2', 'not-applicable', 'system_profiler:LibreOffice'],
      ['Apple iWork', '14.0', 'not-applicable', 'system_profiler:Pages'],
    ]);
    expect(suites[2]!.products).toEqual(['Pages', 'Numbers']);
    for (const s of suites) assertValid(OfficeSuite, s, s.name);
  });

  it("does not take another vendor's app named Pages for iWork; flags boxed iWork '09", () => {
    expect(officeSuitesFromApps([{ name: 'Pages', path: '/Applications/Pages.app', obtainedFrom: 'identified_developer', signedBy: ['Developer ID Application: Someone Else (AAAAAAAAAA)'] }], {})).toEqual([]);
    const [old] = officeSuitesFromApps([{ name: 'Pages', version: '4.3', path: '/Applications/iWork \'09/Pages.app' }], {});
    expect(old).toMatchObject({ name: "Apple iWork '09", activation: { state: 'unknown' } });
  });

  it('puts a user-folder install in user scope', () => {
    const [suite] = officeSuitesFromApps([{ name: 'LibreOffice', path: '/Users/wang/Applications/LibreOffice.app' }], {});
    expect(suite!.scope).toBe('user');
  });
});

describe('collectOfficeLicences', () => {
  it('reads the three probes of a recorded Mac', async () => {
    const { facts, errors } = await collectOfficeLicences(macIo(caseAnswers('macos-14-sonoma-office-365')));
    expect(errors).toEqual([]);
    expect(facts).toEqual({ volume: { present: false }, m365: { profiles: 1, files: 2, denied: false }, device: { perpetualFiles: 0, sharedComputer: false } });
  });

  it('turns a failing probe into a collection error and leaves the fact unread', async () => {
    const answers = caseAnswers('macos-office-unlicensed');
    answers.office365Licences = new ExecFailedError('find', 2, 'find: bad expression', 'exit code 2', null);
    delete answers.officeVolumeLicence;
    const { facts, errors } = await collectOfficeLicences(macIo(answers));
    expect(errors.map((e) => [e.source, e.code])).toEqual([['office:microsoft-365', 'E_EXEC_FAILED']]);
    expect(facts).toEqual({ device: { perpetualFiles: 0, sharedComputer: false } });
    expect(microsoftLicence(facts).activation.state).toBe('unknown');
  });
});
