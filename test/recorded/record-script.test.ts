import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LINUX_SOURCES, MACOS_SOURCES, type Source } from '../../agent/src/collectors/sources/index.js';
import { buildSnapshot } from '../../agent/src/snapshot/build.js';

// scripts/record-linux-fixture.sh must record exactly what the agent reads: every entry
// of the sources table, under its file name, by the same command line. Stub commands that
// print their own argv stand in for the real ones, and a fake root holds the files.

const SCRIPT = fileURLToPath(new URL('../../scripts/record-linux-fixture.sh', import.meta.url));
const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});
function temp(): string {
  const t = mkdtempSync(join(tmpdir(), 'zb-record-'));
  temps.push(t);
  return t;
}

/** A stub that prints its name and arguments NUL-separated, so the test sees the exact argv. */
const STUB = '#!/bin/sh\nprintf \'%s\\0\' "$(basename "$0")" "$@"\n';

function stage(sources: readonly Source[]): { bin: string; root: string } {
  const base = temp();
  const bin = join(base, 'bin');
  const root = join(base, 'root');
  mkdirSync(bin);
  for (const s of sources) {
    if (s.kind === 'command') {
      const path = s.command.startsWith('/') ? join(root, s.command) : join(bin, s.command);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, STUB);
      chmodSync(path, 0o755);
    } else if (s.kind === 'file') {
      mkdirSync(dirname(join(root, s.path)), { recursive: true });
      writeFileSync(join(root, s.path), `contents of ${s.path}\n`);
    } else {
      mkdirSync(join(root, s.dir), { recursive: true });
      writeFileSync(join(root, s.dir, 'sys_vendor'), 'LENOVO\n');
      writeFileSync(join(root, s.dir, 'empty'), '');
    }
  }
  return { bin, root };
}

function record(platform: string, sources: readonly Source[]): { out: string; root: string } {
  const { bin, root } = stage(sources);
  const out = join(temp(), 'rec');
  execFileSync('bash', [SCRIPT, '--platform', platform, out], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, ZHENGBAN_RECORD_ROOT: root },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { out, root };
}

describe.each([
  ['linux', LINUX_SOURCES],
  ['darwin', MACOS_SOURCES],
] as const)('record-linux-fixture.sh --platform %s', (platform, sources) => {
  it('records every source of the table under its name, by the same command line', () => {
    const { out } = record(platform, sources);
    const names = readdirSync(out).filter((n) => n !== 'recording.txt');
    expect(names.sort()).toEqual([...new Set(sources.map((s) => s.file))].sort());
    for (const s of sources) {
      const text = readFileSync(join(out, s.file), 'utf8');
      if (s.kind === 'command') {
        const argv = text.split('\0').slice(0, -1);
        expect(argv, s.file).toEqual([s.command.split('/').pop(), ...s.args]);
      } else if (s.kind === 'dir') {
        expect(text, s.file).toBe(`${s.dir}/sys_vendor:LENOVO\n`);
      } else if (/^wps(-pro)?-license2\.dat$/.test(s.file)) {
        expect(text).toMatch(/^present, \d+ bytes; the serial itself is not recorded/);
      } else if (!['kyinfo', 'kyactivation'].includes(s.file)) {
        expect(text, s.file).toBe(`contents of ${s.path}\n`);
      }
    }
    expect(readFileSync(join(out, 'recording.txt'), 'utf8')).toMatch(new RegExp(`^platform=${platform}\nrecorded-at=\\d{4}-\\d\\d-\\d\\dT`));
  });
});

