import { Antivirus, assertValid } from '@zhengban/shared';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { ExecFailedError } from '../../../src/exec/run.js';
import { collectLinuxAntivirus } from '../../../src/collectors/linux/antivirus/antivirus.collect.js';
import { bitdefenderStatus, parseBduitool } from '../../../src/collectors/linux/antivirus/bduitool.parse.js';
import { clamavStatus, parseClamscanVersion } from '../../../src/collectors/linux/antivirus/clamav.parse.js';
import { daemonState } from '../../../src/collectors/linux/antivirus/detect.js';
import { mdatpStatus, parseMdatpHealth } from '../../../src/collectors/mdatp.parse.js';
import { AV_PRODUCTS } from '../../../src/collectors/linux/antivirus/products.data.js';
import { parseVlibsDate, qihoo360Status } from '../../../src/collectors/linux/antivirus/qihoo360.parse.js';
import { parseSentinelctl, sentinelOneStatus } from '../../../src/collectors/linux/antivirus/sentinelctl.parse.js';
import { collectLinuxApps } from '../../../src/collectors/linux/apps.collect.js';
import { linuxContext } from '../../../src/collectors/linux/context.js';
import { parseDpkgQuery } from '../../../src/collectors/linux/dpkg.parse.js';
import { parseServices, readServices } from '../../../src/collectors/linux/services.js';
import type { HostFacts } from '../../../src/collectors/host.js';
import type { Io } from '../../../src/collectors/io.js';
import { expectGolden, fakeIo, glpiFixture, linuxFixture, type FakeAnswer } from '../fixtures.js';

const DEFENDER = 'linux/antivirus/defender-101.23062.0010.json';
const BDUITOOL = 'linux/antivirus/bduitool-7.0.3.2239';
const SENTINELONE = 'linux/antivirus/sentinelone-30.1.1.10';
/** Just after GLPI's Defender recording (definitionsUpdated 2023-08-09 13:19 UTC). */
const RECORDED = new Date('2023-08-09T14:00:00Z');
/** The fixture cases' clock. */
const NOW = new Date('2026-11-20T08:00:00Z');
const HOST: HostFacts = { hostname: 'h', kernel: '6.1.0', arch: 'aarch64', cpuCores: 4, memoryBytes: 1, macAddresses: [] };

const product = (id: string) => AV_PRODUCTS.find((p) => p.id === id)!;
const services = (text: string) => parseServices(text);

describe('mdatp health (GLPI real output)', () => {
  it('reads a passive Defender: real-time protection off, definitions current, licensed', async () => {
    const h = parseMdatpHealth(glpiFixture(DEFENDER));
    expect(h).toMatchObject({
      appVersion: '101.23062.0010', healthy: true, licensed: true, passiveMode: true,
      realTimeProtectionEnabled: false, definitionsCurrent: true, definitionsVersion: '1.395.30.0',
    });
    const s = mdatpStatus(h, RECORDED);
    expect(s).toMatchObject({ version: '101.23062.0010', enabled: false, upToDate: true, state: 'passive' });
    expect(s.activation).toMatchObject({ state: 'activated', source: 'mdatp:health' });
    await expectGolden({ health: h, status: s }, 'antivirus/mdatp-glpi-101.23062.0010.json');
  });

  it('the same product after its productExpiration (2024-04-10) is expired', () => {
    const s = mdatpStatus(parseMdatpHealth(glpiFixture(DEFENDER)), NOW);
    expect(s.activation).toMatchObject({ state: 'expired', details: { productExpiration: '2024-04-10T13:34:28.000Z', licensed: true } });
  });

  it('licensed false is not activated; other definitions states are out of date; bare values are read', () => {
    const s = mdatpStatus(
      parseMdatpHealth('{"licensed":false,"realTimeProtectionEnabled":true,"definitionsStatus":{"$type":"outOfDate"},"passiveModeEnabled":false}'),
      NOW,
    );
    expect(s).toMatchObject({ enabled: true, upToDate: false, state: 'on', activation: { state: 'not-activated' } });
    expect(mdatpStatus(parseMdatpHealth('{}'), NOW)).toEqual({});
  });

  it('output that is not a JSON object is a typed error', () => {
    for (const text of ['ATTENTION: No license found. Contact your administrator for help.', '[1,2]', '']) {
      expect(() => parseMdatpHealth(text)).toThrow(expect.objectContaining({ code: 'E_JSON' }));
    }
  });
});

