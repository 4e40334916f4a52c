import { OperatingSystem, assertValid } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { collectOsRelease } from '../../../src/collectors/linux/os-release.collect.js';
import { osFromRelease, parseOsRelease } from '../../../src/collectors/linux/os-release.parse.js';
import { expectGolden, fakeIo, glpiFixture, linuxFixture } from '../fixtures.js';

const HOSTS = {
  'debian-12': { kernel: '6.1.0-18-amd64', arch: 'x86_64' },
  'ubuntu-24.04': { kernel: '6.11.0-26-generic', arch: 'x86_64' },
  'uos-20-pro': { kernel: '4.19.0-amd64-desktop', arch: 'x86_64' },
  // The kernel and arch this machine reported next to its os-release.
  'kylin-v10-sp1-edu-loongarch64': { kernel: '5.4.18-116-generic', arch: 'loongarch64' },
} as const;

describe('os-release fixtures', () => {
  for (const [name, host] of Object.entries(HOSTS)) {
    it(`parses ${name}`, async () => {
      const os = osFromRelease(parseOsRelease(linuxFixture('os-release', name)), host);
      assertValid(OperatingSystem, os, name);
      await expectGolden(os, `os-release/${name}.json`);
    });
  }

  for (const name of ['os-release-centos-7.9', 'os-release-debian-11.2', 'os-release-fedora-35']) {
    it(`parses GLPI's ${name}`, async () => {
      const os = osFromRelease(parseOsRelease(glpiFixture(`linux/distro/${name}`)), { kernel: '', arch: 'x86_64' });
      assertValid(OperatingSystem, os, name);
      await expectGolden(os, `os-release/glpi-${name}.json`);
    });
  }
});

describe('parseOsRelease', () => {
  it('keeps non-ASCII values (Kylin)', () => {
    const rel = parseOsRelease(linuxFixture('os-release', 'kylin-v10-sp1-edu-loongarch64'));
    expect(rel.VERSION).toBe('银河麒麟桌面操作系统（教育版）V10');
    expect(rel.KYLIN_RELEASE_ID).toBe('2403');
  });

  it('reads empty input as no keys, and still yields a valid os', () => {
    expect(parseOsRelease('')).toEqual({});
    const os = osFromRelease({}, { kernel: '6.1', arch: 'aarch64' });
    assertValid(OperatingSystem, os, 'empty');
    expect(os).toMatchObject({ name: 'Linux', id: 'linux', arch: 'aarch64', activation: { state: 'unknown' } });
  });

  it('handles quoting, escapes, comments, CRLF and a truncated last line', () => {
    const rel = parseOsRelease(
      '# comment\r\nNAME=\'Single Quoted\'\r\nPRETTY_NAME="A \\"quoted\\" \\$name"\r\nID=bare\r\nnot an assignment\r\nVERSION="12 (cut',
    );
    expect(rel).toEqual({ NAME: 'Single Quoted', PRETTY_NAME: 'A "quoted" $name', ID: 'bare', VERSION: '12 (cut' });
  });

  it('clips an over-long name to the schema limit', () => {
    const os = osFromRelease(parseOsRelease(`ID=x\nPRETTY_NAME="${'長'.repeat(300)}"`), { kernel: '', arch: 'x86_64' });
    expect(os.name).toHaveLength(200);
    assertValid(OperatingSystem, os, 'long');
  });
});

describe('collectOsRelease', () => {
  it('falls back to /usr/lib/os-release', async () => {
    const io = fakeIo({ '/usr/lib/os-release': 'ID=fedora\nNAME="Fedora Linux"\n' });
    expect(await collectOsRelease(io)).toEqual({ ID: 'fedora', NAME: 'Fedora Linux' });
  });

  it('throws E_OS_RELEASE_MISSING when neither file exists', async () => {
    await expect(collectOsRelease(fakeIo({}))).rejects.toMatchObject({ code: 'E_OS_RELEASE_MISSING' });
  });
});
