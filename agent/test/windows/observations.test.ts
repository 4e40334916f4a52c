import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertValid, evidence, Observations, Snapshot, type Observations as ObservationsT } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { windowsFacts } from '../../src/collectors/windows/index.js';
import type { WindowsInventory } from '../../src/collectors/windows/inventory.schema.js';
import { maskProfile, observationsFromInventory } from '../../src/collectors/windows/observations.parse.js';
import { readRecordedDir } from '../../src/collectors/windows/recorded/read.js';
import { buildSnapshot } from '../../src/snapshot/build.js';
import { expectWindowsGolden, inventory, utf16 } from './helpers.js';

const Parts = Snapshot.properties;
const SPP = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\SoftwareProtectionPlatform';
const IFEO = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Image File Execution Options\\SppExtComObj.exe';

/**
 * A KMSpico PC as the script prints it with the observed section: KMSpico's service,
 * its daily task and folder (research notes §1: Install_Service.cmd, Install_Task.cmd),
 * beside ordinary Windows services, tasks and folders that must stay no trace.
 */
const kmspicoPc = (): WindowsInventory => inventory({
  licensing: { kmsRegistry: [{ key: SPP, name: 'KeyManagementServiceName', value: '127.0.0.2' }, { key: SPP, name: 'KeyManagementServicePort', value: 1688 }] },
  traces: {
    files: [{ path: 'C:\\Program Files\\KMSpico', size: null, target: null }, { path: 'C:\\Windows\\SECOH-QAD.exe', size: 51712, target: null }],
    services: [{ Name: 'Service KMSELDI', DisplayName: 'Service KMSELDI', State: 'Running', StartMode: 'Auto', PathName: 'C:\\Program Files\\KMSpico\\Service_KMS.exe' }],
    tasks: [{ TaskPath: '\\', TaskName: 'AutoPico Daily Restart', Actions: ['"C:\\Program Files\\KMSpico\\AutoPico.exe" /silent'] }],
    ifeo: [{ key: IFEO, name: 'Debugger', value: 'SECOH-QAD.exe' }],
    registry: [],
  },
  observed: {
    services: [
      { Name: 'Service KMSELDI', DisplayName: 'Service KMSELDI', State: 'Running', StartMode: 'Auto', PathName: 'C:\\Program Files\\KMSpico\\Service_KMS.exe' },
      { Name: 'Spooler', DisplayName: 'Print Spooler', State: 'Running', StartMode: 'Auto', PathName: 'C:\\Windows\\System32\\spoolsv.exe' },
      { Name: 'Dhcp', DisplayName: 'DHCP Client', State: 'Running', StartMode: 'Auto', PathName: 'C:\\Windows\\system32\\svchost.exe -k LocalServiceNetworkRestricted -p' },
      { Name: 'HipsDaemon', DisplayName: '火绒安全 服务', State: 'Running', StartMode: 'Auto', PathName: '"C:\\Program Files\\Huorong\\Sysdiag\\bin\\HipsDaemon.exe"' },
    ],
    tasks: [
      { TaskPath: '\\', TaskName: 'AutoPico Daily Restart', Actions: ['"C:\\Program Files\\KMSpico\\AutoPico.exe" /silent'] },
      { TaskPath: '\\', TaskName: 'GoogleUpdateTaskMachineUA', Actions: ['C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe /ua /installsource scheduler'] },
      { TaskPath: '\\', TaskName: 'OneDrive Standalone Update Task-S-1-5-21-1-1001', Actions: ['C:\\Users\\zhangsan\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe'] },
      { TaskPath: '\\Microsoft\\Windows\\SoftwareProtectionPlatform\\', TaskName: 'SvcRestartTask', Actions: ['{B1AEBB5D-EAD9-4476-B375-9C3ED9F32AFC}'] },
    ],
    processes: [
      { Name: 'svchost.exe', ExecutablePath: 'C:\\Windows\\System32\\svchost.exe' }, { Name: 'AutoPico.exe', ExecutablePath: null },
      { Name: 'SVCHOST.EXE', ExecutablePath: null }, { Name: 'HipsTray.exe', ExecutablePath: 'C:\\Program Files\\Huorong\\Sysdiag\\bin\\HipsTray.exe' },
      { Name: 'explorer.exe', ExecutablePath: 'C:\\Windows\\explorer.exe' },
    ],
    folders: ['C:\\Program Files\\KMSpico', 'C:\\Program Files\\Microsoft Office', 'C:\\Program Files (x86)\\Google', 'C:\\ProgramData\\Microsoft'],
  },
});