describe('record-linux-fixture.sh', () => {
  it('masks serials to their last five characters', () => {
    const { root, bin } = stage(LINUX_SOURCES);
    writeFileSync(join(root, 'etc/.kyinfo'), '[servicekey]\nkey=0123456789ABCDEF\n[os]\nterm=2027-01-01\n');
    writeFileSync(join(bin, 'dbus-send'), '#!/bin/sh\nprintf \'method return time=1 sender=:1.2 -> destination=:1.3 serial=4 reply_serial=2\\n   string "KY-SERIAL-1234567"\\n\'\n');
    const out = join(temp(), 'rec');
    execFileSync('bash', [SCRIPT, '--platform', 'linux', out], { env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, ZHENGBAN_RECORD_ROOT: root }, stdio: 'ignore' });
    expect(readFileSync(join(out, 'kyinfo'), 'utf8')).toBe('[servicekey]\nkey=XXXXXXXXBCDEF\n[os]\nterm=2027-01-01\n');
    expect(readFileSync(join(out, 'kylin-activation-serial.txt'), 'utf8')).toContain('string "XXXXXXXX34567"');
  });

  it('replaces macOS home folder names by user1, user2 … consistently', () => {
    const { root, bin } = stage(MACOS_SOURCES);
    writeFileSync(join(bin, 'find'), `#!/bin/sh\nprintf '%s\\n' '/Users/zhang/Library/Group Containers/UBF8T346G9.Office/com.microsoft.Office365V2.plist' '/Users/li/Library/Group Containers/UBF8T346G9.Office/Licenses/x' '/Users/zhang/Library/Group Containers/UBF8T346G9.Office/Licenses/y'\n`);
    const out = join(temp(), 'rec');
    execFileSync('bash', [SCRIPT, '--platform', 'darwin', out], { env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, ZHENGBAN_RECORD_ROOT: root }, stdio: 'ignore' });
    expect(readFileSync(join(out, 'office365-licences.txt'), 'utf8')).toBe(
      '/Users/user1/Library/Group Containers/UBF8T346G9.Office/com.microsoft.Office365V2.plist\n' +
        '/Users/user2/Library/Group Containers/UBF8T346G9.Office/Licenses/x\n' +
        '/Users/user1/Library/Group Containers/UBF8T346G9.Office/Licenses/y\n',
    );
  });

  it('refuses a bad platform and a folder that is not empty, writing nothing', () => {
    const out = temp();
    writeFileSync(join(out, 'keep'), 'x');
    const run = (...args: string[]) => {
      try {
        execFileSync('bash', [SCRIPT, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
        return { status: 0, stderr: '' };
      } catch (err) {
        const e = err as { status: number; stderr: Buffer };
        return { status: e.status, stderr: e.stderr.toString() };
      }
    };
    expect(run('--platform', 'beos', join(out, 'x'))).toMatchObject({ status: 2, stderr: expect.stringContaining('must be linux or darwin') });
    expect(run('--platform', 'linux', out)).toMatchObject({ status: 2, stderr: expect.stringContaining('is not empty') });
    expect(readdirSync(out)).toEqual(['keep']);
  });

  // On this Linux machine: the recording, read back by `scan --from`, gives the same
  // facts as a live scan (every dpkg package, the OS, the hardware).
  it.runIf(process.platform === 'linux')('records this Linux machine so that scan --from gives what a live scan gives', async () => {
    const out = join(temp(), 'rec');
    execFileSync('bash', [SCRIPT, out], { stdio: 'ignore' });
    const now = new Date('2026-11-20T08:00:00Z');
    const [live, replayed] = await Promise.all([
      buildSnapshot({ agentId: null, seq: 0, now }),
      buildSnapshot({ agentId: null, seq: 0, now, from: out }),
    ]);
    expect(replayed.software).toEqual(live.software);
    expect(replayed.software.length).toBeGreaterThan(0);
    expect(replayed.os).toEqual(live.os);
    expect(replayed.office).toEqual(live.office);
    expect(replayed.antivirus).toEqual(live.antivirus);
    const { macAddresses: _m, ...machine } = live.machine;
    expect(replayed.machine).toEqual(machine);
    expect(replayed.collectionErrors).toEqual(live.collectionErrors);
  });
});
