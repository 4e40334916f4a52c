import { assertValid, Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { antivirusFromInventory } from '../../src/collectors/windows/antivirus.parse.js';
import { windowsFacts } from '../../src/collectors/windows/index.js';
import type { UninstallEntry, WindowsInventory } from '../../src/collectors/windows/inventory.schema.js';
import { isWpsSuiteName, wpsSuites } from '../../src/collectors/windows/wps.parse.js';
import { inventory } from './helpers.js';

const Parts = Snapshot.properties;
const entry = (DisplayName: string, e: Partial<UninstallEntry> = {}): UninstallEntry => ({ hive: 'HKLM-WOW6432', keyName: DisplayName, DisplayName, ...e });
const defender = { displayName: 'Windows Defender', productState: 397568, pathToSignedProductExe: 'windowsdefender://' };

describe('antivirus known only from its Uninstall entry', () => {
  it('on Windows Server (no Security Center) lists a known product that nothing else reported, activation unknown', () => {
    const av = antivirusFromInventory(inventory({
      antivirus: { securityCenter2Available: false, services: [], processes: [] },
      software: [entry('火绒安全软件', { hive: 'HKLM', DisplayVersion: '5.0.75.6', Publisher: '北京火绒网络科技有限公司', keyName: 'HuorongSysdiag' })],
    }));
    expect(av).toEqual([{
      name: '火绒安全软件', vendor: '北京火绒网络科技有限公司', version: '5.0.75.6', enabled: null, upToDate: null, owner: 'third-party', source: 'registry:Uninstall',
      activation: {
        state: 'unknown', source: 'registry:Uninstall',
        reason: 'found only in the Uninstall list: this Windows has no Security Center (Windows Server), and no known service or process of it is running, so whether it protects this PC is not known',
        details: { DisplayName: '火绒安全软件', Publisher: '北京火绒网络科技有限公司', hive: 'HKLM' },
      },
    }]);
    assertValid(Parts.antivirus, av, 'antivirus');
  });

  it('on a workstation says it is not registered with Security Center, beside what is', () => {
    const av = antivirusFromInventory(inventory({
      antivirus: { securityCenter2Available: true, products: [defender], services: [], processes: [] },
      software: [entry('360杀毒', { DisplayVersion: '5.0.0.8170', Publisher: '360安全中心' })],
    }));
    expect(av.map((a) => [a.name, a.source, a.activation?.reason])).toEqual([
      ['Windows Defender', 'wmi:SecurityCenter2', undefined],
      ['360杀毒', 'registry:Uninstall', 'found only in the Uninstall list: it is not registered with Security Center, and no known service or process of it is running, so whether it protects this PC is not known'],
    ]);
  });

  it('says which sources were not read, when they were not', () => {
    const av = antivirusFromInventory(inventory({ software: [entry('奇安信天擎', { DisplayVersion: '10.0' })] }));
    expect(av).toEqual([expect.objectContaining({ name: '奇安信天擎', vendor: 'Qi An Xin', version: '10.0' })]);
    expect(av[0]!.activation?.reason).toBe('found only in the Uninstall list: Security Center was not read, and services and processes were not read, so whether it protects this PC is not known');
  });

  it('does not list again what Security Center, a service or a process reported, nor Defender, nor one product twice', () => {
    const inv: WindowsInventory = inventory({
      antivirus: {
        securityCenter2Available: true,
        products: [{ displayName: '火绒安全软件', productState: 266240 }, defender],
        processes: [{ Name: 'TQTray.exe' }],
        services: [{ Name: 'RsMgrSvc', State: 'Stopped' }],
      },
      software: [
        entry('火绒安全软件'), entry('天擎终端安全管理系统'), entry('瑞星杀毒软件'), entry('Microsoft Defender Antivirus'),
        entry('360安全卫士', { hive: 'HKLM' }), entry('奇虎360安全卫士', { hive: 'HKLM-WOW6432' }),
        entry('360 Total Security', { hive: 'HKU', userSid: 'S-1-5-21-1-1001' }),
      ],
    });
    expect(antivirusFromInventory(inv).map((a) => `${a.name} ${a.source}`)).toEqual([
      '火绒安全软件 wmi:SecurityCenter2', 'Windows Defender wmi:SecurityCenter2',
      '瑞星杀毒软件 service:RsMgrSvc', '奇安信天擎 process:tqtray.exe', '360安全卫士 registry:Uninstall',
    ]);
  });

  it.each([
    '360压缩', '360安全浏览器', '360驱动大师', '360软件管家', '微软电脑管家', '华为电脑管家', 'Microsoft PC Manager',
    '瑞星个人防火墙', '瑞星卡卡上网安全助手', 'Surprising Tool', 'Rising Sun Photo', 'QAXis Analyzer', 'qax-browser', '奇安信可信浏览器',
    '火绒剑', 'Kingsoft Office', '金山PDF', '金山打字通', 'WPS Office (11.1.0.14309)', 'Huorong Photo', 'Baidu Netdisk', '江民通讯录',
  ])('does not take %j for an antivirus', (name) => {
    expect(antivirusFromInventory(inventory({ antivirus: { securityCenter2Available: true, products: [] }, software: [entry(name)] }))).toEqual([]);
  });

  it.each([
    ['火绒安全软件', 'Huorong'], ['360安全卫士', 'Qihoo 360'], ['奇虎360安全卫士', 'Qihoo 360'], ['360杀毒', 'Qihoo 360'],
    ['360 Total Security', 'Qihoo 360'], ['奇安信天擎', 'Qi An Xin'], ['天擎终端安全管理系统', 'Qi An Xin'], ['瑞星杀毒软件', 'Rising'],
    ['Rising Antivirus', 'Rising'], ['腾讯电脑管家', 'Tencent'], ['电脑管家', 'Tencent'], ['金山毒霸', 'Kingsoft'], ['Kingsoft Antivirus', 'Kingsoft'],
    ['江民杀毒软件KV2011', 'Jiangmin'], ['百度杀毒', 'Baidu'],
  ])('takes %j for the known product of %s, named as its entry says', (name, vendor) => {
    const av = antivirusFromInventory(inventory({ antivirus: { securityCenter2Available: true, products: [], processes: [{ Name: 'x.exe' }] }, software: [entry(name)] }));
    expect(av).toEqual([expect.objectContaining({ name, vendor, source: 'registry:Uninstall' })]);
  });
});

describe('WPS Office known only from its Uninstall entry', () => {
  it('is an office suite when the Kingsoft keys named no install: version, scope, user, edition unknown', () => {
    const suites = wpsSuites(inventory({
      software: [
        entry('WPS Office (11.1.0.14309)', { hive: 'HKU', userSid: 'S-1-5-21-1-1001', keyName: 'Kingsoft Office', Publisher: 'Kingsoft Corp.' }),
        entry('WPS Office 2019', { hive: 'HKLM-WOW6432', DisplayVersion: '11.8.2.12085', Publisher: 'Kingsoft Corp.' }),
        entry('WPS Office 2019', { hive: 'HKLM', DisplayVersion: '11.8.2.12085', Publisher: 'Kingsoft Corp.' }),
        entry('WPS PDF', { hive: 'HKLM' }), entry('WPS网盘', { hive: 'HKLM' }), entry('Visual Basic for Application 7.0.1590', { hive: 'HKLM' }),
      ],
    }));
    expect(suites).toEqual([
      {
        name: 'WPS Office', vendor: 'Kingsoft', version: '11.1.0.14309', edition: 'unknown', scope: 'user', userSid: 'S-1-5-21-1-1001', source: 'registry:Uninstall',
        activation: {
          state: 'unknown', source: 'registry:Uninstall',
          reason: 'edition unknown: only its Uninstall entry was found; the Kingsoft registry key that names its install folder was not, so its oem.ini (edition and serial) was not read',
          details: { DisplayName: 'WPS Office (11.1.0.14309)', Publisher: 'Kingsoft Corp.', hive: 'HKU' },
        },
      },
      expect.objectContaining({ name: 'WPS Office', version: '11.8.2.12085', scope: 'machine', arch: 'x86', edition: 'unknown', source: 'registry:Uninstall' }),
    ]);
    assertValid(Parts.office, suites, 'office');
  });

  it('says so when the Kingsoft keys could not be read', () => {
    const [suite] = wpsSuites(inventory({ errors: [{ source: 'wps', message: 'Access denied' }], software: [entry('WPS Office (12.1.0.16729)', { hive: 'HKLM' })] }));
    expect(suite).toMatchObject({ version: '12.1.0.16729', scope: 'machine', activation: { reason: 'edition unknown: only its Uninstall entry was found; the query of the Kingsoft registry keys that name its install folder failed, so its oem.ini (edition and serial) was not read' } });
    expect(suite!.arch).toBeUndefined();
  });

  it('is not added when the Kingsoft keys found the install', () => {
    const facts = windowsFacts(inventory({
      wps: [{ scope: 'machine', InstallRoot: 'C:\\Program Files (x86)\\Kingsoft\\WPS Office\\11.8.2.12085\\office6', Version: '11.8.2.12085', oemIni: { 'Product.VersionID': '0' } }],
      software: [entry('WPS Office (11.8.2.12085)')],
    }));
    expect(facts.office).toEqual([expect.objectContaining({ name: 'WPS Office', edition: 'professional', source: 'registry:HKLM\\Kingsoft\\Office' })]);
  });

  it.each([
    ['WPS Office (11.1.0.14309)', true], ['WPS Office (12.1.0.16729)', true], ['WPS Office 2019', true], ['WPS 2019', true],
    ['WPS Office 2023', true], ['WPS 365', true], ['Kingsoft Office 2013', true], ['Kingsoft Office', true], ['金山WPS Office 2019', true],
    ['WPS Office 雨糖科技特别版 (11.8.2.12085)', true],
    ['WPS PDF', false], ['WPS网盘', false], ['WPS Office PDF', false], ['WPS Office 插件', false], ['WPS Office Add-in for Outlook', false],
    ['WPSOffice Helper', false], ['Kingsoft Writer', false], ['Kingsoft Office Writer', false], ['金山PDF', false], ['WPS输入法', false],
    ['WPS Offices Pro', false], ['MyWPS Office', false],
  ])('%j is the WPS Office suite: %s', (name, suite) => {
    expect(isWpsSuiteName(name)).toBe(suite);
  });
});