describe('observations', () => {
  it('reports what the script saw, not only suspects: svchost services dropped, tasks joined, processes once, files and folders, registry as text', async () => {
    const o = observationsFromInventory(kmspicoPc());
    assertValid(Observations, o, 'observations');
    expect(o?.services.map((s) => s.name)).toEqual(['Service KMSELDI', 'Spooler', 'HipsDaemon']);
    expect(o?.services[0]).toEqual({ name: 'Service KMSELDI', displayName: 'Service KMSELDI', path: 'C:\\Program Files\\KMSpico\\Service_KMS.exe', state: 'Running' });
    expect(o?.tasks).toContainEqual({ path: '\\AutoPico Daily Restart', action: '"C:\\Program Files\\KMSpico\\AutoPico.exe" /silent' });
    expect(o?.tasks).toContainEqual({ path: '\\Microsoft\\Windows\\SoftwareProtectionPlatform\\SvcRestartTask', action: '{B1AEBB5D-EAD9-4476-B375-9C3ED9F32AFC}' });
    expect(o?.processes).toEqual(['AutoPico.exe', 'explorer.exe', 'HipsTray.exe', 'svchost.exe']);
    expect(o?.files).toEqual([
      { path: 'C:\\Program Files\\KMSpico', kind: 'folder' },
      { path: 'C:\\Windows\\SECOH-QAD.exe', kind: 'file', size: 51712 },
      { path: 'C:\\Program Files\\Microsoft Office', kind: 'folder' },
      { path: 'C:\\Program Files (x86)\\Google', kind: 'folder' },
      { path: 'C:\\ProgramData\\Microsoft', kind: 'folder' },
    ]);
    expect(o?.registry).toEqual([
      { key: SPP, name: 'KeyManagementServiceName', value: '127.0.0.2' },
      { key: SPP, name: 'KeyManagementServicePort', value: '1688' },
      { key: IFEO, name: 'Debugger', value: 'SECOH-QAD.exe' },
    ]);
    await expectWindowsGolden(windowsFacts(kmspicoPc()).observations, 'observations-kmspico.json');
  });

  it('never sends a user name: profile folders in paths become %USERNAME%, shared profiles stay', () => {
    const o = observationsFromInventory(kmspicoPc());
    expect(o?.tasks).toContainEqual({
      path: '\\OneDrive Standalone Update Task-S-1-5-21-1-1001',
      action: 'C:\\Users\\%USERNAME%\\AppData\\Local\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe',
    });
    expect(maskProfile('"C:\\Users\\John Smith\\Downloads\\KMSAuto Net.exe" /win=act')).toBe('"C:\\Users\\%USERNAME%\\Downloads\\KMSAuto Net.exe" /win=act');
    expect(maskProfile('C:\\Documents and Settings\\李雷\\桌面\\a.exe')).toBe('C:\\Documents and Settings\\%USERNAME%\\桌面\\a.exe');
    expect(maskProfile('C:\\Users\\Public\\Desktop\\a.lnk')).toBe('C:\\Users\\Public\\Desktop\\a.lnk');
    expect(maskProfile('C:\\Users\\Default User\\x')).toBe('C:\\Users\\Default User\\x');
  });

  it('falls back to the filtered lists of an older script or a recording', () => {
    const o = observationsFromInventory(inventory({
      antivirus: { processes: [{ Name: 'HipsTray.exe' }] },
      traces: {
        services: [{ Name: 'KMSEmulator', State: 'Stopped', PathName: 'C:\\ProgramData\\KMSAuto\\bin\\KMSSS.exe' }],
        tasks: [{ TaskPath: '\\', TaskName: 'KMSAutoNet' }],
        registry: [{ key: 'HKEY_USERS\\S-1-5-21-1\\Software\\Microsoft\\Office\\16.0\\Common\\Licensing\\Resiliency', name: 'TimeOfLastHeartbeatFailure', value: '2040-01-01T00:00:00Z' }],
      },
    }));
    expect(o).toEqual({
      services: [{ name: 'KMSEmulator', path: 'C:\\ProgramData\\KMSAuto\\bin\\KMSSS.exe', state: 'Stopped' }],
      tasks: [{ path: '\\KMSAutoNet' }],
      processes: ['HipsTray.exe'],
      files: [],
      registry: [{ key: 'HKEY_USERS\\S-1-5-21-1\\Software\\Microsoft\\Office\\16.0\\Common\\Licensing\\Resiliency', name: 'TimeOfLastHeartbeatFailure', value: '2040-01-01T00:00:00Z' }],
    });
  });

  it('keeps a crack task the script matched under \\Microsoft\\, which the whole list leaves out', () => {
    const hidden = { TaskPath: '\\Microsoft\\Windows\\Maintenance\\', TaskName: 'AutoKMS', Actions: ['C:\\Windows\\AutoKMS\\AutoKMS.exe'] };
    const facts = windowsFacts(inventory({ observed: { tasks: [] }, traces: { tasks: [hidden] } }));
    expect(facts.observations?.tasks).toEqual([{ path: '\\Microsoft\\Windows\\Maintenance\\AutoKMS', action: 'C:\\Windows\\AutoKMS\\AutoKMS.exe' }]);
    expect(facts.indicators).toEqual([expect.objectContaining({ kind: 'ms-toolkit', evidence: [evidence.task(facts.observations!.tasks[0]!)] })]);
  });

  it('writes numbers in decimal and multi-strings joined, and a TaskPath without its backslash', () => {
    const o = observationsFromInventory(inventory({
      traces: {
        ifeo: [{ key: IFEO, name: 'VerifierFlags', value: 2147483648 }, { key: IFEO, name: 'Multi', value: ['a', 'b'] }, { key: IFEO, name: '', value: null }],
        tasks: [{ TaskPath: '\\R@1n-KMS', TaskName: 'R@1n-KMS_Activation', Actions: ['C:\\Windows\\KMS-R@1n.exe', '', 'cmd /c exit'] }],
      },
    }));
    expect(o?.registry.map((r) => r.value)).toEqual(['2147483648', 'a; b', '']);
    expect(o?.tasks).toEqual([{ path: '\\R@1n-KMS\\R@1n-KMS_Activation', action: 'C:\\Windows\\KMS-R@1n.exe; cmd /c exit' }]);
  });

  it('clips every string and list to the schema, so the collector never refuses the snapshot for them', () => {
    const long = 'x'.repeat(3000);
    const o = observationsFromInventory(inventory({
      observed: {
        services: Array.from({ length: 2100 }, (_, i) => ({ Name: `svc${i}${i === 0 ? long : ''}`, DisplayName: long, State: long, PathName: long })),
        tasks: Array.from({ length: 2100 }, (_, i) => ({ TaskPath: '\\', TaskName: `t${i}${long}`, Actions: [long] })),
        processes: Array.from({ length: 2100 }, (_, i) => ({ Name: `p${String(i).padStart(4, '0')}${i === 0 ? long : ''}.exe` })),
        folders: Array.from({ length: 2100 }, (_, i) => `C:\\Program Files\\${i}${long}`),
      },
      traces: { registry: Array.from({ length: 1100 }, (_, i) => ({ key: `${i}${long}`, name: long, value: long })) },
    }));
    assertValid(Observations, o, 'observations');
    const lists = o as ObservationsT;
    expect([lists.services.length, lists.tasks.length, lists.processes.length, lists.files.length, lists.registry.length]).toEqual([2000, 2000, 2000, 2000, 1000]);
    expect([lists.services[0]!.name.length, lists.services[0]!.path!.length, lists.processes[0]!.length]).toEqual([256, 1000, 260]);
  });

  it('is left out when the inventory holds none of its lists; present, empty, when the lists were read and empty', () => {
    expect(observationsFromInventory(inventory({ os: { Caption: 'Microsoft Windows 10 Pro' } }))).toBeUndefined();
    expect(windowsFacts(inventory()).observations).toBeUndefined();
    expect(observationsFromInventory(inventory({ observed: { services: [], tasks: [], processes: [], folders: [] } })))
      .toEqual({ services: [], tasks: [], processes: [], files: [], registry: [] });
  });
});

