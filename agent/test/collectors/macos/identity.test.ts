import { OperatingSystem, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { collectIdentity } from '../../../src/collectors/macos/identity.collect.js';
import { ioregValue, macHardware, parseIoregPlatform, parseSysctl } from '../../../src/collectors/macos/hardware.parse.js';
import { modelChassis } from '../../../src/collectors/macos/models.data.js';
import { macosCodename, osFromSwVers, parseSwVers } from '../../../src/collectors/macos/sw-vers.parse.js';
import { ExecFailedError } from '../../../src/exec/run.js';
import { caseAnswers, macIo } from './mac-io.js';

const HOST = { kernel: '23.4.0', arch: 'arm64' };

describe('sw_vers', () => {
  it('reads the macOS 11+ format (two tabs) and Rapid Security Response extra', () => {
    const sw = parseSwVers('ProductName:\t\tmacOS\nProductVersion:\t\t13.4.1\nProductVersionExtra:\t(c)\nBuildVersion:\t\t22F770820d\n');
    expect(sw).toEqual({ productName: 'macOS', productVersion: '13.4.1', productVersionExtra: '(c)', buildVersion: '22F770820d' });
    const os = osFromSwVers(sw, HOST, 'Apple Inc.');
    expect(os.name).toBe('macOS Ventura 13.4.1 (c)');
    expect(os.version).toBe('13.4.1');
  });

  it('reads the old "Mac OS X" format with one tab', () => {
    const os = osFromSwVers(parseSwVers('ProductName:\tMac OS X\r\nProductVersion:\t10.8.5\r\nBuildVersion:\t12F45\r\n'), { kernel: '12.5.0', arch: 'x86_64' }, 'Apple Inc.');
    assertValid(OperatingSystem, os, 'mountain lion');
    expect(os).toMatchObject({ family: 'macos', id: 'macos', name: 'Mac OS X Mountain Lion 10.8.5', version: '10.8.5', build: '12F45', codename: 'Mountain Lion', kernel: '12.5.0', arch: 'x86_64' });
  });

  it('names versions by major (11+) or minor (10.x), and leaves unknown ones unnamed', () => {
    expect(macosCodename('10.15.7')).toBe('Catalina');
    expect(macosCodename('14.4.1')).toBe('Sonoma');
    expect(macosCodename('26.0')).toBe('Tahoe');
    expect(macosCodename('99.1')).toBeUndefined();
    expect(macosCodename('garbage')).toBeUndefined();
  });

  it('has no activation; states the manufacturer for the collector to judge', () => {
    expect(osFromSwVers({ productVersion: '14.5' }, HOST, 'Apple Inc.').activation).toEqual({
      state: 'not-applicable',
      reason: 'macOS has no product activation; it is licensed with the Apple computer it runs on',
      source: 'ioreg:IOPlatformExpertDevice',
      details: { manufacturer: 'Apple Inc.' },
    });
    const vm = osFromSwVers({ productVersion: '14.5' }, HOST, 'VMware, Inc.').activation;
    expect(vm.reason).toMatch(/Apple-branded computers only.*"VMware, Inc\."/);
    const unknown = osFromSwVers({}, HOST, undefined);
    expect(unknown.name).toBe('macOS');
    expect(unknown.activation).toMatchObject({ state: 'not-applicable', source: 'sw_vers', details: { manufacturer: null } });
    assertValid(OperatingSystem, unknown, 'empty');
  });
});

describe('ioreg and sysctl', () => {
  it('reads the Apple silicon platform device', () => {
    const pe = parseIoregPlatform((caseAnswers('macos-14-sonoma-office-365').platformExpert as { stdout: string }).stdout);
    expect(pe).toEqual({ manufacturer: 'Apple Inc.', model: 'MacBookPro18,3', serial: 'FVFGK2J3Q6L4', uuid: '5A0E1F8C-3B7D-5E21-9C44-2D8F6A1B7E90' });
  });

  it('reads the tree form with "|" prefixes (plain `ioreg -c`)', () => {
    const text = '      +-o MacBookPro10,1 <class IOPlatformExpertDevice>\n        | {\n        | "IOPlatformUUID" = "CB31F9D1-9D33-5AF6-99B5-53313425533A"\n        | "manufacturer" = <"Apple Inc.">\n        | "IOPlatformSerialNumber" = "C020000MFF00"\n        | "model" = <"MacBookPro10,1">\n        | }\n';
    expect(parseIoregPlatform(text)).toEqual({ manufacturer: 'Apple Inc.', model: 'MacBookPro10,1', serial: 'C020000MFF00', uuid: 'CB31F9D1-9D33-5AF6-99B5-53313425533A' });
  });

  it('decodes ioreg value forms', () => {
    expect(ioregValue('"text"')).toBe('text');
    expect(ioregValue('<"J316sAP","MacBookPro18,1","AppleARM">')).toBe('J316sAP');
    expect(ioregValue('<4d61633134000000>')).toBe('Mac14');
    expect(ioregValue('<94e1c79e>')).toBeUndefined();
    expect(ioregValue('(<0900000005000000>)')).toBeUndefined();
  });

  it('reads sysctl lines and skips what it cannot read', () => {
    expect(parseSysctl('hw.model: Mac14,2\nhw.memsize: 8589934592\nsysctl: unknown oid \'x\'\n\nmachdep.cpu.brand_string: Apple M2\n')).toEqual({
      'hw.model': 'Mac14,2', 'hw.memsize': '8589934592', 'machdep.cpu.brand_string': 'Apple M2',
    });
  });

  it('prefers hw.model, lower-cases the UUID and drops placeholder serials', () => {
    const hw = macHardware({ manufacturer: 'Apple Inc.', model: 'J413AP', serial: '0', uuid: 'ABC-DEF' }, { 'hw.model': 'Mac14,2' });
    expect(hw).toEqual({ chassis: 'laptop', chassisSource: 'hw.model Mac14,2 (MacBook Air (M2, 2022))', manufacturer: 'Apple Inc.', model: 'Mac14,2', hardwareUuid: 'abc-def' });
  });

  it.each([
    ['MacBookPro18,3', 'Apple Inc.', 'laptop'],
    ['MacBookAir8,1', 'Apple Inc.', 'laptop'],
    ['iMac20,1', 'Apple Inc.', 'desktop'],
    ['Macmini9,1', 'Apple Inc.', 'desktop'],
    ['MacPro7,1', 'Apple Inc.', 'desktop'],
    ['Mac13,1', 'Apple Inc.', 'desktop'],
    ['Mac14,15', 'Apple Inc.', 'laptop'],
    ['Mac16,10', 'Apple Inc.', 'desktop'],
    ['Xserve3,1', 'Apple Inc.', 'server'],
    ['VMware7,1', 'VMware, Inc.', 'virtual'],
    ['VirtualMac2,1', 'Apple Inc.', 'virtual'],
    ['Parallels-ARM', 'Parallels International GmbH.', 'virtual'],
    ['Mac99,9', 'Apple Inc.', 'unknown'],
    [undefined, 'Apple Inc.', 'unknown'],
  ] as const)('chassis of %s is %s → %s', (model, maker, chassis) => {
    expect(modelChassis(model, maker).chassis).toBe(chassis);
  });
});

describe('collectIdentity', () => {
  it('reads a recorded Mac', async () => {
    const id = await collectIdentity(macIo(caseAnswers('macos-13-ventura-no-office')));
    expect(id.errors).toEqual([]);
    expect(id.sw).toEqual({ productName: 'macOS', productVersion: '13.6.6', buildVersion: '22G630' });
    expect(id.hardware).toMatchObject({ chassis: 'desktop', manufacturer: 'Apple Inc.', model: 'iMac20,1', serial: 'C02DK1ZKPN7J' });
  });

  it('lists each failing source and keeps the rest', async () => {
    const id = await collectIdentity(macIo({
      swVers: 'garbage\n',
      platformExpert: new ExecFailedError('ioreg', 1, 'boom', 'exit code 1', null),
      sysctl: { stdout: 'hw.model: MacBookPro18,3\n', stderr: "sysctl: unknown oid 'machdep.cpu.brand_string'", exitCode: 1 },
    }));
    expect(id.errors.map((e) => [e.source, e.code])).toEqual([['sw_vers', 'E_UNREADABLE_OUTPUT'], ['ioreg', 'E_EXEC_FAILED']]);
    expect(id.sw).toBeUndefined();
    expect(id.hardware).toEqual({ chassis: 'laptop', chassisSource: 'hw.model MacBookPro18,3 (MacBook family)', model: 'MacBookPro18,3' });
  });

  it('says which required command is missing', async () => {
    const id = await collectIdentity(macIo({}));
    expect(id.errors.map((e) => [e.source, e.code])).toEqual([['sw_vers', 'E_SOURCE_MISSING'], ['ioreg', 'E_SOURCE_MISSING']]);
    expect(id.hardware.chassis).toBe('unknown');
  });
});