describe('bduitool get ps (GLPI real output)', () => {
  it('reads version, Antimalware On and current security content', async () => {
    const s = bitdefenderStatus(parseBduitool(glpiFixture(BDUITOOL)));
    expect(s).toEqual({ version: '7.0.3.2239', enabled: true, state: 'on', upToDate: true });
    await expectGolden(s, 'antivirus/bduitool-7.0.3.2239.json');
  });

  it('Off and pending security content', () => {
    const text = glpiFixture(BDUITOOL).replace('Antimalware status: On', 'Antimalware status: Off').replace('New security content available: no', 'New security content available: yes');
    expect(bitdefenderStatus(parseBduitool(text))).toMatchObject({ enabled: false, state: 'off', upToDate: false });
    expect(bitdefenderStatus(parseBduitool(''))).toEqual({});
  });
});

describe('sentinelctl (GLPI real output)', () => {
  it('reads the agent version and Agent state', async () => {
    const fields = parseSentinelctl(glpiFixture(SENTINELONE));
    expect(fields.get('DFI engine')).toBe('Enabled');
    const s = sentinelOneStatus(fields);
    expect(s).toEqual({ version: '30.1.1.10', enabled: true, state: 'enabled' });
    await expectGolden(s, 'antivirus/sentinelone-30.1.1.10.json');
    expect(sentinelOneStatus(parseSentinelctl('Agent state      Disabled\n'))).toEqual({ enabled: false, state: 'disabled' });
  });
});

describe('clamscan --version', () => {
  it('reads engine, database and its date; a week is the limit', () => {
    const v = parseClamscanVersion('ClamAV 1.0.7/27412/Fri Sep 20 10:39:39 2024\n')!;
    expect(v).toEqual({ engine: '1.0.7', dbVersion: '27412', dbDate: new Date('2024-09-20T10:39:39Z') });
    expect(clamavStatus(v, new Date('2024-09-27T10:39:39Z'))).toEqual({ version: '1.0.7', upToDate: true });
    expect(clamavStatus(v, new Date('2024-09-27T10:39:40Z'))).toEqual({ version: '1.0.7', upToDate: false });
    expect(clamavStatus(v, new Date('2024-09-01T00:00:00Z')).upToDate).toBe(true);
  });

  it('without a readable database ClamAV does not tell; other text is not a version', () => {
    expect(clamavStatus(parseClamscanVersion('ClamAV 0.103.8\n')!, NOW)).toEqual({ version: '0.103.8' });
    expect(parseClamscanVersion('ClamAV 1.0.7/27412/not a date')).toEqual({ engine: '1.0.7', dbVersion: '27412' });
    expect(parseClamscanVersion('LibClamAV Error: cl_load(): No such file\n')).toBeUndefined();
  });
});

describe('360 vlibs ver.ini', () => {
  it('reads the date= line in its usual forms', () => {
    expect(parseVlibsDate('[ver]\ndate=2026-11-18\n')).toEqual(new Date('2026-11-18T00:00:00Z'));
    expect(parseVlibsDate('date=20261118\nver=1.0.0.1')).toEqual(new Date('2026-11-18T00:00:00Z'));
    expect(parseVlibsDate('date=2026.02.31 10:00:00')).toBeUndefined();
    expect(qihoo360Status(parseVlibsDate('date=2026-09-01'), NOW)).toEqual({ upToDate: false });
    expect(qihoo360Status(undefined, NOW)).toEqual({});
  });
});

describe('daemonState', () => {
  const running = (unit: string) => `${unit} loaded active running x\n`;
  const inactive = (unit: string) => `${unit} loaded inactive dead x\n`;

  it('ClamAV: on-access running is protection; clamd alone does not tell; nothing running is off', () => {
    const clam = product('clamav');
    expect(daemonState(clam, { services: services(running('clamav-daemon.service') + running('clamav-clamonacc.service')), processes: undefined })).toEqual({ state: 'running', enabled: true });
    expect(daemonState(clam, { services: undefined, processes: new Set(['clamd', 'clamonacc']) })).toEqual({ state: 'running', enabled: true });
    expect(daemonState(clam, { services: services(running('clamd@scan.service')), processes: new Set() })).toEqual({ state: 'running', enabled: null });
    expect(daemonState(clam, { services: services(inactive('clamav-daemon.service')), processes: new Set() })).toEqual({ state: 'stopped', enabled: false });
    expect(daemonState(clam, { services: new Map(), processes: new Set(['bash']) })).toEqual({ state: 'stopped', enabled: false });
    expect(daemonState(clam, { services: undefined, processes: undefined })).toEqual({ enabled: null });
  });

  it('a domestic product whose daemon is the protection', () => {
    const qax = product('qax');
    expect(daemonState(qax, { services: undefined, processes: new Set(['qaxsafed']) })).toEqual({ state: 'running', enabled: true });
    expect(daemonState(qax, { services: services('● serviceqaxsafe.service loaded failed failed LSB: qaxsafe\n'), processes: new Set() })).toEqual({ state: 'stopped', enabled: false });
    expect(daemonState(qax, { services: new Map(), processes: new Set(['systemd']) })).toEqual({ state: 'stopped', enabled: false });
  });

  it('guessed names never show a product stopped; Defender running does not mean protection on', () => {
    expect(daemonState(product('huorong'), { services: new Map(), processes: new Set(['systemd']) })).toEqual({ enabled: null });
    expect(daemonState(product('huorong'), { services: new Map(), processes: new Set(['hravd']) })).toEqual({ state: 'running', enabled: true });
    expect(daemonState(product('mdatp'), { services: services(running('mdatp.service')), processes: undefined })).toEqual({ state: 'running', enabled: null });
  });
});

