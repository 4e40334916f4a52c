import { Antivirus, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { collectMdatp, collectXProtect, defenderFromHealth as parseMdatpHealth } from '../../../src/collectors/macos/antivirus.collect.js';
import { antivirusFromApps, xprotectFromPlist } from '../../../src/collectors/macos/antivirus.parse.js';

import { MACOS } from '../../../src/collectors/sources/macos.js';
import { ExecFailedError } from '../../../src/exec/run.js';
import { expectGolden, glpiFixture } from '../fixtures.js';
import { caseAnswers, macIo } from './mac-io.js';

const MAC_DEFENDER = glpiFixture('macos/antivirus/defender-101.98.30.json');
/** The day GLPI recorded it: definitions updated 2023-05-03, product expiration 2023-09-06. */
const RECORDED = new Date('2023-05-03T08:30:00Z');

describe('mdatp health', () => {
  it("reads GLPI's real macOS recording", async () => {
    const av = parseMdatpHealth(MAC_DEFENDER, RECORDED);
    assertValid(Antivirus, av, 'defender mac');
    expect(av).toMatchObject({ name: 'Microsoft Defender for Endpoint', version: '101.98.30', enabled: true, upToDate: true, state: 'on', owner: 'microsoft' });
    expect(av.activation).toMatchObject({ state: 'activated', details: { licensed: true, productExpiration: '2023-09-06T05:12:28.000Z' } });
    await expectGolden(av, 'macos/mdatp-glpi-101.98.30.json');
  });

  it("reads GLPI's real Linux recording the same way (passive mode is not protection)", () => {
    const av = parseMdatpHealth(glpiFixture('linux/antivirus/defender-101.23062.0010.json'), new Date('2023-08-09T13:00:00Z'));
    expect(av).toMatchObject({ version: '101.23062.0010', enabled: false, state: 'passive', upToDate: true });
  });

  it('says expired once the installed version passed its product expiration', () => {
    const av = parseMdatpHealth(MAC_DEFENDER, new Date('2023-09-07T00:00:00Z'));
    expect(av.activation).toMatchObject({ state: 'expired', reason: expect.stringContaining('2023-09-06') });
  });

  it('says not activated when the device is not onboarded', () => {
    const doc = { ...JSON.parse(MAC_DEFENDER), licensed: false, healthy: false };
    expect(parseMdatpHealth(JSON.stringify(doc), RECORDED).activation).toMatchObject({ state: 'not-activated' });
  });

  it('reads older flat values and snake_case names, and real-time protection off', () => {
    const av = parseMdatpHealth(
      JSON.stringify({ app_version: '100.90.27', real_time_protection_enabled: false, definitions_status: 'outdated', licensed: true }),
      RECORDED,
    );
    expect(av).toMatchObject({ version: '100.90.27', enabled: false, state: 'off', upToDate: false, activation: { state: 'activated' } });
  });

  it('does not tell what it cannot read', () => {
    const av = parseMdatpHealth('{}', RECORDED);
    expect(av).toMatchObject({ enabled: null, upToDate: null });
    expect(av.state).toBeUndefined();
    expect(av.activation).toBeUndefined();
  });

  it.each(['', 'mdatp: command requires root', '[1,2]', 'null'])('rejects %j as not a health report', (text) => {
    expect(() => parseMdatpHealth(text, RECORDED)).toThrow(expect.objectContaining({ code: 'E_JSON' }));
  });
});

describe('XProtect', () => {
  const info = (caseAnswers('macos-14-sonoma-office-365').xprotect as { stdout: string }).stdout;

  it('is built in and on when its bundle is there', () => {
    const av = xprotectFromPlist(info, MACOS.xprotect.path, 'bundle');
    assertValid(Antivirus, av, 'xprotect');
    expect(av).toEqual({
      name: 'Apple XProtect', vendor: 'Apple', version: '2192', enabled: true, upToDate: null, state: 'built-in',
      source: `file:${MACOS.xprotect.path}`,
      activation: { state: 'not-applicable', reason: 'XProtect is part of macOS and has no licence of its own', source: `file:${MACOS.xprotect.path}` },
    });
  });

  it('reads the 10.6–10.8 meta plist version, without claiming it is on', () => {
    const meta = '<plist version="1.0"><dict><key>LastModification</key><string>Tue, 13 Aug 2013 22:06:32 GMT</string><key>Version</key><integer>1045</integer></dict></plist>';
    expect(xprotectFromPlist(meta, MACOS.xprotectLegacy.path, 'legacy-meta')).toMatchObject({ version: '1045', enabled: null });
  });

  it('still reports a binary plist, without a version', () => {
    const av = xprotectFromPlist('bplist00\u00d1\u0001\u0002', MACOS.xprotect.path, 'bundle');
    expect(av.enabled).toBe(true);
    expect(av.version).toBeUndefined();
  });

  it('looks in the newest place first, then the older ones', async () => {
    expect((await collectXProtect(macIo({ xprotectSystem: info })))?.source).toBe(`file:${MACOS.xprotectSystem.path}`);
    expect(await collectXProtect(macIo({}))).toBeUndefined();
  });

  it('throws for a garbled plist (the scan lists it as an error)', async () => {
    await expect(collectXProtect(macIo({ xprotect: '<plist><dict><key>x' }))).rejects.toMatchObject({ code: 'E_PLIST' });
  });
});

describe('antivirus from applications', () => {
  it('recognises products by bundle name, and by signer where the name is generic', () => {
    const found = antivirusFromApps([
      { name: 'ESET Endpoint Security', version: '7.4.1600.0', path: '/Applications/ESET Endpoint Security.app' },
      { name: 'Endpoint Security for Mac', version: '7.14', path: '/Library/Bitdefender/AVP/EndpointSecurityforMac.app/../Endpoint Security for Mac.app', signedBy: ['Developer ID Application: Bitdefender SRL (GUNFMW623Y)'] },
      { name: 'Endpoint Security for Mac', path: '/Applications/Endpoint Security for Mac.app', signedBy: ['Developer ID Application: Another Vendor (AAAAAAAAAA)'] },
      { name: 'Falcon', path: '/Applications/Falcon.app', signedBy: ['Developer ID Application: CrowdStrike Inc. (X9E956P446)'] },
      { name: 'Malwarebytes', version: '5.5.0', path: '/Users/wang/Applications/Malwarebytes.app' },
    ]);
    for (const av of found) assertValid(Antivirus, av, av.name);
    expect(found.map((a) => [a.name, a.version, a.enabled, a.source])).toEqual([
      ['ESET', '7.4.1600.0', null, 'system_profiler:ESET Endpoint Security'],
      ['Bitdefender Endpoint Security', '7.14', null, 'system_profiler:Endpoint Security for Mac'],
      ['Malwarebytes', '5.5.0', null, 'system_profiler:Malwarebytes'],
      ['CrowdStrike Falcon', undefined, null, 'system_profiler:Falcon'],
    ]);
  });

  it('skips rules the caller already covers (Defender read through mdatp)', () => {
    const apps = [{ name: 'Microsoft Defender', path: '/Applications/Microsoft Defender.app' }];
    expect(antivirusFromApps(apps)).toHaveLength(1);
    expect(antivirusFromApps(apps, (r) => r.owner === 'microsoft')).toEqual([]);
  });
});

describe('collectMdatp', () => {
  it('is absent when mdatp is not installed, and an error when it fails', async () => {
    expect(await collectMdatp(macIo({}), RECORDED)).toBeUndefined();
    await expect(collectMdatp(macIo({ mdatpHealth: new ExecFailedError('mdatp', 1, 'daemon not running', 'exit code 1', null) }), RECORDED)).rejects.toMatchObject({ code: 'E_EXEC_FAILED' });
    expect((await collectMdatp(macIo({ mdatpHealth: MAC_DEFENDER }), RECORDED))?.enabled).toBe(true);
  });
});
