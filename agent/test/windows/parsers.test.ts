import { assertValid, Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { decodeProductState } from '../../src/collectors/windows/antivirus.parse.js';
import { windowsFacts } from '../../src/collectors/windows/index.js';
import type { LicensingRow } from '../../src/collectors/windows/inventory.schema.js';
import { activationFromRow, channelOf, hresult } from '../../src/collectors/windows/licensing.parse.js';
import { chassisOf } from '../../src/collectors/windows/machine.parse.js';
import { fromLicenseFamily, fromProductName, fromReleaseId } from '../../src/collectors/windows/office.products.js';
import { archOf } from '../../src/collectors/windows/os.parse.js';
import { softwareFromUninstall } from '../../src/collectors/windows/software.parse.js';
import { kmsHostKind } from '../../src/collectors/windows/traces.parse.js';
import { vnextActivation } from '../../src/collectors/windows/vnext.parse.js';
import { wpsEdition } from '../../src/collectors/windows/wps.parse.js';
import { inventory } from './helpers.js';

const WIN = '55c92734-d682-4d71-983e-d6ec3f16059f';
const OFFICE = '0ff1ce15-a989-479d-af46-f275c6370663';
const NOW = new Date('2026-11-20T08:00:00Z');
const ctx = { source: 'wmi:SoftwareLicensingProduct' };
const winRow = (r: Partial<LicensingRow>): LicensingRow => ({ ApplicationID: WIN, PartialProductKey: 'ABCDE', LicenseIsAddon: false, ...r });
const Parts = Snapshot.properties;

describe('licensing', () => {
  it.each([
    [0, 'not-activated'], [1, 'activated'], [2, 'grace'], [3, 'grace'], [4, 'grace'], [5, 'notification'], [6, 'grace'], [9, 'unknown'],
  ] as const)('LicenseStatus %i → %s', (status, state) => {
    expect(activationFromRow(winRow({ LicenseStatus: status }), ctx).state).toBe(state);
  });

  it('puts the non-genuine reason in plain words and hex', () => {
    const a = activationFromRow(winRow({ LicenseStatus: 4, LicenseStatusReason: 3221549568 }), ctx);
    expect(a.reason).toMatch(/non-genuine grace period.*0xC004F200, non-genuine/);
    expect(a.details).toMatchObject({ LicenseStatusReason: '0xC004F200', LicenseStatusName: 'NonGenuineGrace' });
    expect(hresult(1074065472)).toBe('0x4004F040');
  });

  it.each([
    ['Windows(R) Operating System, VOLUME_KMSCLIENT channel', 'Volume:GVLK'],
    ['Windows(R) Operating System, VOLUME_KMS_C channel', 'Volume:CSVLK'],
    ['Windows(R) Operating System, VOLUME_MAK channel', 'Volume:MAK'],
    ['Windows(R) Operating System, OEM_DM channel', 'OEM:DM'],
    ['Windows(R) Operating System, OEM_SLP channel', 'OEM:SLP'],
    ['Windows(R) Operating System, OEM_COA_NSLP channel', 'OEM:NONSLP'],
    ['Office 16, RETAIL(Grace) channel', 'Retail'],
    ['Office 16, TIMEBASED_SUB channel', 'Timebased:Subscription'],
  ])('derives the channel from %j', (Description, channel) => {
    expect(channelOf({ Description })).toBe(channel);
  });

  it('prefers ProductKeyChannel, and finds the KMS host in the row, registry, then discovery', () => {
    expect(channelOf({ Description: 'x, VOLUME_MAK channel', ProductKeyChannel: 'Volume:GVLK' })).toBe('Volume:GVLK');
    const kms = winRow({ LicenseStatus: 1, ProductKeyChannel: 'Volume:GVLK', DiscoveredKeyManagementServiceMachineIpAddress: '10.1.1.1' });
    expect(activationFromRow(kms, ctx).kmsHost).toBe('10.1.1.1');
    const registry = [{ key: `HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform\\${WIN}`, name: 'KeyManagementServiceName', value: 'kms.org.cn' }];
    expect(activationFromRow(kms, { ...ctx, registry }).kmsHost).toBe('kms.org.cn');
    expect(activationFromRow({ ...kms, KeyManagementServiceMachine: 'own.host' }, { ...ctx, registry }).kmsHost).toBe('own.host');
  });

  it('picks the primary Windows row: no add-ons, Licensed first, else the only non-zero one', () => {
    const pick = (rows: LicensingRow[]) => windowsFacts(inventory({ licensing: { products: rows } })).os.activation;
    expect(pick([winRow({ LicenseStatus: 1, Name: 'ESU', LicenseIsAddon: true, PartialProductKey: 'ESU01' }), winRow({ LicenseStatus: 5, Name: 'Pro' })]).partialKey).toBe('ABCDE');
    expect(pick([winRow({ LicenseStatus: 0, PartialProductKey: 'OLD00' }), winRow({ LicenseStatus: 1, PartialProductKey: 'NEW11' })]).partialKey).toBe('NEW11');
    expect(pick([winRow({ LicenseStatus: 0, PartialProductKey: 'OLD00' }), winRow({ LicenseStatus: 2, PartialProductKey: 'OOB22' })]).partialKey).toBe('OOB22');
    expect(pick([])).toMatchObject({ state: 'unknown', reason: 'no Windows licensing row with an installed product key' });
  });
});

describe('os', () => {
  it('keeps localised captions, reads localised architectures, joins BuildNumber.UBR', () => {
    const os = windowsFacts(inventory({ os: { Caption: 'Microsoft Windows 10 专业版 ', Version: '10.0.19045', BuildNumber: '19045', UBR: 3803, OSArchitecture: '64 位', EditionID: 'Professional', DisplayVersion: '22H2', ProductType: 3 } })).os;
    expect(os).toMatchObject({ family: 'windows', id: 'windows', name: 'Microsoft Windows 10 专业版', build: '19045.3803', edition: 'Professional', codename: '22H2', arch: 'x64' });
    expect(os.activation.details?.ProductType).toBe('server');
    expect([archOf('64 bits'), archOf('32-bit'), archOf('ARM 64-bit Processor'), archOf(null)]).toEqual(['x64', 'x86', 'arm64', 'unknown']);
  });
});

describe('antivirus', () => {
  it.each([
    [266240, 'on', true, true, 'third-party'],
    [393472, 'off', false, true, 'microsoft'],
    [397568, 'on', true, true, 'microsoft'],
    [266256, 'on', true, false, 'third-party'],
    [262144, 'off', false, true, 'third-party'],
    [270336, 'snoozed', false, true, 'third-party'],
    [274432, 'expired', false, true, 'third-party'],
  ] as const)('decodes productState %i', (n, state, enabled, upToDate, owner) => {
    expect(decodeProductState(n)).toEqual({ state, enabled, upToDate, owner });
  });

  it('refines Defender with MpComputerStatus (passive is off) and falls back to processes on servers', () => {
    const facts = windowsFacts(inventory({
      antivirus: {
        securityCenter2Available: true,
        products: [{ displayName: 'Windows Defender', productState: 397568, pathToSignedProductExe: 'windowsdefender://' }],
        defender: { AMProductVersion: '4.18.1', AMRunningMode: 'Passive Mode', AntivirusEnabled: true, RealTimeProtectionEnabled: true, DefenderSignaturesOutOfDate: true },
      },
    }));
    expect(facts.antivirus).toEqual([expect.objectContaining({ name: 'Windows Defender', version: '4.18.1', enabled: false, upToDate: false, state: 'passive' })]);
    const server = windowsFacts(inventory({
      antivirus: { securityCenter2Available: false, processes: [{ Name: 'TQTray.exe' }], services: [{ Name: 'RsMgrSvc', State: 'Stopped' }] },
      software: [{ hive: 'HKLM-WOW6432', keyName: 'x', DisplayName: '奇安信天擎', DisplayVersion: '10.0', Publisher: '奇安信' }],
    }));
    expect(server.antivirus).toEqual([
      expect.objectContaining({ name: '瑞星杀毒软件', enabled: null, state: 'stopped' }),
      expect.objectContaining({ name: '奇安信天擎', enabled: true, version: '10.0', vendor: '奇安信', state: 'running' }),
    ]);
    assertValid(Parts.antivirus, server.antivirus, 'av');
  });
});

describe('traces', () => {
  it('classifies KMS hosts: loopback, activator defaults, public; the org host is not a trace', () => {
    expect(kmsHostKind('127.0.0.2')?.kind).toBe('kms-host-loopback');
    expect(kmsHostKind('172.16.0.2')?.kind).toBe('kms-host-activator-default');
    expect(kmsHostKind('10.0.0.10')?.kind).toBe('kms-host-activator-default');
    expect(kmsHostKind('KMS8.MSGuides.com:1688')?.kind).toBe('kms-host-public');
    expect(kmsHostKind('kms.czj.gov.example.cn')).toBeUndefined();
  });

  it('detects KMS38 (a GVLK lease beyond 180 days) but not a fresh 180-day lease', () => {
    const kinds = (grace: number) => windowsFacts(inventory({ licensing: { products: [winRow({ LicenseStatus: 1, ProductKeyChannel: 'Volume:GVLK', GracePeriodRemaining: grace })] } })).indicators.map((i) => i.kind);
    expect(kinds(5_872_034)).toEqual(['kms38-grace']);
    expect(kinds(259_200)).toEqual([]);
  });

  it('detects Ohook files and heartbeat, KMS_VL_ALL IFEO, tasks and services', () => {
    const facts = windowsFacts(inventory({
      traces: {
        files: [{ path: 'C:\\Program Files\\Microsoft Office\\root\\vfs\\System\\sppc.dll', size: 12288 }],
        registry: [{ key: 'HKEY_USERS\\S-1-5-21-1\\Software\\Microsoft\\Office\\16.0\\Common\\Licensing\\Resiliency', name: 'TimeOfLastHeartbeatFailure', value: '2040-01-01T00:00:00Z' }],
        ifeo: [{ key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\SppExtComObj.exe', name: 'VerifierDlls', value: 'SppExtComObjHook.dll' }],
        tasks: [{ TaskPath: '\\Microsoft\\Windows\\SoftwareProtectionPlatform\\', TaskName: 'SvcTrigger' }, { TaskPath: '\\', TaskName: 'Activation-Renewal' }],
        services: [{ Name: 'KMSELDI', State: 'Running' }, { Name: 'Spooler', State: 'Running' }],
      },
    }));
    expect(facts.indicators.map((i) => `${i.kind}/${i.category}`)).toEqual([
      'ohook-sppc/office', 'kms-vl-all-task/os', 'mas-online-kms/os', 'activator-service/os', 'kms-vl-all-ifeo/os', 'ohook-heartbeat/office',
    ]);
    expect(facts.indicators[0]!.evidence).toEqual(['file C:\\Program Files\\Microsoft Office\\root\\vfs\\System\\sppc.dll (12288 bytes)']);
    assertValid(Parts.indicators, facts.indicators, 'indicators');
  });
});

describe('office', () => {
  it('reduces C2R ids, licence families and MSI names to one product id', () => {
    expect(fromReleaseId('ProPlus2019Volume')).toMatchObject({ code: 'proplus', year: '2019', kind: 'Volume' });
    expect(fromReleaseId('O365ProPlusRetail')).toMatchObject({ code: 'o365proplus', year: '', kind: 'Retail' });
    expect(fromLicenseFamily('Office19ProPlus2019VL_KMS_Client_AE')).toMatchObject({ code: 'proplus', year: '2019', kind: 'Volume', major: '16' });
    expect(fromLicenseFamily('Office16ProPlusVL_KMS_Client')).toMatchObject({ code: 'proplus', year: '2016' });
    expect(fromLicenseFamily('OfficeProPlus-KMS_Client', 'Office 14, OfficeProPlus-KMS_Client edition')).toMatchObject({ code: 'proplus', year: '2010' });
    expect(fromProductName('Microsoft Office Professional Plus 2010', '14')).toMatchObject({ code: 'proplus', year: '2010' });
    expect(fromProductName('Skype for Business 2016', '16')).toBeUndefined();
  });

  it('flags a Retail C2R product on a Volume licence, with x86 from Platform', () => {
    const facts = windowsFacts(inventory({
      office: { clickToRun: { ProductReleaseIds: 'ProPlus2019Retail', Platform: 'x86', VersionToReport: '16.0.10417.20012' } },
      licensing: { products: [{ ApplicationID: OFFICE, PartialProductKey: '6MWKP', LicenseFamily: 'Office19ProPlus2019VL_KMS_Client_AE', LicenseStatus: 1, ProductKeyChannel: 'Volume:GVLK' }] },
    }));
    expect(facts.office).toEqual([expect.objectContaining({ name: 'Microsoft Office Professional Plus 2019', arch: 'x86', version: '16.0.10417.20012', products: ['ProPlus2019Retail'] })]);
    expect(facts.office[0]!.activation).toMatchObject({ state: 'activated', channel: 'Volume:GVLK', partialKey: '6MWKP' });
    expect(facts.indicators.map((i) => i.kind)).toEqual(['c2r-retail-with-volume-licence']);
  });

  it('judges vNext licences against now: licensed, grace, expired, lifetime', () => {
    const lic = { scope: 'user' as const, ProductReleaseId: 'O365ProPlusRetail', Status: 'Licensed', ExpiresOn: '2026-12-01T00:00:00Z', NotAfter: '2027-01-01T00:00:00Z' };
    expect(vnextActivation(lic, NOW).state).toBe('activated');
    expect(vnextActivation(lic, new Date('2026-12-15T00:00:00Z')).state).toBe('grace');
    expect(vnextActivation(lic, new Date('2027-02-01T00:00:00Z')).state).toBe('expired');
    expect(vnextActivation({ ...lic, ExpiresOn: null, NotAfter: null }, NOW).state).toBe('activated');
  });

  it('reads the WPS edition from oem.ini where it is readable', () => {
    expect(wpsEdition({ 'Product.VersionID': '0' })).toBe('professional');
    expect(wpsEdition({ VersionID: '1' })).toBe('personal');
    expect(wpsEdition({ ProductDefinition: 'Professional' })).toBe('professional');
    expect(wpsEdition({ VersionID: 'q8Zx0a==' })).toBeUndefined();
    expect(wpsEdition(undefined)).toBeUndefined();
  });
});

describe('software and machine', () => {
  it('filters Uninstall entries like Programs and Features, keeping system components marked', () => {
    const items = softwareFromUninstall([
      { hive: 'HKLM', keyName: 'a', DisplayName: 'App', DisplayVersion: '1.0', InstallDate: '20230815', EstimatedSize: 10 },
      { hive: 'HKLM', keyName: 'a2', DisplayName: 'App', DisplayVersion: '1.0' },
      { hive: 'HKLM-WOW6432', keyName: 'b', DisplayName: 'App', DisplayVersion: '1.0' },
      { hive: 'HKLM', keyName: 'c', DisplayName: null },
      { hive: 'HKLM', keyName: 'd', DisplayName: 'KB123', ParentKeyName: 'App' },
      { hive: 'HKLM', keyName: 'e', DisplayName: 'Fix', ReleaseType: 'Security Update' },
      { hive: 'HKLM', keyName: 'f', DisplayName: 'Hidden', SystemComponent: 1, InstallDate: '2023-08-15' },
    ], 'x64');
    expect(items).toEqual([
      { name: 'App', version: '1.0', arch: 'x64', installDate: '2023-08-15', sizeBytes: 10240, source: 'registry:HKLM', scope: 'machine' },
      { name: 'App', version: '1.0', arch: 'x86', source: 'registry:HKLM-WOW6432', scope: 'machine' },
      { name: 'Hidden', arch: 'x64', source: 'registry:HKLM', scope: 'machine', systemComponent: true },
    ]);
  });

  it.each([
    [{ ChassisTypes: [10, 12] }, 'laptop'],
    [{ ChassisTypes: [3] }, 'desktop'],
    [{ ChassisTypes: [23] }, 'server'],
    [{ ChassisTypes: [3], Manufacturer: 'Microsoft Corporation', Model: 'Virtual Machine' }, 'virtual'],
    [{ ChassisTypes: [3], HypervisorPresent: true }, 'desktop'],
    [{ ChassisTypes: [1], HypervisorPresent: true }, 'virtual'],
    [{ PCSystemType: 2 }, 'laptop'],
    [{ PCSystemType: 4 }, 'server'],
    [{}, 'unknown'],
  ] as const)('chassis of %j is %s', (computer, chassis) => {
    expect(chassisOf(computer).chassis).toBe(chassis);
  });
});
