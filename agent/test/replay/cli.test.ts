import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built CLI on Linux and macOS recordings, as an IT person uses it after
// scripts/record-linux-fixture.sh.
const bin = fileURLToPath(new URL('../../bin/zhengban-agent.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url)));
const cases = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ZHENGBAN_AGENT_CONFIG: '' }, timeout: 20_000 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe.runIf(built)('zhengban-agent scan --from (Linux and macOS recordings)', () => {
  it('prints the summary of a Kylin recording, activation and all', async () => {
    const r = await cli(['scan', '--from', join(cases, 'linux-cases/kylin-v10-sp1-activated')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^OS: +Kylin V10 SP1/m);
    expect(r.stdout).toMatch(/^Activation: activated/m);
  });

  it('prints the snapshot of a Mac recording as JSON', async () => {
    const r = await cli(['scan', '--json', '--from', join(cases, 'macos/macos-14-sonoma-office-365')]);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as { os: { family: string }; agent: { platform: string } };
    expect(s.os.family).toBe('macos');
    expect(s.agent.platform).toBe('darwin');
  });

  it('a folder it cannot place is one clear stderr line and exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-cli-'));
    writeFileSync(join(dir, 'uname.txt'), 'host 6.1.0 x86_64\n');
    const r = await cli(['scan', '--from', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot tell whether .* was recorded on Linux or macOS/);
    writeFileSync(join(dir, 'recording.txt'), 'platform=amiga\n');
    const bad = await cli(['scan', '--from', dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/names the platform "amiga"/);
  });
});