describe('crack indicators quote the observations', () => {
  it('words every file, service, task and registry line with the shared evidence functions, from the objects sent', () => {
    const facts = windowsFacts(kmspicoPc());
    assertValid(Parts.indicators, facts.indicators, 'indicators');
    const o = facts.observations!;
    const quotable = new Set([
      ...o.files.map(evidence.file), ...o.services.map(evidence.service), ...o.tasks.map(evidence.task), ...o.registry.map(evidence.registry),
    ]);
    const lines = facts.indicators.flatMap((i) => i.evidence);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(quotable, line).toContain(line);
    expect(facts.indicators.map((i) => i.kind)).toEqual(['kms-host-loopback', 'kmspico', 'secoh-qad', 'activator-service', 'ifeo-debugger']);
    expect(facts.indicators.find((i) => i.kind === 'kmspico')?.evidence).toEqual([
      'folder C:\\Program Files\\KMSpico',
      'scheduled task \\AutoPico Daily Restart runs "C:\\Program Files\\KMSpico\\AutoPico.exe" /silent',
    ]);
    expect(facts.indicators.find((i) => i.kind === 'activator-service')).toMatchObject({
      description: 'a service of KMSpico (Service KMSELDI)',
      evidence: ['service Service KMSELDI (Running) C:\\Program Files\\KMSpico\\Service_KMS.exe'],
    });
  });
});

