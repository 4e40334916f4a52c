import { Snapshot, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { ExecFailedError, ExecTimeoutError } from '../../src/exec/run.js';
import { buildSnapshot } from '../../src/snapshot/build.js';
import { expectGolden, fakeIo, glpiFixture, linuxFixture } from '../collectors/fixtures.js';
import { HOST, NOW, kylinMachine } from './machines.js';

async function scan(io: ReturnType<typeof fakeIo>) {
  const s = await buildSnapshot({ agentId: null, seq: 0, now: NOW, io, platform: 'linux', host: HOST });
  return assertValid(Snapshot, s, 'snapshot');
}

describe('buildSnapshot on Linux (replayed machines)', () => {
  it('builds a complete snapshot of a Kylin desktop', async () => {
    const s = await scan(kylinMachine());
    expect(s.collectionErrors).toEqual([]);
    expect(s.machine).toMatchObject({ hostname: 'pc-01', chassis: 'desktop', model: 'KaiTian M740J (90N9CTO1WW)' });
    expect(s.os).toMatchObject({ id: 'kylin', arch: 'loongarch64', activation: { state: 'unknown' } });
    expect(s.office.map((o) => o.name)).toContain('WPS Office');
    expect(s.observations).toBeUndefined(); // only Windows agents look for activator traces
    await expectGolden({ ...s, snapshotId: '<random>', agent: '<this agent>' }, 'snapshot/kylin-desktop.json');
  });

  it('runs the collectors concurrently', async () => {
    const io = kylinMachine();
    const replay = io.run.bind(io);
    let inFlight = 0;
    let most = 0;
    io.run = async (file, args, options) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return replay(file, args, options);
    };
    await scan(io);
    expect(most).toBe(4); // dpkg-query, rpm, systemd-detect-virt and Kylin's D-Bus status at once
  });

  it('records a failing package manager and still sends the rest', async () => {
    const s = await scan(kylinMachine(new ExecFailedError('rpm', 1, 'error: rpmdb open failed', 'exit code 1', null)));
    expect(s.collectionErrors).toEqual([
      { source: 'rpm', code: 'E_EXEC_FAILED', message: 'rpm failed (exit code 1): error: rpmdb open failed' },
    ]);
    expect(s.software.length).toBeGreaterThan(10);
    expect(s.antivirus.length).toBe(4);
  });

  it('builds a Fedora snapshot from rpm alone (dpkg absent is not an error)', async () => {
    const io = fakeIo(
      { '/etc/os-release': glpiFixture('linux/distro/os-release-fedora-35') },
      { rpm: linuxFixture('rpm', 'fedora-35-excerpt') + linuxFixture('rpm', 'constructed-office-antivirus') },
    );
    const s = await scan(io);
    expect(s.collectionErrors).toEqual([]);
    expect(s.software.every((i) => i.source === 'rpm')).toBe(true);
    expect(s.os.activation.state).toBe('not-applicable');
    expect(s.machine.chassis).toBe('unknown'); // no DMI, no systemd-detect-virt, no cpuinfo in this replay
  });

  it('still sends a snapshot when nearly everything fails', async () => {
    const io = fakeIo({}, { 'dpkg-query': new ExecTimeoutError('dpkg-query', 30000) });
    const s = await scan(io);
    expect(s.collectionErrors.map((e) => `${e.source} ${e.code}`)).toEqual([
      'os-release E_OS_RELEASE_MISSING',
      'dpkg E_EXEC_TIMEOUT',
    ]);
    expect(s.os).toMatchObject({ name: 'Linux', id: 'linux' });
    expect(s.software).toEqual([]);
  });

  it('says so when no package manager exists at all', async () => {
    const s = await scan(fakeIo({ '/etc/os-release': 'ID=alpine\nNAME="Alpine Linux"\n' }));
    expect(s.collectionErrors).toMatchObject([{ source: 'packages', code: 'E_NO_PACKAGE_MANAGER' }]);
  });

  it('reports lines it could not read (a cut-off package list)', async () => {
    const cut = linuxFixture('dpkg', 'debian-12').slice(0, 5000);
    const s = await scan(fakeIo({}, { 'dpkg-query': cut }));
    expect(s.collectionErrors).toContainEqual(expect.objectContaining({ source: 'dpkg', code: 'E_PARSE_PARTIAL' }));
  });

  it('cuts a software list beyond the schema bound and says so', async () => {
    const many = Array.from({ length: 20_001 }, (_, i) => `p${i}\tamd64\t1\t1\tinstall ok installed\tX\n`).join('');
    const s = await scan(fakeIo({}, { 'dpkg-query': many }));
    expect(s.software).toHaveLength(20_000);
    expect(s.collectionErrors).toContainEqual(expect.objectContaining({ source: 'software', code: 'E_TOO_MANY' }));
  });
});

describe('buildSnapshot on this machine', () => {
  it('scans the real machine into a valid snapshot', async () => {
    const s = assertValid(Snapshot, await buildSnapshot({ agentId: 'a1', seq: 7 }), 'live snapshot');
    expect(s).toMatchObject({ agentId: 'a1', seq: 7, agent: { version: '0.1.0', platform: process.platform } });
  });

  it('does not crash on Windows without PowerShell, and says why nothing was inventoried (not "unsupported")', async () => {
    const s = assertValid(Snapshot, await buildSnapshot({ agentId: null, seq: 1, platform: 'win32', host: HOST }), 'win32');
    expect(s.os).toMatchObject({ family: 'windows', id: 'windows', activation: { state: 'unknown' } });
    expect(s.collectionErrors[0]).toMatchObject({ source: 'windows:inventory', code: 'E_POWERSHELL_MISSING' });
    expect(s.collectionErrors.map((e) => e.code)).not.toContain('E_PLATFORM_UNSUPPORTED');
    expect(s.software).toEqual([]);
  }, 20_000);
});
