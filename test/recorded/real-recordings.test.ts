import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { assertValid, Snapshot } from '@zhengban/shared';
import { buildSnapshot } from '../../agent/src/snapshot/build.js';

// GLPI Agent's real Linux and macOS recordings, read by `scan --from` in place (whole
// folders) or through a folder of links to them (one machine's os-release beside its
// package list), never copied into the project.

const REAL = fileURLToPath(new URL('../../../shared/fixtures/real/glpi-agent/', import.meta.url));
const NOW = new Date('2026-11-20T08:00:00.000Z');
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A folder of links: name in the folder → path under the real recordings. */
function linked(files: Record<string, string>, manifest?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'zb-real-'));
  temps.push(dir);
  for (const [name, path] of Object.entries(files)) symlinkSync(join(REAL, path), join(dir, name));
  if (manifest) writeFileSync(join(dir, 'recording.txt'), manifest);
  return dir;
}

async function scan(from: string): Promise<Snapshot> {
  return assertValid(Snapshot, await buildSnapshot({ agentId: null, seq: 0, now: NOW, from }), from);
}

describe('scan --from on real GLPI recordings', () => {
  it('reads a CentOS 7.9 os-release beside the real rpm listing', async () => {
    const s = await scan(linked({ 'os-release-centos-7.9': 'linux/distro/os-release-centos-7.9', rpm: 'linux/packaging/rpm' }));
    expect(s.os).toMatchObject({ family: 'linux', id: 'centos', activation: { state: 'not-applicable' } });
    expect(s.software.length).toBeGreaterThan(0);
    expect(s.software.every((i) => i.source === 'rpm')).toBe(true);
  });

  it('reads the real dpkg listing in GLPI\'s own format beside a Debian 11 os-release', async () => {
    const s = await scan(linked({ 'os-release-debian-11.2': 'linux/distro/os-release-debian-11.2', dpkg: 'linux/packaging/dpkg' }));
    expect(s.os).toMatchObject({ id: 'debian', version: '11' });
    expect(s.software.filter((i) => i.source === 'dpkg').length).toBeGreaterThan(10);
    expect(s.collectionErrors.filter((e) => e.source === 'dpkg')).toEqual([]);
  });

  it('reads the antivirus folder in place: Bitdefender, SentinelOne and Defender status outputs', async () => {
    const s = await scan(join(REAL, 'linux/antivirus'));
    expect(s.agent.platform).toBe('linux');
    const byName = Object.fromEntries(s.antivirus.map((a) => [a.name, a]));
    expect(Object.keys(byName).join(' | ')).toMatch(/Bitdefender/);
    expect(Object.keys(byName).join(' | ')).toMatch(/SentinelOne/);
    expect(Object.keys(byName).join(' | ')).toMatch(/Defender/);
    expect(s.antivirus.find((a) => /Bitdefender/.test(a.name))).toMatchObject({ enabled: true, upToDate: true });
    expect(s.antivirus.find((a) => /Defender/.test(a.name))).toMatchObject({ enabled: false, state: 'passive' });
  });

  it('reads the macOS 10.8 applications listing in place', async () => {
    const s = await scan(join(REAL, 'macos/system_profiler'));
    expect(s.os.family).toBe('macos');
    expect(s.software.length).toBeGreaterThan(250);
    expect(s.software.map((i) => i.name)).toContain('Google Chrome');
  });

  it('reads the macOS Defender output once the folder says it is a Mac', async () => {
    await expect(scan(join(REAL, 'macos/antivirus'))).rejects.toMatchObject({ code: 'E_RECORDED_INPUT' });
    const s = await scan(linked({ 'defender-101.98.30.json': 'macos/antivirus/defender-101.98.30.json' }, 'platform=darwin\n'));
    expect(s.antivirus.find((a) => /Defender/.test(a.name))).toMatchObject({ enabled: true, upToDate: true, version: '101.98.30' });
  });
});