const CLAMSCAN = 'ClamAV 1.0.7/27811/Wed Nov 18 09:21:03 2026\n';
const SYSTEMCTL = [
  'clamav-daemon.service               loaded active   running Clam AntiVirus userspace daemon',
  'clamav-clamonacc.service            loaded active   running Clam AntiVirus userspace on-access scanner',
  'clamav-freshclam.service            loaded active   running ClamAV virus database updater',
  'mdatp.service                       loaded active   running Microsoft Defender',
  '360safed.service                    loaded active   running 360safed',
  'ssh.service                         loaded active   running OpenBSD Secure Shell server',
  '',
].join('\n');
const PS = ['systemd', 'clamd', 'clamonacc', 'freshclam', 'wdavdaemon', '360safed', 'eppagent', 'qaxsafed', 'bash', ''].join('\n');

function machine(commands: Record<string, FakeAnswer>, files: Record<string, string> = {}): Io {
  return fakeIo(files, { systemctl: SYSTEMCTL, ps: PS, ...commands });
}

describe('collectLinuxAntivirus', () => {
  it('a machine with five products: packages, units, processes and status commands', async () => {
    const software = parseDpkgQuery(linuxFixture('dpkg', 'constructed-office-antivirus')).items;
    const io = machine(
      { clamscan: CLAMSCAN, mdatp: glpiFixture(DEFENDER), '/opt/bitdefender-security-tools/bin/bduitool': glpiFixture(BDUITOOL) },
      { '/opt/360safe/vlibs/ver.ini': '[ver]\ndate=2026-11-19\n' },
    );
    const { antivirus, errors } = await collectLinuxAntivirus(linuxContext(io, HOST, NOW), software);
    assertValid(Type.Array(Antivirus), antivirus, 'antivirus');
    expect(errors).toEqual([]);
    expect(antivirus.map((a) => [a.name, a.source, a.enabled, a.upToDate, a.state ?? null])).toEqual([
      ['ClamAV', 'dpkg:clamav-daemon', true, true, 'running'],
      ['Microsoft Defender for Endpoint', 'dpkg:mdatp', false, true, 'passive'],
      ['Bitdefender Endpoint Security Tools', 'command:bduitool', true, true, 'on'],
      ['QAX Tianqing Endpoint Security (奇安信天擎/网神终端安全)', 'dpkg:qaxsafe', true, null, 'running'],
      ['360 Endpoint Security (360终端安全)', 'dpkg:360safeforcnos', true, true, 'running'],
    ]);
    expect(antivirus[1]!.activation).toMatchObject({ state: 'expired' });
    await expectGolden(antivirus, 'antivirus/collect-five-products.json');
  });

  it('status commands run only for products that are there (self-locating tools probe themselves)', async () => {
    const io = fakeIo({}, { systemctl: '', ps: 'bash\n' });
    const { antivirus, errors } = await collectLinuxAntivirus(linuxContext(io, HOST, NOW), [{ name: 'vim', source: 'dpkg' }]);
    expect(antivirus).toEqual([]);
    expect(errors).toEqual([]);
    expect((io as Io & { calls: string[] }).calls.map((c) => c.split(' ')[0])).toEqual([
      'systemctl', 'ps', 'mdatp', '/opt/bitdefender-security-tools/bin/bduitool', '/opt/sentinelone/bin/sentinelctl',
    ]);
  });

  it('SentinelOne found by its tool alone; 360 by its unit alone', async () => {
    const io = fakeIo({}, {
      systemctl: '360safed.service loaded inactive dead 360safed\n',
      ps: 'bash\n',
      '/opt/sentinelone/bin/sentinelctl': glpiFixture(SENTINELONE),
    });
    const { antivirus } = await collectLinuxAntivirus(linuxContext(io, HOST, NOW), []);
    expect(antivirus).toMatchObject([
      { name: 'SentinelOne Agent', source: 'command:sentinelctl', version: '30.1.1.10', enabled: true, state: 'enabled', upToDate: null },
      { name: '360 Endpoint Security (360终端安全)', source: 'systemd:360safed.service', enabled: false, state: 'stopped', upToDate: null },
    ]);
  });

  it('a failing status command is a collection error; the package and daemon facts stand', async () => {
    const io = machine({ mdatp: new ExecFailedError('mdatp', 1, 'Daemon not running', 'exit code 1', null), clamscan: 'garbage\n' });
    const sw = [{ name: 'mdatp', version: '101.98.30', source: 'dpkg' }, { name: 'clamav', version: '1.0.7', source: 'dpkg' }];
    const { antivirus, errors } = await collectLinuxAntivirus(linuxContext(io, HOST, NOW), sw);
    // (QAX and 360 follow, found by their running daemons.)
    expect(antivirus.slice(0, 2)).toMatchObject([
      { name: 'ClamAV', version: '1.0.7', enabled: true, upToDate: null },
      { name: 'Microsoft Defender for Endpoint', version: '101.98.30', enabled: null, upToDate: null, state: 'running' },
    ]);
    expect(antivirus[1]!.activation).toBeUndefined();
    expect(errors).toMatchObject([{ source: 'linux:antivirus:mdatp', code: 'E_EXEC_FAILED' }]);
  });

  it('without systemctl and ps, products are still reported, their state unknown', async () => {
    const io = fakeIo({}, {});
    const { antivirus, errors } = await collectLinuxAntivirus(linuxContext(io, HOST, NOW), [{ name: 'qaxsafe', version: '8.0.5-5340', source: 'dpkg' }]);
    expect(antivirus).toEqual([
      { name: 'QAX Tianqing Endpoint Security (奇安信天擎/网神终端安全)', vendor: 'QI-ANXIN', enabled: null, upToDate: null, source: 'dpkg:qaxsafe', version: '8.0.5-5340' },
    ]);
    expect(errors).toEqual([]);
  });

  it('a failing systemctl is reported under antivirus and leaves the states to ps', async () => {
    const io = fakeIo({}, { systemctl: new ExecFailedError('systemctl', 1, 'Failed to connect to bus', 'exit code 1', null), ps: 'qaxsafed\n' });
    const { antivirus, errors } = await collectLinuxAntivirus(linuxContext(io, HOST, NOW), [{ name: 'qaxsafe', source: 'dpkg' }]);
    expect(antivirus[0]).toMatchObject({ enabled: true, state: 'running' });
    expect(errors).toMatchObject([{ source: 'linux:antivirus:services', code: 'E_EXEC_FAILED' }]);
  });
});

