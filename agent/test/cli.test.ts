import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fakeCollector, tempDir } from './helpers.js';

// The CLI runs on import, so it is tested as users meet it: the built bin in a child process.
const bin = fileURLToPath(new URL('../bin/zhengban-agent.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)));

interface Run { code: number; stdout: string; stderr: string }

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...process.env, ZHENGBAN_AGENT_CONFIG: '', ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe.runIf(built)('zhengban-agent CLI (built)', () => {
  it('exits 2 on usage errors', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['enroll', '--server', 'http://x'])).code).toBe(2);
    expect((await cli(['--help'])).code).toBe(0);
  });

  it('a broken config is one clear line on stderr and exit 2, never a stack trace', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'agent.json'), '{ "serverUrl": "http://x", }');
    const r = await cli(['--config', join(dir, 'agent.json'), 'status']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^zhengban-agent: config file .*agent\.json is not valid JSON/);
  });

  it('status --json reads the file named by ZHENGBAN_AGENT_CONFIG, state beside it', async () => {
    const dir = await tempDir();
    const r = await cli(['status', '--json'], { ZHENGBAN_AGENT_CONFIG: join(dir, 'agent.json') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ enrolled: false, configSource: 'env', stateDir: dir, spoolDepth: 0 });
  });

  it('report before enroll exits 2 and says what to do', async () => {
    const dir = await tempDir();
    const r = await cli(['--config', join(dir, 'agent.json'), 'report']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not enrolled .*zhengban-agent enroll --server URL --token TOKEN/);
  });

  it('enroll prints the collector code and message on a 4xx and exits 4', async () => {
    const fake = await fakeCollector(() => ({ status: 403, body: { code: 'E_TOKEN_INVALID', message: 'unknown token' } }));
    const dir = await tempDir();
    const r = await cli(['--config', join(dir, 'agent.json'), 'enroll', '--server', fake.url, '--token', 'nope']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/zhengban-agent: collector refused the enrollment: 403 E_TOKEN_INVALID: unknown token/);
  });
});
