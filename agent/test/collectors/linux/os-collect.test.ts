import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OperatingSystem, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { linuxContext } from '../../../src/collectors/linux/context.js';
import { parseDpkgQuery } from '../../../src/collectors/linux/dpkg.parse.js';
import { parseRpmQuery } from '../../../src/collectors/linux/rpm.parse.js';
import { parseNeokylinRelease, parseProductInfo } from '../../../src/collectors/linux/neokylin.parse.js';
import { linuxOs } from '../../../src/collectors/linux/os-identity.js';
import { collectLinuxOs } from '../../../src/collectors/linux/os.collect.js';
import { linuxActivation } from '../../../src/collectors/linux/os-activation.js';
import { parseOsRelease } from '../../../src/collectors/linux/os-release.parse.js';
import { MANIFEST, parseManifest } from '../../../src/collectors/replay/detect.js';
import { recordedHost } from '../../../src/collectors/replay/host.js';
import { expectGolden } from '../fixtures.js';
import { CASES_DIR, caseIo, recordedIo, reply } from './os-recording.js';

const HOST = { hostname: 'h', kernel: '5.4.18', arch: 'aarch64', cpuCores: 4, memoryBytes: 0, macAddresses: [] };
const NOW = new Date('2026-03-10T02:00:00Z');

/** What each fixture case's OS activation must come out as (the verdicts follow from these). */
const CASE_STATES: Record<string, { state: string; source: string }> = {
  'kylin-v10-sp1-activated': { state: 'activated', source: 'dbus:org.freedesktop.activation' },
  'kylin-v10-sp1-trial': { state: 'trial', source: 'dbus:org.freedesktop.activation' },
  'kylin-v10-sp1-trial-expired': { state: 'not-activated', source: 'dbus:org.freedesktop.activation' },
  'kylin-advanced-server-v10': { state: 'unknown', source: 'dbus:org.freedesktop.activation' },
  'uos-20-pro-authorised': { state: 'activated', source: 'dbus:com.deepin.license' },
  'uos-20-pro-unauthorised': { state: 'not-activated', source: 'dbus:com.deepin.license' },
  'uos-20-pro-trial': { state: 'trial', source: 'dbus:com.deepin.license' },
  'uos-server-20-lapsed': { state: 'expired', source: 'dbus:com.deepin.license' },
  'deepin-23': { state: 'not-applicable', source: 'os-release' },
  'openeuler-22.03': { state: 'not-applicable', source: 'os-release' },
  'neokylin-7': { state: 'unknown', source: 'os-release' },
};

describe('fixture cases: the OS part through the replay Io', () => {
  it('has every listed case folder, and each package listing parses without dropped lines', () => {
    const present = new Set(readdirSync(CASES_DIR));
    for (const name of Object.keys(CASE_STATES)) {
      expect(present.has(name), name).toBe(true);
      const files = readdirSync(resolve(CASES_DIR, name));
      const listing = files.includes('dpkg.txt') ? 'dpkg.txt' : 'rpm.txt';
      const text = readFileSync(resolve(CASES_DIR, name, listing), 'utf8');
      const parsed = listing === 'dpkg.txt' ? parseDpkgQuery(text) : parseRpmQuery(text);
      expect(parsed.skipped, name).toEqual([]);
      expect(parsed.items.length, name).toBeGreaterThanOrEqual(20);
    }
  });

  for (const name of Object.keys(CASE_STATES)) {
    it(`reads ${name}`, async () => {
      const io = caseIo(name);
      const manifest = parseManifest(readFileSync(resolve(CASES_DIR, name, MANIFEST), 'utf8'));
      const host = await recordedHost(io, 'linux');
      const { os, errors } = await collectLinuxOs(linuxContext(io, host, new Date(manifest.recordedAt!)));
      assertValid(OperatingSystem, os, name);
      expect(errors).toEqual([]);
      expect(os.activation).toMatchObject(CASE_STATES[name]!);
      await expectGolden(os, `os-release/cases/${name}.json`);
    });
  }
});

