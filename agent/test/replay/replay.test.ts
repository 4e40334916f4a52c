import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExecFailedError, ExecNotFoundError } from '../../src/exec/run.js';
import { detectPlatform, parseManifest } from '../../src/collectors/replay/detect.js';
import { AmbiguousRecordingError, RecordedInputError, UnrecordedSourceError } from '../../src/collectors/replay/errors.js';
import { parseCpuinfo, parseMemTotal, parseUname, recordedHost } from '../../src/collectors/replay/host.js';
import { replayIo } from '../../src/collectors/replay/replay-io.js';
import { LINUX_COMMON, LINUX_SOURCES, MACOS_SOURCES, commandSource, fileSource } from '../../src/collectors/sources/index.js';
import { readRecorded } from '../../src/snapshot/recorded.js';

function folder(files: Record<string, string>): { dir: string; names: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'zb-replay-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, names: Object.keys(files).sort() };
}

describe('replay Io', () => {
  it('answers files by path and commands by their exact arguments', async () => {
    const { dir, names } = folder({ 'os-release': 'ID=kylin\n', 'dpkg.txt': 'bash\tamd64\t5.2\t7000\tinstall ok installed\tx\n' });
    const io = replayIo(dir, names, LINUX_SOURCES);
    expect(await io.readText('/etc/os-release')).toBe('ID=kylin\n');
    expect(await io.readText('/etc/machine-id')).toBeNull();
    const r = await io.run(LINUX_COMMON.dpkg.command, LINUX_COMMON.dpkg.args);
    expect(r).toEqual({ stdout: 'bash\tamd64\t5.2\t7000\tinstall ok installed\tx\n', stderr: '', exitCode: 0 });
    await expect(io.run('rpm', LINUX_COMMON.rpm.args)).rejects.toBeInstanceOf(ExecNotFoundError);
  });

  it('refuses what the sources table does not list, so a collector bug shows', async () => {
    const { dir, names } = folder({});
    const io = replayIo(dir, names, LINUX_SOURCES);
    await expect(io.readText('/etc/shadow')).rejects.toBeInstanceOf(UnrecordedSourceError);
    await expect(io.run('dpkg-query', ['-l'])).rejects.toThrow(/dpkg-query -l is not in the agent's sources table/);
  });

  it('replays a recorded exit code and stderr, unless the code is an answer', async () => {
    const { dir, names } = folder({ 'detect-virt.txt': 'none\n', 'detect-virt.txt.exit': '1\n', 'detect-virt.txt.stderr': '' });
    const io = replayIo(dir, names, LINUX_SOURCES);
    const args = LINUX_COMMON.detectVirt.args;
    expect(await io.run('systemd-detect-virt', args, { okExitCodes: [1] })).toEqual({ stdout: 'none\n', stderr: '', exitCode: 1 });
    const failed = await io.run('systemd-detect-virt', args).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ExecFailedError);
    expect((failed as ExecFailedError).exitCode).toBe(1);
  });

  it('reads a folder source from grep lines, joining a file of several lines', async () => {
    const { dir, names } = folder({
      'dmi.txt': '/sys/class/dmi/id/sys_vendor:LENOVO\n/sys/class/dmi/id/modalias:dmi:bvn\n/sys/class/dmi/id/modalias:second\n',
    });
    const io = replayIo(dir, names, LINUX_SOURCES);
    expect(await io.readText('/sys/class/dmi/id/sys_vendor')).toBe('LENOVO\n');
    expect(await io.readText('/sys/class/dmi/id/modalias')).toBe('dmi:bvn\nsecond\n');
    expect(await io.readText('/sys/class/dmi/id/product_serial')).toBeNull();
  });

  it('finds a loosely named real recording by alias, and refuses two candidates', async () => {
    const sources = [fileSource('os-release', '/etc/os-release', /^os-release/), commandSource('rpm.txt', 'rpm', ['-qa'], /^rpm/)];
    const one = folder({ 'os-release-centos-7.9': 'ID=centos\n', rpm: 'x' });
    const io = replayIo(one.dir, one.names, sources);
    expect(await io.readText('/etc/os-release')).toBe('ID=centos\n');
    expect((await io.run('rpm', ['-qa'])).stdout).toBe('x');
    const two = folder({ 'os-release-a': '', 'os-release-b': '' });
    await expect(replayIo(two.dir, two.names, sources).readText('/etc/os-release')).rejects.toBeInstanceOf(AmbiguousRecordingError);
  });
});