describe('recorded services and processes', () => {
  it('puts the wmic Win32_Service and Win32_Process rows into observed, and the snapshot sends them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zb-observed-'));
    await writeFile(join(dir, 'Win32_Service.wmi'), utf16([
      '', '', 'DisplayName=Service KMSELDI', 'Name=Service KMSELDI', 'PathName=C:\\Program Files\\KMSpico\\Service_KMS.exe', 'StartMode=Auto', 'State=Running',
      '', '', 'DisplayName=Windows Update', 'Name=wuauserv', 'PathName=C:\\Windows\\system32\\svchost.exe -k netsvcs -p', 'StartMode=Manual', 'State=Stopped', '', '',
    ].join('\n')));
    await writeFile(join(dir, 'Win32_Process.wmi'), utf16([
      '', '', 'ExecutablePath=', 'Name=System Idle Process', '', '', 'ExecutablePath=C:\\Program Files\\KMSpico\\AutoPico.exe', 'Name=AutoPico.exe', '', '',
    ].join('\n')));
    const inv = await readRecordedDir(dir);
    expect(inv.observed?.services?.map((r) => r.Name)).toEqual(['Service KMSELDI', 'wuauserv']);
    expect(inv.observed?.processes?.map((r) => r.Name)).toEqual(['System Idle Process', 'AutoPico.exe']);
    const s = await buildSnapshot({ agentId: null, seq: 0, now: new Date('2026-11-20T08:00:00Z'), from: dir });
    assertValid(Snapshot, s, 'snapshot');
    expect(s.observations).toEqual({
      services: [{ name: 'Service KMSELDI', displayName: 'Service KMSELDI', path: 'C:\\Program Files\\KMSpico\\Service_KMS.exe', state: 'Running' }],
      tasks: [],
      processes: ['AutoPico.exe', 'System Idle Process'],
      files: [],
      registry: [],
    });
    expect(s.indicators.map((i) => i.kind)).toEqual(['activator-service']);
  });
});
