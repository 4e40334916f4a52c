import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertValid, KitFile, loadPrivateKey } from '@zhengban/shared';
import { createPublicKey } from 'node:crypto';
import { runCli } from '../../collector/src/cli.js';
import { createSpotCheck } from '../../collector/src/service/spot-check-create.js';
import { collectorVerdict, NOW, UNIT, world, type World } from './world.js';
import { minimalSnapshot } from '../../shared/test/minimal-snapshot.js';

// `zhengban-collector kit create`, `inspector list` and `inspector revoke`.

const JUDGE = fileURLToPath(new URL('../../collector/bundle/judge.mjs', import.meta.url));

let w: World;
let base: string;
beforeAll(async () => {
  w = await world();
  base = mkdtempSync(join(tmpdir(), 'zb-kit-cli-'));
});
afterAll(async () => {
  await w.close();
  rmSync(base, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--db', w.dbFile], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const inspectors = () => w.store.read.inspectors.list();
const folder = () => mkdtempSync(join(base, 'kit-'));

describe.runIf(existsSync(JUDGE))('kit create', () => {
  it('registers an inspector and writes kit.json, inspector.key (0600) and the collector\'s judge.mjs', async () => {
    const dir = folder();
    const r = await cli('kit', 'create', '--out', dir, '--inspector', ' 张三 ', '--unit', UNIT, '--trusted-kms', 'kms.extra.example.cn');
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out[0]).toMatch(/^inspector #\d+ 张三 registered with kit kit_[0-9a-f]{16}$/);
    expect(readdirSync(dir).sort()).toEqual(['inspector.key', 'judge.mjs', 'kit.json']);
    expect(statSync(join(dir, 'inspector.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'judge.mjs'))).toEqual(readFileSync(JUDGE));
    const kit = assertValid(KitFile, JSON.parse(readFileSync(join(dir, 'kit.json'), 'utf8')), 'kit.json');
    const [registered] = (await inspectors()).slice(-1);
    expect(kit).toMatchObject({ kitId: registered!.kitId, inspector: { id: String(registered!.id), name: '张三', publicKey: registered!.publicKey }, unit: UNIT, spotCheckId: null });
    expect(createPublicKey(loadPrivateKey(readFileSync(join(dir, 'inspector.key'), 'utf8'))).export({ type: 'spki', format: 'pem' })).toBe(registered!.publicKey);
    expect((kit.judging as { trustedKmsHosts: string[] }).trustedKmsHosts).toContain('kms.extra.example.cn');
    const audit = await w.store.read.audit.list({ limit: 1, offset: 0, action: 'inspector.' });
    expect(audit[0]).toMatchObject({ action: 'inspector.create', actor: 'cli', target: UNIT });
  });

  it('takes the unit of the spot check it is made for', async () => {
    await collectorVerdict(w, { ...minimalSnapshot(), collectedAt: NOW.toISOString() });
    const { id } = await createSpotCheck({ store: w.store, now: () => NOW, staleAfterMs: 48 * 3_600_000 }, 'cli', { unit: UNIT, ratio: 1, seed: 'cli' });
    const dir = folder();
    expect((await cli('kit', 'create', '--out', dir, '--inspector', '李四', '--spot-check', String(id))).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'kit.json'), 'utf8'))).toMatchObject({ unit: UNIT, spotCheckId: String(id) });
  });

  it.each([
    ['an unknown unit', ['--unit', '不存在的局'], /unit "不存在的局" was not found/],
    ['an unknown spot check', ['--spot-check', '999'], /spot check #999 was not found/],
    ['a spot check that is not a number', ['--spot-check', 'abc'], /--spot-check must be a whole number/],
    ['an empty inspector name', ['--inspector', '  '], /--inspector needs/],
  ])('refuses %s with one line, registering and writing nothing', async (_name, args, message) => {
    const dir = join(base, `never-${Math.random().toString(36).slice(2)}`);
    const before = (await inspectors()).length;
    const r = await cli('kit', 'create', '--out', dir, '--inspector', '王五', ...(args as string[]));
    expect(r.code).not.toBe(0);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message as RegExp);
    expect((await inspectors()).length).toBe(before);
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a folder that holds a kit already, or one it cannot write', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'kit.json'), '{}');
    const before = (await inspectors()).length;
    const taken = await cli('kit', 'create', '--out', dir, '--inspector', '王五');
    expect(taken.err[0]).toMatch(/already holds a kit \(kit\.json\)/);
    const blocker = join(folder(), 'file');
    writeFileSync(blocker, '');
    const blocked = await cli('kit', 'create', '--out', join(blocker, 'kit'), '--inspector', '王五');
    expect(blocked.err[0]).toMatch(/cannot write into/);
    expect((await inspectors()).length).toBe(before);
    expect(readdirSync(dir)).toEqual(['kit.json']);
  });
});

describe('inspector list and revoke', () => {
  it('lists inspectors, revokes one once, and names an unknown one', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'judge.mjs'), '');
    expect((await cli('kit', 'create', '--out', dir, '--inspector', '赵六')).code).toBe(0);
    const id = (await inspectors()).at(-1)!.id;
    const listed = await cli('inspector', 'list');
    expect(listed.out[0]).toBe('id\tname\tkit\tunit\tspot check\tcreated\tstate');
    expect(listed.out.find((l) => l.startsWith(`${id}\t赵六\t`))).toMatch(/\t-\t-\t.*\tactive$/);
    const revoked = await cli('inspector', 'revoke', String(id));
    expect(revoked.out[0]).toMatch(new RegExp(`^inspector #${id} 赵六 revoked`));
    expect((await cli('inspector', 'revoke', String(id))).out[0]).toMatch(/was already revoked at/);
    expect((await cli('inspector', 'list')).out.find((l) => l.startsWith(`${id}\t`))).toMatch(/\trevoked \d{4}-/);
    const unknown = await cli('inspector', 'revoke', '9999');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toEqual(['zhengban-collector: inspector #9999 was not found']);
    expect((await cli('inspector', 'revoke', 'x')).code).toBe(2);
  });
});