describe('which platform recorded a folder', () => {
  it('believes the manifest, and refuses a platform it does not know', () => {
    expect(detectPlatform('d', ['uname.txt'], parseManifest('platform=darwin\nrecorded-at=2026-11-01T10:00:00+08:00\n'))).toBe('darwin');
    expect(parseManifest('recorded-at=2026-11-01T10:00:00+08:00').recordedAt).toBe('2026-11-01T02:00:00.000Z');
    expect(() => parseManifest('platform=beos')).toThrow(RecordedInputError);
  });

  it('tells by file names only one platform reads', () => {
    expect(detectPlatform('d', ['dpkg.txt', 'uname.txt'], {})).toBe('linux');
    expect(detectPlatform('d', ['os-release-fedora-35'], {})).toBe('linux');
    expect(detectPlatform('d', ['sw_vers.txt'], {})).toBe('darwin');
    expect(detectPlatform('d', ['10.8-system_profiler_SPApplicationsDataType_-xml.example.xml'], {})).toBe('darwin');
    expect(detectPlatform('d', ['office_2016_01.reg'], {})).toBe('win32');
    expect(detectPlatform('d', ['Win32_OperatingSystem.txt'], {})).toBe('win32');
  });

  it('refuses a folder it cannot place, saying what would help', () => {
    expect(() => detectPlatform('d', ['uname.txt'], {})).toThrow(/add recording.txt with platform=linux or platform=darwin/);
    expect(() => detectPlatform('d', ['dpkg.txt', 'sw_vers.txt'], {})).toThrow(/both Linux and macOS/);
    expect(() => detectPlatform('d', ['notes.md'], {})).toThrow(/no recognisable recording/);
  });
});

describe('host facts from a recording', () => {
  it('parses uname, cpuinfo of x86, aarch64 and Loongson, and meminfo', () => {
    expect(parseUname('kylin-pc 5.4.18-110-generic aarch64\n')).toEqual({ hostname: 'kylin-pc', kernel: '5.4.18-110-generic', arch: 'aarch64' });
    expect(parseCpuinfo('processor\t: 0\nmodel name\t: Intel(R) Core(TM) i5-8500\n\nprocessor\t: 1\nmodel name\t: Intel(R) Core(TM) i5-8500\n')).toEqual({ cores: 2, model: 'Intel(R) Core(TM) i5-8500' });
    expect(parseCpuinfo('processor\t: 0\nBogoMIPS\t: 100.00\nCPU implementer\t: 0x70\n')).toEqual({ cores: 1 });
    expect(parseCpuinfo('system type\t\t: generic-loongson-machine\nprocessor\t\t: 0\nModel Name\t\t: Loongson-3A5000\n').model).toBe('Loongson-3A5000');
    expect(parseMemTotal('MemTotal:       16263236 kB\nMemFree: 1 kB\n')).toBe(16263236 * 1024);
    expect(parseMemTotal('')).toBe(0);
  });

  it('never takes this machine\'s facts for what the recording lacks', async () => {
    const { dir, names } = folder({ 'os-release': 'ID=debian\n' });
    const host = await recordedHost(replayIo(dir, names, LINUX_SOURCES), 'linux');
    expect(host).toEqual({ hostname: 'unknown', kernel: '', arch: 'unknown', cpuCores: 0, memoryBytes: 0, macAddresses: [] });
  });

  it('reads macOS host facts from sysctl', async () => {
    const { dir, names } = folder({
      'uname.txt': 'mac-01 23.4.0 arm64\n',
      'sysctl.txt': 'hw.model: MacBookPro18,3\nhw.ncpu: 10\nhw.memsize: 17179869184\nmachdep.cpu.brand_string: Apple M1 Pro\n',
    });
    const host = await recordedHost(replayIo(dir, names, MACOS_SOURCES), 'darwin');
    expect(host).toMatchObject({ hostname: 'mac-01', kernel: '23.4.0', arch: 'arm64', cpuCores: 10, memoryBytes: 17179869184, cpu: 'Apple M1 Pro' });
  });

  it('keeps what sysctl printed when it exits 1 for a name this Mac does not know', async () => {
    const { dir, names } = folder({
      'uname.txt': 'mac-02 19.6.0 x86_64\n',
      'sysctl.txt': 'hw.model: MacBookAir8,1\nhw.ncpu: 4\nhw.memsize: 8589934592\n',
      'sysctl.txt.exit': '1\n',
      'sysctl.txt.stderr': "sysctl: unknown oid 'machdep.cpu.brand_string'\n",
    });
    const host = await recordedHost(replayIo(dir, names, MACOS_SOURCES), 'darwin');
    expect(host).toMatchObject({ hostname: 'mac-02', cpuCores: 4, memoryBytes: 8589934592 });
    expect(host.cpu).toBeUndefined();
  });
});

describe('readRecorded', () => {
  it('refuses a missing folder and an unrecognisable one with E_RECORDED_INPUT', async () => {
    await expect(readRecorded('/nonexistent/zb-recording')).rejects.toMatchObject({ code: 'E_RECORDED_INPUT' });
    const { dir } = folder({ 'notes.md': 'hello' });
    await expect(readRecorded(dir)).rejects.toMatchObject({ code: 'E_RECORDED_INPUT' });
  });

  it('takes the recording time from the manifest', async () => {
    const { dir } = folder({ 'recording.txt': 'platform=linux\nrecorded-at=2026-10-01T08:00:00Z\n', 'os-release': 'ID=debian\nNAME="Debian GNU/Linux"\n' });
    mkdirSync(join(dir, 'ignored-subfolder'));
    const rec = await readRecorded(dir);
    expect(rec.platform).toBe('linux');
    expect(rec.collectedAt).toBe('2026-10-01T08:00:00.000Z');
    expect(rec.parts.os.id).toBe('debian');
  });
});
