import { assertValid, Snapshot } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { windowsFacts } from '../../src/collectors/windows/index.js';
import type { ScheduledTaskRow, ServiceRow } from '../../src/collectors/windows/inventory.schema.js';
import { imageName } from '../../src/collectors/windows/traces.parse.js';
import { inventory } from './helpers.js';

// What the activators leave, as the research notes document it (KMSpico's installer
// scripts, KMSAuto Net's code, Microsoft Toolkit's source, the HEU KMS Activator manual,
// vlmcsd's ntservice.c, a RogueKiller log for KMS-R@1n, Ghost-image cleanup scripts).
const kindsOf = (parts: Parameters<typeof inventory>[0]) => {
  const facts = windowsFacts(inventory(parts));
  assertValid(Snapshot.properties.indicators, facts.indicators, 'indicators');
  return facts.indicators.map((i) => i.kind);
};
const service = (s: Partial<ServiceRow> & { Name: string }): ServiceRow => ({ State: 'Running', StartMode: 'Auto', ...s });

describe('activator services', () => {
  it.each([
    ['Service KMSELDI', 'C:\\Program Files\\KMSpico\\Service_KMS.exe', 'KMSpico (Service KMSELDI)'],
    ['KMSEmulator', 'C:\\ProgramData\\KMSAuto\\bin\\KMSSS.exe', 'KMSAuto (KMSEmulator)'],
    ['KMSServerService', '"C:\\Windows\\KMSServerService\\KMS Server Service.exe"', 'Microsoft Toolkit (KMS Server Service)'],
    ['KMS-R@1n', 'C:\\Windows\\KMS-R@1n.exe', 'KMS-R@1n'],
    ['vlmcsd', 'C:\\vlmcsd\\vlmcsd.exe -s', 'vlmcsd, a KMS host emulator'],
    ['TunMirror', 'C:\\ProgramData\\KMSAuto\\bin\\TunMirror.exe', 'KMSAuto (TunMirror, its TAP mode)'],
    // Renamed, but running an activator's program.
    ['WinUpdateHelper', '"C:\\Windows\\KMSServerService\\KMS Server Service.exe" -run', 'Microsoft Toolkit (KMS Server Service.exe)'],
    ['Helper', 'C:\\ProgramData\\KMSAuto\\bin\\KMSSS.exe', 'KMSAuto (KMSSS.exe, its KMS Server Service)'],
  ])('service %s (%s) is a service of %s', (Name, PathName, who) => {
    const facts = windowsFacts(inventory({ observed: { services: [service({ Name, PathName })] } }));
    expect(facts.indicators).toEqual([expect.objectContaining({ kind: 'activator-service', category: 'os', description: `a service of ${who}` })]);
  });

  it('reads the program of a command line, quoted or not', () => {
    expect(imageName('"C:\\Windows\\KMSServerService\\KMS Server Service.exe" -x')).toBe('kms server service.exe');
    expect(imageName('C:\\Windows\\KMSServerService\\KMS Server Service.exe -x')).toBe('kms server service.exe');
    expect(imageName('C:\\Windows\\system32\\svchost.exe -k netsvcs')).toBe('svchost.exe');
    expect(imageName(null)).toBe('');
  });
});

describe('activator tasks', () => {
  const task = (TaskPath: string, TaskName: string, ...Actions: string[]): ScheduledTaskRow => ({ TaskPath, TaskName, Actions });
  it.each([
    [task('\\', 'AutoPico Daily Restart', '"C:\\Program Files\\KMSpico\\AutoPico.exe" /silent'), 'kmspico'],
    [task('\\', 'Service KMSELDI', 'sc.exe start "Service KMSELDI"'), 'kmspico'],
    [task('\\', 'KMSAutoNet', '"C:\\ProgramData\\KMSAutoS\\KMSAuto Net.exe" /win=act /off=act'), 'kmsauto'],
    [task('\\', 'AutoKMS', 'C:\\Windows\\AutoKMS\\AutoKMS.exe'), 'ms-toolkit'],
    [task('\\', 'AutoKMSCustom', 'C:\\Windows\\AutoKMS\\AutoKMS.exe'), 'ms-toolkit'],
    [task('\\', 'HEU KMS Renewal', 'C:\\Windows\\HeuKmsRenewal\\HEU_KMS_Renewal.exe'), 'heu-kms-activator'],
    [task('\\R@1n-KMS\\', 'R@1n-KMS_Activation', 'C:\\Windows\\KMS-R@1n.exe'), 'kms-r1n'],
    [task('\\', 'Online_KMS_Activation_Script-Renewal', 'C:\\ProgramData\\Online_KMS_Activation.cmd'), 'mas-online-kms'],
    // An innocent name does not hide what it runs.
    [task('\\', 'Windows Update Check', '"C:\\Program Files\\KMSpico\\AutoPico.exe" /silent'), 'kmspico'],
  ])('%o is a trace of %s', (row, kind) => {
    expect(kindsOf({ observed: { tasks: [row] } })).toEqual([kind]);
    expect(kindsOf({ traces: { tasks: [row] } })).toEqual([kind]);
  });
});

