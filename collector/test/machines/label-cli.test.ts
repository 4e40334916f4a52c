import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { runCliCaptured, tempDir } from '../helper.js';
import { enrollMachines, labelState } from './label-helper.js';

/** `machine set` and `machine import`: the CLI is the operator at the server's console, an admin. */

let dir: string;
let db: string;
let cleanup: () => void;
let ids: string[];
beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'zhengban.db');
  const store = openStore(db);
  ids = await enrollMachines(store, ['CZ-PC-01', 'cz-pc-02', 'jy-pc-01', 'twin', 'TWIN']);
  await store.close();
});
afterEach(() => cleanup());

const cli = (...args: string[]) => runCliCaptured([...args, '--db', db]);
async function ok(...args: string[]): Promise<string[]> {
  const r = await cli(...args);
  if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.err.join('\n')}`);
  return r.out;
}
const labels = () => (labelState(db).agents as { hostname: string; user_name: string | null; asset_number: string | null }[]).map((a) => [a.hostname, a.user_name, a.asset_number]);
const file = (name: string, text: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('machine set', () => {
  it('sets by id or by hostname (any case), prints what changed, clears with an empty value', async () => {
    expect(await ok('machine', 'set', ids[0]!, '--user', '张三', '--asset-number', 'ZC-0001')).toEqual([
      `machine ${ids[0]} (CZ-PC-01): user - → 张三; asset number - → ZC-0001`,
    ]);
    expect(await ok('machine', 'set', 'Cz-Pc-02', '--user', ' 李四 ')).toEqual([`machine ${ids[1]} (cz-pc-02): user - → 李四`]);
    expect(await ok('machine', 'set', 'cz-pc-01', '--asset-number', '')).toEqual([`machine ${ids[0]} (CZ-PC-01): asset number ZC-0001 → -`]);
    expect(await ok('machine', 'set', 'cz-pc-01', '--user', '张三')).toEqual([`machine ${ids[0]} (CZ-PC-01): unchanged`]);
    expect(labels().slice(0, 2)).toEqual([['CZ-PC-01', '张三', null], ['cz-pc-02', '李四', null]]);
    const audit = JSON.parse((await ok('audit', '--action', 'machine.', '--json')).join('\n')).entries as { actor: string; target: string }[];
    expect(audit.map((e) => [e.actor, e.target])).toEqual([['cli', `machine ${ids[0]}`], ['cli', `machine ${ids[1]}`], ['cli', `machine ${ids[0]}`]]);
  });

  it.each([
    [['machine', 'set', 'jy-pc-01'], 2, /give --user or --asset-number/],
    [['machine', 'set', 'jy-pc-01', '--user', '张'.repeat(51)], 2, /--user: the user \(使用人\) is 51 characters long/],
    [['machine', 'set', 'jy-pc-01', '--asset-number', 'ZC\u200B1'], 2, /--asset-number: .*invisible character \(U\+200B\)/],
    [['machine', 'set', 'nobody', '--user', '某'], 1, /machine nobody was not found/],
    [['machine', 'set', 'twin', '--user', '某'], 1, /the hostname twin names 2 machines \(ag_5_TWIN, ag_4_twin\); give the machine id/],
    [['machine', 'set', 'jy-pc-01', '--asset-number', 'zc-0009'], 1, /the asset number zc-0009 is already machine ag_1_CZ-PC-01 \(CZ-PC-01\)'s/],
  ])('refuses %j with one line on stderr and writes nothing', async (args, code, message) => {
    await ok('machine', 'set', ids[0]!, '--asset-number', 'ZC-0009');
    const before = labelState(db);
    const r = await cli(...args);
    expect({ code: r.code, err: r.err }).toEqual({ code, err: [expect.stringMatching(message)] });
    expect(labelState(db)).toEqual(before);
  });
});

describe('machine import', () => {
  it('sets what a UTF-8 file with English headings says, and reports it', async () => {
    const path = file('labels.csv', `machineId,hostname,user,assetNumber\n${ids[0]},,张三,ZC-0001\n,cz-pc-02,李四,ZC-0002\n,jy-pc-01,,\n`);
    const out = await ok('machine', 'import', path);
    expect(out).toEqual([
      `machine ${ids[0]} (CZ-PC-01): user - → 张三; asset number - → ZC-0001`,
      `machine ${ids[1]} (cz-pc-02): user - → 李四; asset number - → ZC-0002`,
      `3 machine(s) in ${path}: 2 changed, 1 unchanged`,
    ]);
    expect(labels().slice(0, 3)).toEqual([['CZ-PC-01', '张三', 'ZC-0001'], ['cz-pc-02', '李四', 'ZC-0002'], ['jy-pc-01', null, null]]);
  });

  it('reads a spreadsheet export: BOM, Chinese headings, CRLF, quoted cells; a label column left out stays as it is', async () => {
    await ok('machine', 'set', 'jy-pc-01', '--user', '王五');
    const path = file('台账.csv', Buffer.from('\uFEFF计算机名,资产编号\r\n"CZ-PC-01","ZC-0001"\r\njy-pc-01,"ZC,0003"\r\n', 'utf8'));
    expect((await ok('machine', 'import', path)).at(-1)).toBe(`2 machine(s) in ${path}: 2 changed, 0 unchanged`);
    expect(labels().slice(0, 3)).toEqual([['CZ-PC-01', null, 'ZC-0001'], ['cz-pc-02', null, null], ['jy-pc-01', '王五', 'ZC,0003']]);
  });

  it('writes nothing when two lines are bad, and names both on stderr with their line numbers', async () => {
    const path = file('bad.csv', ['hostname,使用人,资产编号', 'CZ-PC-01,张三,ZC-0001', 'no-such-pc,李四,ZC-0002', 'jy-pc-01,王五,ZC-0003', `cz-pc-02,${'赵'.repeat(51)},ZC-0004`].join('\n'));
    const before = labelState(db);
    const r = await cli('machine', 'import', path);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      `${path}: line 3: there is no machine with the hostname no-such-pc`,
      `${path}: line 5: column 使用人: the user (使用人) is 51 characters long; at most 50 are allowed`,
      'zhengban-collector: nothing was imported: 2 lines are wrong',
    ]);
    expect(labelState(db)).toEqual(before);
  });

  it('names a shared hostname with both machines, and an asset number given twice, in one answer', async () => {
    const path = file('dup.csv', 'hostname,assetNumber\ntwin,ZC-1\nCZ-PC-01,ZC-7\ncz-pc-02,zc-7\n');
    const r = await cli('machine', 'import', path);
    expect(r.err).toEqual([
      `${path}: line 2: the hostname twin names 2 machines (${ids[4]}, ${ids[3]}); give the machine id`,
      `${path}: line 4: the asset number zc-7 is already machine ${ids[0]} (CZ-PC-01)'s (given on line 3); an asset number names one machine`,
      'zhengban-collector: nothing was imported: 2 lines are wrong',
    ]);
    expect(labels().every(([, user, asset]) => user === null && asset === null)).toBe(true);
  });

  it.each([
    ['a file that is not there', () => join(dir, 'missing.csv'), 2, /cannot read .*missing\.csv/],
    ['an unknown column', () => file('x.csv', 'hostname,部门\npc,办公室\n'), 1, /line 1: unknown column "部门"/],
    ['a header alone', () => file('y.csv', '计算机名,使用人\n'), 1, /a header but no machines/],
  ])('refuses %s whole', async (_what, path, code, message) => {
    const r = await cli('machine', 'import', path());
    expect({ code: r.code, err: r.err }).toEqual({ code, err: [expect.stringMatching(message)] });
  });
});
