import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, loadConfig, requireEnrolled, saveConfigFile, type ConfigLocation } from '../src/index.js';
import { tempDir } from './helpers.js';

async function at(dir: string, text?: string): Promise<ConfigLocation> {
  const configFile = join(dir, 'agent.json');
  if (text !== undefined) await writeFile(configFile, text);
  return { configFile, stateDir: dir, source: 'flag' };
}

describe('config', () => {
  it('a missing file is an unenrolled config with defaults', async () => {
    const dir = await tempDir();
    const c = await loadConfig(await at(dir));
    expect(c.exists).toBe(false);
    expect(c.agentId).toBeNull();
    expect(c.schedule).toEqual({ cron: '0 2 * * *', splayMinutes: 60, intervalHours: 24 });
    expect(c.spool.maxItems).toBe(DEFAULTS.maxItems);
    expect(c.keyFile).toBe(join(dir, 'agent.key'));
    expect(c.spoolDir).toBe(join(dir, 'spool'));
    expect(c.rejectedDir).toBe(join(dir, 'rejected'));
    expect(c.stateFile).toBe(join(dir, 'state.json'));
    expect(() => requireEnrolled(c)).toThrow(expect.objectContaining({ code: 'E_NOT_ENROLLED' }));
  });

  it('reads values and resolves relative paths against the config folder', async () => {
    const dir = await tempDir();
    const c = await loadConfig(await at(dir, '\uFEFF' + JSON.stringify({
      serverUrl: 'https://c.example', agentId: 'a1', unit: '财政局', caFile: 'ca.pem', stateDir: 'state',
      schedule: { cron: '30 12 * * 1-5', splayMinutes: 0 }, spool: { maxItems: 5 }, timeouts: { requestMs: 5000 },
    })));
    expect(c.caFile).toBe(join(dir, 'ca.pem'));
    expect(c.stateDir).toBe(join(dir, 'state'));
    expect(c.keyFile).toBe(join(dir, 'state', 'agent.key'));
    expect(c.schedule).toEqual({ cron: '30 12 * * 1-5', splayMinutes: 0, intervalHours: 24 });
    expect(c.timeouts).toEqual({ connectMs: DEFAULTS.connectMs, requestMs: 5000 });
    expect(requireEnrolled(c)).toEqual({ agentId: 'a1', serverUrl: 'https://c.example' });
  });

  it.each([
    ['not JSON', '{ "serverUrl": ', /not valid JSON/],
    ['a typo', '{ "schedule": { "splayMinute": 5 } }', /not valid: \/schedule/],
    ['a wrong type', '{ "spool": { "maxItems": "many" } }', /not valid: \/spool\/maxItems/],
    ['not an object', '[]', /not valid/],
  ])('refuses %s with E_CONFIG naming the file', async (_what, text, message) => {
    const dir = await tempDir();
    const err = await loadConfig(await at(dir, text)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('E_CONFIG');
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toContain(join(dir, 'agent.json'));
  });

  it('refuses a config path that is a folder', async () => {
    const dir = await tempDir();
    await expect(loadConfig({ configFile: dir, stateDir: dir, source: 'flag' })).rejects.toMatchObject({ code: 'E_CONFIG' });
  });

  it('saves atomically, creating the folder and leaving no temp file', async () => {
    const dir = await tempDir();
    const file = join(dir, 'sub', 'agent.json');
    await saveConfigFile(file, { serverUrl: 'https://c.example', agentId: 'a1' });
    await saveConfigFile(file, { serverUrl: 'https://c.example', agentId: 'a2' });
    expect(await readdir(join(dir, 'sub'))).toEqual(['agent.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ serverUrl: 'https://c.example', agentId: 'a2' });
    const back = await loadConfig({ configFile: file, stateDir: dir, source: 'flag' });
    expect(back.agentId).toBe('a2');
  });

  it('refuses to save an invalid config', async () => {
    const dir = await tempDir();
    await expect(saveConfigFile(join(dir, 'a.json'), { spool: { maxItems: 0 } })).rejects.toThrow(/not valid/);
  });
});
