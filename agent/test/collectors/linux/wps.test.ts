import { OfficeSuite, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { flattenIni, parseIni } from '../../../src/collectors/ini.parse.js';
import { wpsLinuxSuite, type WpsLinuxInstall } from '../../../src/collectors/linux/wps.parse.js';
import { collectWps, serialFileNonEmpty } from '../../../src/collectors/linux/wps.collect.js';
import { FileReadError } from '../../../src/collectors/io.js';
import { isEncryptedKey, wpsActivationReason, wpsEdition } from '../../../src/collectors/wps.js';
import { expectGolden, fakeIo } from '../fixtures.js';

const OEM = '/opt/kingsoft/wps-office/office6/cfgs/oem.ini';
const PRO_OEM = '/opt/apps/cn.wps.wps-office-pro/files/kingsoft/wps-office/office6/cfgs/oem.ini';
const LICENSE = '/opt/kingsoft/.auth/license2.dat';

/** Constructed from the community-decoded keys (license-detection.md §6). */
const PERSONAL_INI = '[Setup]\r\nlang=zh_CN\r\n[Product]\r\nVersionID=5\r\n[Support]\r\nJsApiPlugin=true\r\n';
const PRO_INI = '\uFEFF[Auth]\nSubPlatform=2\nProductDefinition=Professional\n; SubPlatform=1\n[Product]\nVersionID=0\n';
/** Encrypted entries as in RainCandyTech/WPSOfficeConf `Conf_Production_12/oem_nonet_cipher.ini`. */
const ENCRYPTED_INI = '[Product]\nwGffMTv1ncQm_Orb3mVwcA..=-oqsL74hpiah3RGyR6hniw..\n[Support]\n1aIB2vJXgrxh8GSk77-HcA..=NsbhfV4nLv_oZGENyLSVZA..\n5HsDS8UAjZnKSU9I2xbCubqA10=KHsDS8UAjZn4U3A385v-NVsE10\n';

const pkg = (name: string, version = '11.1.0.11719', arch = 'amd64') => ({ name, version, arch, source: 'dpkg' });

function suite(install: WpsLinuxInstall): OfficeSuite {
  const s = wpsLinuxSuite(install);
  assertValid(OfficeSuite, s, 'wps');
  return s;
}

describe('parseIni', () => {
  it('reads sections, skips comments, strips one pair of quotes, keeps the last of a repeated key', () => {
    const ini = parseIni('top=1\n[A]\n# c\n;x=1\nk = "v=w" \nk2=\n[A]\nk=again\n[B]\nbad line\n=nokey\n');
    expect(ini).toEqual({ '': { top: '1' }, A: { k: 'again', k2: '' }, B: {} });
    expect(flattenIni(ini)).toEqual({ top: '1', 'A.k': 'again', 'A.k2': '' });
  });

  it('reads a BOM and CRLF file, and empty text', () => {
    expect(parseIni('\uFEFF[Product]\r\nVersionID=0\r\n')).toEqual({ Product: { VersionID: '0' } });
    expect(parseIni('')).toEqual({});
  });
});

describe('shared WPS edition decoding', () => {
  it('decodes ProductDefinition, WPSPlusVersion, VersionID in that order', () => {
    expect(wpsEdition(flattenIni(parseIni(PRO_INI)))).toBe('professional');
    expect(wpsEdition(flattenIni(parseIni(PERSONAL_INI)))).toBe('personal');
    expect(wpsEdition({ 'Support.WPSPlusVersion': 'true', 'Product.VersionID': '1' })).toBe('wps365');
    expect(wpsEdition(flattenIni(parseIni(ENCRYPTED_INI)))).toBeUndefined();
    expect(wpsEdition(undefined)).toBeUndefined();
  });

  it('tells encrypted keys from readable ones', () => {
    for (const k of ['wGffMTv1ncQm_Orb3mVwcA..', '5HsDS8UAjZnKSU9I2xbCubqA10', 'Qom-YuBQgaQnnZazUFd3CvAAfJDXfPBPQ2UA-VIbVCk.']) {
      expect(isEncryptedKey(k), k).toBe(true);
    }
    for (const k of ['VersionID', 'IntranetPluginsICServer', 'ConfidentialityLevelKeyWordAutoCheck', 'IntranetVersion7', 'CopyrightNoticeInAboutPage[zh_CN]']) {
      expect(isEncryptedKey(k), k).toBe(false);
    }
  });

  it('words the reason as the Windows reader always did', () => {
    expect(wpsActivationReason('professional', true)).toBe('professional edition with a serial installed; WPS does not expose whether the serial is valid');
    expect(wpsActivationReason('professional', false)).toBe('professional edition without an installed serial');
    expect(wpsActivationReason('personal', false)).toBe('personal edition; WPS has no readable activation state');
    expect(wpsActivationReason(undefined, undefined)).toBe('edition unknown: oem.ini is missing or encrypted');
  });
});

describe('wpsLinuxSuite', () => {
  it('personal edition from VersionID 5, no serial', async () => {
    const s = suite({ pkg: pkg('wps-office'), oemIniPath: OEM, oemIni: { kind: 'read', text: PERSONAL_INI }, serialInstalled: false });
    expect(s).toMatchObject({ name: 'WPS Office', vendor: 'Kingsoft', edition: 'personal', serialInstalled: false, version: '11.1.0.11719', source: 'dpkg:wps-office' });
    expect(s.activation).toMatchObject({ state: 'unknown', source: 'wps:oem.ini', reason: 'personal edition; WPS has no readable activation state' });
    await expectGolden(s, 'wps/personal.json');
  });

  it('professional edition with a serial; the serial itself is never in the entry', async () => {
    const s = suite({
      pkg: pkg('wps-office', '11.8.2.1132', 'loongarch64'),
      oemIniPath: OEM,
      oemIni: { kind: 'read', text: PRO_INI },
      serialInstalled: true,
      serialPath: LICENSE,
    });
    expect(s).toMatchObject({ edition: 'professional', serialInstalled: true, arch: 'loongarch64' });
    expect(s.activation.details).toMatchObject({ SubPlatform: '2', ProductDefinition: 'Professional', VersionID: '0', serialFile: LICENSE, oemIni: 'read' });
    await expectGolden(s, 'wps/professional-serial.json');
  });

  it('encrypted oem.ini leaves the edition unknown and says why', () => {
    const s = suite({ pkg: pkg('wps-office', '12.1.2.22571'), oemIniPath: OEM, oemIni: { kind: 'read', text: ENCRYPTED_INI }, serialInstalled: false });
    expect(s.edition).toBe('unknown');
    expect(s.activation.reason).toMatch(/^edition unknown: oem\.ini values are encrypted/);
    expect(s.activation.details).toMatchObject({ oemIni: 'encrypted', VersionID: null });
  });

  it('missing oem.ini: unknown, naming the path', () => {
    const s = suite({ pkg: pkg('wps-office'), oemIniPath: OEM, oemIni: { kind: 'missing' }, serialInstalled: false });
    expect(s.activation.reason).toBe(`edition unknown: ${OEM} is missing`);
  });

  it('the UOS store pro package without oem.ini is professional by its name, and says so', async () => {
    const s = suite({
      pkg: pkg('cn.wps.wps-office-pro', '11.8.2.10912'),
      oemIniPath: PRO_OEM,
      oemIni: { kind: 'missing' },
      serialInstalled: false,
      editionByPackage: 'professional',
    });
    expect(s.edition).toBe('professional');
    expect(s.activation).toMatchObject({ state: 'unknown', source: 'dpkg:cn.wps.wps-office-pro' });
    expect(s.activation.reason).toBe(
      `professional edition without an installed serial; edition taken from the package name cn.wps.wps-office-pro because ${PRO_OEM} is missing`,
    );
    await expectGolden(s, 'wps/uos-store-pro-no-oem-ini.json');
  });

  it('oem.ini wins over the package name; an unreadable serial file is "not known", not "no serial"', () => {
    const s = suite({
      pkg: pkg('cn.wps.wps-office-pro'),
      oemIniPath: PRO_OEM,
      oemIni: { kind: 'read', text: PERSONAL_INI },
      serialInstalled: undefined,
      editionByPackage: 'professional',
    });
    expect(s.edition).toBe('personal');
    expect(s.serialInstalled).toBeUndefined();
    const pro = suite({ pkg: pkg('wps-office'), oemIniPath: OEM, oemIni: { kind: 'read', text: PRO_INI }, serialInstalled: undefined });
    expect(pro.activation.reason).toBe('professional edition; license2.dat could not be read, so whether a serial is installed is not known');
  });

  it('non-ASCII and over-long values are clipped to the schema', () => {
    const long = `[Auth]\nProductDefinition=${'专业版'.repeat(100)}\n[Product]\nVersionID=${'9'.repeat(300)}\n`;
    const s = suite({ pkg: pkg('wps-office'), oemIniPath: OEM, oemIni: { kind: 'read', text: long }, serialInstalled: false });
    expect(s.edition).toBe('unknown');
    expect((s.activation.details!.VersionID as string).length).toBe(200);
  });
});

describe('collectWps', () => {
  const sw = (...names: string[]) => names.map((n) => pkg(n));

  it('reads oem.ini and the serial file of each installed WPS package', async () => {
    const io = fakeIo({ [OEM]: PRO_INI, [LICENSE]: '\u0000\u0001binary…ABCDE-FGHIJ' });
    const { office, errors } = await collectWps(io, sw('wps-office', 'libreoffice-core'));
    expect(errors).toEqual([]);
    expect(office).toHaveLength(1);
    expect(office[0]).toMatchObject({ edition: 'professional', serialInstalled: true });
    expect(JSON.stringify(office)).not.toContain('ABCDE');
  });

  it('an empty license2.dat is no serial; no WPS package, no entry and no reads', async () => {
    const io = fakeIo({ [OEM]: PERSONAL_INI, [LICENSE]: '' });
    expect((await collectWps(io, sw('wps-office'))).office[0]).toMatchObject({ serialInstalled: false, edition: 'personal' });
    const none = fakeIo({});
    expect(await collectWps(none, sw('vim'))).toEqual({ office: [], errors: [] });
  });

  it("reads the recorder's note by its byte count, not by its own length", async () => {
    expect(serialFileNonEmpty('present, 0 bytes; the serial itself is not recorded\n')).toBe(false);
    expect(serialFileNonEmpty('present, 1040 bytes; the serial itself is not recorded\n')).toBe(true);
    expect(serialFileNonEmpty('\u0000')).toBe(true);
    expect(serialFileNonEmpty('')).toBe(false);
    const io = fakeIo({ [OEM]: PRO_INI, [LICENSE]: 'present, 0 bytes; the serial itself is not recorded\n' });
    expect((await collectWps(io, sw('wps-office'))).office[0]).toMatchObject({ serialInstalled: false });
  });

  it('reports the store pro build and Kingsoft’s own package side by side', async () => {
    const io = fakeIo({ [OEM]: PERSONAL_INI });
    const { office } = await collectWps(io, sw('cn.wps.wps-office-pro', 'wps-office'));
    expect(office.map((o) => [o.source, o.edition])).toEqual([
      ['dpkg:wps-office', 'personal'],
      ['dpkg:cn.wps.wps-office-pro', 'professional'],
    ]);
  });

  it('a file it may not read becomes a collection error and an honest "unknown"', async () => {
    const io = fakeIo({});
    io.readText = async (path) => {
      throw new FileReadError(path, Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    };
    const { office, errors } = await collectWps(io, sw('wps-office'));
    expect(office[0]).toMatchObject({ edition: 'unknown' });
    expect(office[0]!.serialInstalled).toBeUndefined();
    expect(office[0]!.activation.reason).toMatch(/could not be read/);
    expect(errors.map((e) => [e.source, e.code])).toEqual([
      ['linux:office:wps', 'E_READ_FAILED'],
      ['linux:office:wps', 'E_READ_FAILED'],
    ]);
  });
});
