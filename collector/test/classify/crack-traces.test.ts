import { evidence, type Observations, type Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { classifyMachine } from '../../src/classify/index.js';
import { ctx, huorong, windows } from './builders.js';

const EMPTY: Observations = { services: [], tasks: [], processes: [], files: [], registry: [] };

/** A licensed Windows 10 Pro with licensed Office and antivirus, plus what a test adds. */
function pc(over: { observations?: Partial<Observations>; software?: Snapshot['software']; indicators?: Snapshot['indicators'] } = {}): Snapshot {
  const s = windows();
  s.office = [{
    name: 'Microsoft Office Professional Plus 2016', vendor: 'Microsoft', edition: 'Professional Plus 2016', version: '16.0', source: 'registry:Office Registration',
    activation: { state: 'activated', channel: 'Retail', source: 'wmi:SoftwareLicensingProduct' },
  }];
  s.antivirus = [huorong()];
  s.software = over.software ?? [{ name: '7-Zip 23.01 (x64)', publisher: 'Igor Pavlov', source: 'registry:HKLM' }];
  s.indicators = over.indicators ?? [];
  if (over.observations) s.observations = { ...EMPTY, ...over.observations };
  return s;
}

const crackFindings = (s: Snapshot) => classifyMachine(s, ctx()).findings.filter((f) => f.code === 'crack-activator');

describe('crack tools the catalog knows', () => {
  it('the clean PC the cases start from is licensed', () => {
    expect(classifyMachine(pc({ observations: {} }), ctx()).status).toBe('licensed');
  });

  it.each([
    ['its Uninstall entry alone', { software: [{ name: 'KMSpico', source: 'registry:HKLM-WOW6432' }] }, 'KMSpico', 'Uninstall entry "KMSpico"'],
    ['an Uninstall entry of a "Team Daz" repack', { software: [{ name: 'KMS Activator Ultimate 2024', publisher: 'Team Daz', source: 'registry:HKLM' }] }, 'KMSpico', 'publisher Team Daz'],
    ['a service', { observations: { services: [{ name: 'Service KMSELDI', path: 'C:\\Program Files\\KMSpico\\Service_KMS.exe', state: 'Running' }] } }, 'KMSpico', 'service Service KMSELDI (Running)'],
    ['a scheduled task', { observations: { tasks: [{ path: '\\KMSAutoNet', action: 'C:\\ProgramData\\KMSAutoS\\KMSAuto Net.exe /win=act' }] } }, 'KMSAuto', 'scheduled task \\KMSAutoNet runs'],
    ['a process', { observations: { processes: ['AAct_x64.exe'] } }, 'AAct', 'process AAct_x64.exe'],
    ['a folder', { observations: { files: [{ path: 'C:\\Windows\\AutoKMS', kind: 'folder' as const }] } }, 'Microsoft Toolkit', 'folder C:\\Windows\\AutoKMS'],
    ['an IFEO value', { observations: { registry: [{ key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\SppExtComObj.exe', name: 'VerifierDlls', value: 'SppExtComObjHook.dll' }] } }, 'KMS_VL_ALL (SppExtComObj hook)', 'VerifierDlls = SppExtComObjHook.dll'],
    ['a public KMS server in the licensing keys', { observations: { registry: [{ key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform', name: 'KeyManagementServiceName', value: 'kms8.msguides.com' }] } }, 'Public KMS server', 'KeyManagementServiceName = kms8.msguides.com'],
  ] as const)('is found by %s: one crack-activator finding naming the tool and the evidence, and the PC is not licensed', (_how, over, tool, quoted) => {
    const s = pc(over as Parameters<typeof pc>[0]);
    const verdict = classifyMachine(s, ctx());
    expect(verdict.status).toBe('unauthorized');
    const [f, ...more] = crackFindings(s);
    expect(more).toEqual([]);
    expect(f).toMatchObject({ category: 'os', subject: tool, passed: false });
    expect(f!.message).toContain(quoted);
    expect(f!.messageZh).toContain('破解工具');
    expect(f!.facts.some((x) => x.startsWith('catalog.product = '))).toBe(true);
  });

  it('files a KMS host of Office\'s licensing key under office, and one tool\'s traces under one finding', () => {
    const office = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform\\0ff1ce15-a989-479d-af46-f275c6370663';
    const s = pc({
      observations: {
        registry: [{ key: office, name: 'KeyManagementServiceName', value: '10.0.0.10' }],
        files: [
          { path: 'C:\\Program Files\\Microsoft Office\\root\\vfs\\System\\sppc.dll', kind: 'file', size: 31232 },
          { path: 'C:\\Program Files\\Microsoft Office\\root\\vfs\\System\\sppcs.dll', kind: 'file', target: 'C:\\Windows\\System32\\sppc.dll' },
        ],
      },
    });
    const found = crackFindings(s);
    expect(found.map((f) => [f.category, f.subject])).toEqual([['office', 'Ohook']]);
    expect(found[0]!.message).toContain('sppcs.dll -> C:\\Windows\\System32\\sppc.dll');
    expect(found[0]!.message).toContain('KeyManagementServiceName = 10.0.0.10');
  });

  it('folds an agent indicator that quotes the same evidence into the tool\'s finding, and keeps one that quotes more', () => {
    const folder = { path: 'C:\\Program Files\\KMSpico', kind: 'folder' as const };
    const same = { kind: 'kmspico', category: 'os' as const, description: 'KMSpico activator', evidence: [evidence.file(folder)] };
    const lease = { kind: 'kms38-grace', category: 'os' as const, description: 'KMS38: a lease far beyond 180 days', evidence: ['licence GracePeriodRemaining = 5872034 minutes'] };
    const found = crackFindings(pc({ observations: { files: [folder] }, indicators: [same, lease] }));
    expect(found.map((f) => f.subject)).toEqual(['KMSpico', 'Microsoft Windows 10 Pro']);
    expect(found[1]!.message).toContain('KMS38');
  });

  it('still judges a format 1 snapshot (no observations) by the agent\'s indicators and its Uninstall list', () => {
    const s = pc({ software: [{ name: 'HEU KMS Activator 42.0.1', source: 'registry:HKLM' }], indicators: [{ kind: 'kms-host-loopback', description: 'KMS activation against a loopback KMS host', evidence: ['registry X\\KeyManagementServiceName = 127.0.0.2'] }] });
    expect(crackFindings(s).map((f) => f.subject)).toEqual(['HEU KMS Activator', 'Microsoft Windows 10 Pro']);
  });

  it('takes nothing Windows itself runs for a crack tool', () => {
    const s = pc({
      observations: {
        services: [{ name: 'sppsvc', path: 'C:\\Windows\\system32\\sppsvc.exe', state: 'Running' }, { name: 'ClickToRunSvc', path: 'C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeClickToRun.exe /service' }],
        tasks: [{ path: '\\Microsoft\\Windows\\SoftwareProtectionPlatform\\SvcRestartTask' }, { path: '\\GoogleUpdateTaskMachineUA', action: 'C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe /ua' }],
        processes: ['svchost.exe', 'SppExtComObj.Exe', 'WINWORD.EXE', 'HipsTray.exe'],
        files: [{ path: 'C:\\Program Files\\Microsoft Office', kind: 'folder' }, { path: 'C:\\Program Files\\Huorong', kind: 'folder' }],
        registry: [{ key: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform', name: 'KeyManagementServicePort', value: '1688' }],
      },
    });
    expect(crackFindings(s)).toEqual([]);
    expect(classifyMachine(s, ctx()).status).toBe('licensed');
  });
});
