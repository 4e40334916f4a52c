import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyPair, KIT_KIND, KIT_VERSION, type KitFile } from '@zhengban/shared';
import { loadKit } from '../src/inspect/kit.js';
import { resultStem, writeResults } from '../src/inspect/results.js';

// The inspect command's own parts: reading a kit (with a stand-in judge.mjs: the real one
// is the collector's, tested with the built agent in test/kit/) and writing the results.

const temps: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'zb-agent-inspect-'));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const STUB_JUDGE = `export default { RULES_VERSION: 'r1', checkKit() {}, judgeOnSite() {}, inspectionSheet() { return ''; }, verdictLine() { return ''; } };\n`;

function kitDir(change: (kit: KitFile) => KitFile = (k) => k): string {
  const dir = temp();
  const keys = generateKeyPair();
  const kit: KitFile = {
    kind: KIT_KIND, version: KIT_VERSION, kitId: 'kit_1', inspector: { id: '1', name: '张三', publicKey: keys.publicKeyPem },
    createdAt: '2026-11-20T08:00:00.000Z', unit: null, spotCheckId: null, catalogVersion: 'c1', rulesVersion: 'r1', judging: {},
  };
  writeFileSync(join(dir, 'kit.json'), JSON.stringify(change(kit)));
  writeFileSync(join(dir, 'inspector.key'), keys.privateKeyPem, { mode: 0o644 });
  writeFileSync(join(dir, 'judge.mjs'), STUB_JUDGE);
  return dir;
}

describe('loadKit', () => {
  it('reads kit.json, the key (whatever its mode: a stick has none) and the judge', async () => {
    const loaded = await loadKit(kitDir());
    expect(loaded.kit.kitId).toBe('kit_1');
    expect(loaded.judge.RULES_VERSION).toBe('r1');
  });

  it('refuses a judge without the kit module\'s functions', async () => {
    const dir = kitDir();
    writeFileSync(join(dir, 'judge.mjs'), 'export default { RULES_VERSION: "r1" };\n');
    await expect(loadKit(dir)).rejects.toMatchObject({ code: 'E_KIT', message: expect.stringMatching(/is not a kit's judge/) });
  });

  it('refuses a judge that cannot be loaded, naming it', async () => {
    const dir = kitDir();
    writeFileSync(join(dir, 'judge.mjs'), 'export default {;\n');
    await expect(loadKit(dir)).rejects.toMatchObject({ code: 'E_KIT', message: expect.stringMatching(/judge\.mjs cannot be loaded/) });
  });

  it('refuses a key file that holds no key', async () => {
    const dir = kitDir();
    writeFileSync(join(dir, 'inspector.key'), 'not a key');
    await expect(loadKit(dir)).rejects.toMatchObject({ code: 'E_KIT', message: expect.stringMatching(/is not an inspector key/) });
  });

  it('passes on what the judge says of the kit\'s data', async () => {
    const dir = kitDir();
    writeFileSync(join(dir, 'judge.mjs'), STUB_JUDGE.replace('checkKit() {}', 'checkKit() { throw new Error("judging data is not valid: /products"); }'));
    await expect(loadKit(dir)).rejects.toMatchObject({ code: 'E_KIT', message: expect.stringMatching(/cannot be judged with: judging data is not valid/) });
  });
});

describe('results', () => {
  it('names them by host and local time, as a file name can hold them', () => {
    const at = new Date(2026, 10, 20, 16, 5, 2);
    expect(resultStem('CZJ-PC-0031', at)).toBe('CZJ-PC-0031-20261120-160502');
    expect(resultStem('财政局 PC/1:a*b', at)).toBe('财政局_PC_1_a_b-20261120-160502');
    expect(resultStem('..', at)).toBe('pc-20261120-160502');
  });

  it('writes both files, and a second inspection in the same second beside the first', async () => {
    const dir = temp();
    const first = await writeResults(dir, 'pc-1', { bundle: 'b1\n', sheet: '<html>1' });
    const second = await writeResults(dir, 'pc-1', { bundle: 'b2\n', sheet: '<html>2' });
    expect(readdirSync(dir).sort()).toEqual(['pc-1-2.bundle', 'pc-1-2.html', 'pc-1.bundle', 'pc-1.html']);
    expect(readFileSync(first.bundle, 'utf8')).toBe('b1\n');
    expect(readFileSync(second.sheet, 'utf8')).toBe('<html>2');
  });

  it('leaves nothing when it cannot write', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'file'), '');
    await expect(writeResults(join(dir, 'file'), 'pc-1', { bundle: 'b', sheet: 's' })).rejects.toMatchObject({ code: 'E_RESULTS_FOLDER' });
    expect(readdirSync(dir)).toEqual(['file']);
  });
});
