import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assertValid, Snapshot } from '@zhengban/shared';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { windowsFacts } from '../../src/collectors/windows/index.js';
import { WindowsInventory, LicensingRow } from '../../src/collectors/windows/inventory.schema.js';
import { decodeText } from '../../src/collectors/windows/recorded/decode.js';
import { RecordedInputError, readRecordedDir } from '../../src/collectors/windows/recorded/read.js';
import { parseReg } from '../../src/collectors/windows/recorded/reg.parse.js';
import { fromWmic, parseWmicList } from '../../src/collectors/windows/recorded/wmic.parse.js';
import { buildSnapshot } from '../../src/snapshot/build.js';
import { GLPI_WIN32, expectWindowsGolden, glpiBytes, utf16 } from './helpers.js';

const NOW = new Date('2026-11-20T08:00:00Z');
const Facts = Type.Object({ office: Snapshot.properties.office, software: Snapshot.properties.software, os: Snapshot.properties.os });

describe('GLPI real recordings, read in place', () => {
  it.each(['xp-Uninstall.reg', 'office_2010_1.reg', 'office_2016_01.reg'])('parses registry/%s without skipping a line', async (file) => {
    const reg = parseReg(decodeText(glpiBytes(`registry/${file}`)));
    expect(reg.header).toBe('Windows Registry Editor Version 5.00');
    expect(reg.skipped).toEqual([]);
    expect(reg.keys.length).toBeGreaterThan(1);
    await expectWindowsGolden({ keys: reg.keys.length, values: reg.keys.reduce((n, k) => n + k.values.length, 0), first: reg.keys.slice(0, 4) }, `reg-${file}.json`);
  });

  it('reads the XP Uninstall key: multi-line strings, hex(2)/hex(7), no DisplayName, SystemComponent', () => {
    const reg = parseReg(decodeText(glpiBytes('registry/xp-Uninstall.reg')));
    const key = (name: string) => reg.keys.find((k) => k.path.endsWith(`\\Uninstall\\${name}`));
    expect(key('CCleaner')?.values.find((v) => v.name === 'UninstallString')?.data).toBe('"C:\\Program Files\\CCleaner\\uninst.exe"');
    expect(key('Adobe Shockwave Player')?.values.find((v) => v.name === 'VersionMajor')).toEqual({ name: 'VersionMajor', type: 'dword', data: 11 });
    expect(key('Connection Manager')?.values).toEqual([{ name: 'SystemComponent', type: 'dword', data: 1 }]);
    const multi = reg.keys.flatMap((k) => k.values).find((v) => v.type === 'multi_sz');
    expect(Array.isArray(multi?.data)).toBe(true);
    const comment = reg.keys.flatMap((k) => k.values).find((v) => v.name === 'Comments' && typeof v.data === 'string' && v.data.includes('\n'));
    expect(comment).toBeDefined();
  });

  it('yields an Office 2016 ProPlus KMS client row from the SoftwareLicensingProduct wmic file', () => {
    const list = parseWmicList(decodeText(glpiBytes('wmi/office_2016_01-SoftwareLicensingProduct.wmi')));
    expect(list.skipped).toEqual([]);
    expect(list.records).toHaveLength(1);
    const row = fromWmic<LicensingRow>(LicensingRow, list.records[0]!);
    expect(row).toMatchObject({
      ApplicationID: '0ff1ce15-a989-479d-af46-f275c6370663', LicenseFamily: 'Office16ProPlusVL_KMS_Client', PartialProductKey: 'WE9H9',
      ProductKeyChannel: 'Volume:GVLK', LicenseStatus: 1, LicenseIsAddon: false, GracePeriodRemaining: 259174, DiscoveredKeyManagementServiceMachineName: null,
    });
  });

  it('reads the registry folder and the wmi folder into valid inventories and facts', async () => {
    for (const sub of ['registry', 'wmi']) {
      const inv = assertValid(WindowsInventory, await readRecordedDir(resolve(GLPI_WIN32, sub)), sub);
      expect(inv.origin).toBe('recorded');
      expect(inv.errors).toEqual([]);
      const facts = windowsFacts(inv, { now: NOW });
      assertValid(Facts, facts, `${sub} facts`);
      await expectWindowsGolden({ inventory: { ...inv, software: inv.software?.length }, facts: { ...facts, software: facts.software.length } }, `glpi-${sub}.json`);
    }
  });

  it('gives the Office ProPlus 2016 activation from the wmi row, and the French Windows 7 caption', async () => {
    const facts = windowsFacts(await readRecordedDir(resolve(GLPI_WIN32, 'wmi')), { now: NOW });
    expect(facts.os).toMatchObject({ name: 'Microsoft Windows 7 Professionnel', version: '6.1.7600', build: '7600', arch: 'x86' });
    expect(facts.office).toEqual([expect.objectContaining({
      name: 'Microsoft Office Professional Plus 2016',
      activation: expect.objectContaining({ state: 'activated', channel: 'Volume:GVLK', partialKey: 'WE9H9', kmsHost: 'mydomain.ms.com', graceRemainingMinutes: 259174 }),
    })]);
    expect(facts.office[0]!.activation.details).toMatchObject({ LicenseStatusReason: '0x4004F040', KeyManagementServiceProductKeyID: '03612-00206-437-038461-03-1033-14393.0000-0342017' });
  });

  it('skips Uninstall keys without DisplayName and hotfixes, keeps system components marked', async () => {
    const facts = windowsFacts(await readRecordedDir(resolve(GLPI_WIN32, 'registry')), { now: NOW });
    const names = facts.software.map((s) => s.name);
    expect(names).toContain('CCleaner (remove only)');
    expect(names).not.toContain('AddressBook');
    expect(names.some((n) => /^Security Update for Windows XP/.test(n))).toBe(false);
    expect(facts.software.every((s) => s.source === 'registry:HKLM' && s.scope === 'machine')).toBe(true);
  });
});