describe('activator files and folders', () => {
  it.each([
    ['C:\\Windows\\HeuKmsRenewal', null, 'heu-kms-activator'],
    ['C:\\Windows\\System32\\SECOPatcher.dll', 30720, 'heu-kms-activator'],
    ['C:\\Windows\\System32\\kms-server.exe', 402944, 'heu-kms-activator'],
    ['C:\\Windows\\AutoKMS', null, 'ms-toolkit'],
    ['C:\\Windows\\KMSServerService', null, 'ms-toolkit'],
    ['C:\\ProgramData\\Microsoft Toolkit', null, 'ms-toolkit'],
    ['C:\\Windows\\AAct_Tools', null, 'aact'],
    ['C:\\Windows\\SysWOW64\\oem7F7.exe', 1228800, 'oem7'],
    ['C:\\Windows\\KMS-R@1n.exe', 87040, 'kms-r1n'],
    ['C:\\Windows\\System32\\xNtKrnl.exe', 5553504, 'windows-loader'],
    ['C:\\ProgramData\\KMSAuto', null, 'kmsauto'],
    ['C:\\ProgramData\\KMSAuto\\bin\\KMSSS.exe', 190464, 'kmsauto'],
    ['C:\\Program Files\\KMSpico\\KMSELDI.exe', 1874432, 'kmspico'],
  ])('%s is a trace of %s', (path, size, kind) => {
    const facts = windowsFacts(inventory({ traces: { files: [{ path, size, target: null }] } }));
    expect(facts.indicators.map((i) => i.kind)).toEqual([kind]);
    expect(facts.indicators[0]!.evidence).toEqual([size === null ? `folder ${path}` : `file ${path} (${size} bytes)`]);
  });

  it('finds an activator folder among the top folders of Program Files and ProgramData', () => {
    expect(kindsOf({ observed: { folders: ['C:\\Program Files\\KMSpico', 'C:\\ProgramData\\KMSAutoS', 'C:\\Program Files (x86)\\KMSAuto Net'] } }))
      .toEqual(['kmspico', 'kmsauto']);
  });
});

describe('no trace where there is none', () => {
  it('leaves ordinary services, tasks, folders and processes alone', () => {
    expect(kindsOf({
      observed: {
        services: [
          service({ Name: 'Spooler', PathName: 'C:\\Windows\\System32\\spoolsv.exe' }),
          service({ Name: 'sppsvc', PathName: 'C:\\Windows\\system32\\sppsvc.exe' }),
          service({ Name: 'HipsDaemon', PathName: '"C:\\Program Files\\Huorong\\Sysdiag\\bin\\HipsDaemon.exe"' }),
          service({ Name: 'wuauserv', PathName: 'C:\\Windows\\system32\\svchost.exe -k netsvcs -p' }),
          service({ Name: 'ClickToRunSvc', PathName: '"C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\OfficeClickToRun.exe" /service' }),
        ],
        tasks: [
          { TaskPath: '\\Microsoft\\Windows\\SoftwareProtectionPlatform\\', TaskName: 'SvcRestartTask', Actions: ['{B1AEBB5D-EAD9-4476-B375-9C3ED9F32AFC}'] },
          { TaskPath: '\\Microsoft\\Windows\\SoftwareProtectionPlatform\\', TaskName: 'SvcRestartTaskLogon', Actions: [] },
          { TaskPath: '\\', TaskName: 'GoogleUpdateTaskMachineCore', Actions: ['C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe /c'] },
          { TaskPath: '\\WPS Office\\', TaskName: 'WpsUpdateTask_zhangsan', Actions: ['C:\\Users\\zhangsan\\AppData\\Local\\Kingsoft\\WPS Office\\wpsupdate.exe'] },
        ],
        processes: [{ Name: 'explorer.exe' }, { Name: 'HipsTray.exe' }],
        folders: [
          'C:\\Program Files\\Microsoft Office', 'C:\\Program Files\\Windows Defender', 'C:\\Program Files (x86)\\Kingsoft',
          'C:\\ProgramData\\Microsoft', 'C:\\Program Files\\Microsoft Deployment Toolkit', 'C:\\ProgramData\\Package Cache',
        ],
      },
      traces: { ifeo: [{ key: 'HKEY_LOCAL_MACHINE\\…\\Image File Execution Options\\sppsvc.exe', name: 'Debugger', value: '' }] },
    })).toEqual([]);
  });
});

describe('Image File Execution Options', () => {
  it('a Debugger on a licensing process starts a hook in its place (Microsoft Toolkit, KMSAuto, KMSpico)', () => {
    const key = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\SppExtComObj.exe';
    const facts = windowsFacts(inventory({ traces: { ifeo: [{ key, name: 'Debugger', value: 'RunDll32.exe SppExtComObjHook.dll,PatcherMain' }, { key, name: 'KMS_Emulation', value: 0 }] } }));
    expect(facts.indicators.map((i) => [i.kind, i.evidence])).toEqual([
      ['ifeo-debugger', [`registry ${key}\\Debugger = RunDll32.exe SppExtComObjHook.dll,PatcherMain`]],
      ['kms-vl-all-ifeo', [`registry ${key}\\KMS_Emulation = 0`]],
    ]);
  });
});
