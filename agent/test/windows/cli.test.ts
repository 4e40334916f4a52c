import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GLPI_WIN32 } from './helpers.js';

// The built CLI, as users meet it (see test/cli.test.ts).
const bin = fileURLToPath(new URL('../../bin/zhengban-agent.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url)));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ZHENGBAN_AGENT_CONFIG: '' }, timeout: 20_000 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

describe.runIf(built)('zhengban-agent scan --from', () => {
  it('prints the snapshot of a recorded Windows folder', async () => {
    const r = await cli(['scan', '--json', '--from', resolve(GLPI_WIN32, 'wmi')]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { os: { family: string; name: string }; office: { name: string }[] };
    expect(s.os).toMatchObject({ family: 'windows', name: 'Microsoft Windows 7 Professionnel' });
    expect(s.office.map((o) => o.name)).toEqual(['Microsoft Office Professional Plus 2016']);
  });

  it('prints the summary too', async () => {
    const r = await cli(['scan', '--from', resolve(GLPI_WIN32, 'registry')]);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it('a missing folder is one clear stderr line and exit 2', async () => {
    const r = await cli(['scan', '--from', '/nonexistent/zhengban-recording']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^zhengban-agent: cannot read the recorded folder \/nonexistent\/zhengban-recording/);
  });

  it('a folder with nothing recognisable is exit 2 too', async () => {
    const r = await cli(['scan', '--from', resolve(GLPI_WIN32, '..')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no recognisable recording/);
  });
});