describe('collectLinuxApps', () => {
  it('office suites and antivirus together; neither fails the other', async () => {
    const software = parseDpkgQuery(linuxFixture('dpkg', 'constructed-office-antivirus')).items;
    const io = machine({ clamscan: CLAMSCAN, mdatp: '{not json' }, { '/opt/kingsoft/wps-office/office6/cfgs/oem.ini': '[Product]\nVersionID=5\n' });
    const apps = await collectLinuxApps(linuxContext(io, HOST, NOW), software);
    expect(apps.office.map((o) => [o.name, o.edition ?? null])).toEqual([
      ['LibreOffice', null], ['Apache OpenOffice', null], ['Yozo Office', null], ['WPS Office', 'personal'],
    ]);
    expect(apps.antivirus.map((a) => a.name)).toContain('ClamAV');
    expect(apps.errors).toMatchObject([{ source: 'linux:antivirus:mdatp', code: 'E_JSON' }]);
    await expectGolden(apps, 'antivirus/apps-constructed-office-antivirus.json');
  });
});

describe('service and process lists', () => {
  it('take a systemctl on a machine not booted with systemd as "not known", not as a failure', async () => {
    const notBooted = new ExecFailedError('systemctl', 1, "System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n", 'exit code 1', null);
    expect(await readServices(fakeIo({}, { systemctl: notBooted }))).toBeUndefined();
    const broken = new ExecFailedError('systemctl', 1, 'Access denied', 'exit code 1', null);
    await expect(readServices(fakeIo({}, { systemctl: broken }))).rejects.toBe(broken);
  });
});