describe('collectLinuxOs', () => {
  it('asks no licence service on a free distribution', async () => {
    const io = recordedIo({ 'os-release': 'ID=debian\nNAME="Debian GNU/Linux"\n', 'deepin-license-state.txt': reply('variant int32 1') });
    const { os } = await collectLinuxOs(linuxContext(io, HOST, NOW));
    expect(os.activation.state).toBe('not-applicable');
    expect(io.calls.filter((c) => c !== 'systemctl-services.txt')).toEqual([]);
  });

  it('without os-release: a collection error and an unknown activation, not a failed scan', async () => {
    const { os, errors } = await collectLinuxOs(linuxContext(recordedIo({}), HOST, NOW));
    expect(errors).toMatchObject([{ source: 'os-release', code: 'E_OS_RELEASE_MISSING' }]);
    expect(os).toMatchObject({ id: 'linux', name: 'Linux', activation: { state: 'unknown' } });
  });

  it('Kylin without dbus-send: unknown, saying so', async () => {
    const io = recordedIo({ 'os-release': 'ID=kylin\nNAME="Kylin"\nPRETTY_NAME="Kylin V10 SP1"\nVERSION_ID="v10"\n' });
    const { os, errors } = await collectLinuxOs(linuxContext(io, HOST, NOW));
    expect(errors).toEqual([]);
    expect(os).toMatchObject({ version: 'V10 SP1', activation: { state: 'unknown', reason: /^dbus-send is not installed/ } });
  });

  it('NeoKylin without its version files still has an identity', async () => {
    const io = recordedIo({ 'os-release': 'ID="neokylin"\nNAME="NeoKylin Linux Desktop"\nVERSION="7.0 (Zinc)"\nVERSION_ID="7.0"\n' });
    const { os } = await collectLinuxOs(linuxContext(io, HOST, NOW));
    expect(os).toMatchObject({ version: '7.0', edition: 'Desktop', codename: 'Zinc', activation: { state: 'unknown' } });
  });
});

describe('NeoKylin release files', () => {
  it('reads the release line and the build stamp of .productinfo, and ignores other shapes', () => {
    expect(parseNeokylinRelease('\nNeoKylin Linux Advanced Server release V7Update6 (Chromium)\n')).toBe(
      'NeoKylin Linux Advanced Server release V7Update6 (Chromium)',
    );
    expect(parseProductInfo('NeoKylin Linux Advanced Server\nrelease V7Update6/(Chromium)-x86_64\nb4.lic/20190820\n')).toBe('b4.lic/20190820');
    for (const bad of ['', 'b4.lic/20190820', 'a\nb\nc']) expect(parseProductInfo(bad)).toBeUndefined();
    expect(parseNeokylinRelease('')).toBeUndefined();
  });
});

describe('identity from os-release (linuxOs)', () => {
  const identity = (text: string) => {
    const rel = parseOsRelease(text);
    const { name, version, build, edition, codename } = linuxOs(rel, HOST, linuxActivation(rel));
    return { name, version, build, edition, codename };
  };

  it('Kylin Advanced Server: service pack from the codename (Tercel SP1 … Lithium SP4)', () => {
    const server = (codename: string) =>
      identity(`NAME="Kylin Linux Advanced Server"\nVERSION="V10 (${codename})"\nID="kylin"\nVERSION_ID="V10"\nPRETTY_NAME="Kylin Linux Advanced Server V10 (${codename})"\n`);
    expect(server('Sword')).toEqual({
      name: 'Kylin Linux Advanced Server V10 (Sword)',
      version: 'V10 SP2',
      edition: 'Advanced Server',
      codename: 'Sword',
      build: undefined,
    });
    expect(server('Halberd').version).toBe('V10 SP3 2403');
    expect(server('Unheard').version).toBe('V10');
  });

  it('Kylin V10 (before SP1) reads V10; Ubuntu Kylin is Ubuntu with its own edition', () => {
    // V10 original, as a Kylin container project quotes it.
    expect(identity('NAME="Kylin"\nVERSION="V10 (juniper)"\nID=kylin\nID_LIKE=debian\nVERSION_ID="v10"\nPRETTY_NAME="Kylin V10"\n').version).toBe('V10');
    expect(identity('NAME="Ubuntu Kylin"\nPRETTY_NAME="Ubuntu 22.04 LTS"\nVERSION_ID="22.04"\nID=ubuntu\n')).toMatchObject({
      version: '22.04',
      edition: 'Ubuntu Kylin',
    });
  });

  it('clips every string to its schema limit', () => {
    const long = '长'.repeat(300);
    const os = linuxOs(parseOsRelease(`ID=kylin\nNAME="Kylin Linux Advanced Server ${long}"\nVERSION="${long} (${long})"`), HOST, linuxActivation({}));
    assertValid(OperatingSystem, os, 'long');
  });
});