describe('edge cases', () => {
  const dirWith = async (files: Record<string, Buffer | string>) => {
    const dir = await mkdtemp(join(tmpdir(), 'zb-rec-'));
    for (const [name, body] of Object.entries(files)) await writeFile(join(dir, name), body);
    return dir;
  };

  it('decodes UTF-16LE with BOM, UTF-8 with and without BOM, and BOM-less UTF-16LE', () => {
    expect(decodeText(utf16('Caption=Microsoft Windows 10 专业版\n'))).toBe('Caption=Microsoft Windows 10 专业版\r\n');
    expect(decodeText(Buffer.from('\ufeffA=1', 'utf8'))).toBe('A=1');
    expect(decodeText(Buffer.from('A=火绒', 'utf8'))).toBe('A=火绒');
    expect(decodeText(Buffer.from('A=1', 'utf16le'))).toBe('A=1');
    expect(decodeText(Buffer.alloc(0))).toBe('');
  });

  it('parses an empty export and an empty wmic file to nothing', () => {
    expect(parseReg('')).toEqual({ header: null, keys: [], skipped: [] });
    expect(parseWmicList('\r\n\r\n')).toEqual({ records: [], skipped: [] });
  });

  it('reads REGEDIT4, escapes, @ defaults, deleted keys and values, hex continuations, Chinese names', () => {
    const reg = parseReg([
      'REGEDIT4', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]', '@="default"', '"Say \\"hi\\""="C:\\\\x\\\\"', '"Gone"="x"', '"Gone"=-',
      '"Bin"=hex:01,02,\\', '  03', '"Q"=hex(b):01,00,00,00,00,00,00,00', '[-HKEY_LOCAL_MACHINE\\SOFTWARE\\B]',
      '[HKEY_USERS\\S-1-5-21-1\\Software\\C]', '"DisplayName"="火绒安全软件"',
    ].join('\r\n'));
    expect(reg.header).toBe('REGEDIT4');
    expect(reg.skipped).toEqual([]);
    expect(reg.keys[0]!.values).toEqual([
      { name: '', type: 'sz', data: 'default' },
      { name: 'Say "hi"', type: 'sz', data: 'C:\\x\\' },
      { name: 'Bin', type: 'binary', data: '010203' },
      { name: 'Q', type: 'qword', data: 1 },
    ]);
    expect(reg.keys[1]).toEqual({ path: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\B', deleted: true, values: [] });
    expect(reg.keys[2]!.values[0]!.data).toBe('火绒安全软件');
  });

  it('reports a truncated export instead of guessing', () => {
    const reg = parseReg('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\A]\r\n"Ok"=dword:00000001\r\n"Cut"=hex:01,02,\\\r\n');
    expect(reg.keys[0]!.values).toEqual([{ name: 'Ok', type: 'dword', data: 1 }]);
    expect(reg.skipped).toEqual([expect.objectContaining({ line: 5, why: 'file ends inside this value' })]);
    expect(parseReg('[HKEY_LOCAL_MACHINE\\A]\n"Half"="no end').skipped[0]?.why).toBe('file ends inside this value');
  });

  it('reads wmic lists with CRLF, padding and empty values', () => {
    const list = parseWmicList('\r\n\r\nCaption=Microsoft Windows 7 Professionnel \r\nCSDVersion=\r\nProductType=1\r\n\r\n\r\nCaption=second\r\n');
    expect(list.records).toEqual([{ Caption: 'Microsoft Windows 7 Professionnel', CSDVersion: null, ProductType: '1' }, { Caption: 'second' }]);
  });

  it('reads a UTF-8 wmic file with a Chinese caption, and Uninstall keys of a user hive', async () => {
    const dir = await dirWith({
      'os.txt': 'BuildNumber=19045\nCaption=Microsoft Windows 10 专业版\nOSArchitecture=64 位\nProductType=1\n',
      'user.reg': utf16('Windows Registry Editor Version 5.00\n\n[HKEY_USERS\\S-1-5-21-1-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\WPS]\n"DisplayName"="WPS Office (12.1)"\n"Publisher"="珠海金山办公软件有限公司"\n"InstallDate"="20240105"\n'),
    });
    const facts = windowsFacts(await readRecordedDir(dir), { now: NOW });
    expect(facts.os).toMatchObject({ name: 'Microsoft Windows 10 专业版', arch: 'x64' });
    expect(facts.software).toEqual([{
      name: 'WPS Office (12.1)', publisher: '珠海金山办公软件有限公司', source: 'registry:HKU', arch: 'x64', installDate: '2024-01-05', scope: 'user', userSid: 'S-1-5-21-1-1001',
    }]);
  });

  it('refuses a missing folder and a folder with nothing recognisable', async () => {
    await expect(readRecordedDir('/nonexistent/zb')).rejects.toBeInstanceOf(RecordedInputError);
    await expect(readRecordedDir(await dirWith({ 'notes.md': 'hello' }))).rejects.toThrow(/no recognisable recording/);
    await expect(buildSnapshot({ agentId: null, seq: 0, from: await dirWith({ 'x.wmi': 'Foo=1\n' }) })).rejects.toMatchObject({ code: 'E_RECORDED_INPUT' });
  });

  it('builds a whole valid snapshot from a recorded folder', async () => {
    const s = await buildSnapshot({ agentId: null, seq: 0, now: NOW, from: resolve(GLPI_WIN32, 'wmi') });
    assertValid(Snapshot, s, 'snapshot');
    expect(s).toMatchObject({ collectedAt: NOW.toISOString(), agent: { platform: 'win32' }, os: { family: 'windows' } });
  });
});
