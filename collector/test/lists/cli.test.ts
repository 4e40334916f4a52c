import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { runCliCaptured, tempDir } from '../helper.js';

let cleanup: () => void;
let db: string;
beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir());
  db = join(dir, 'zhengban.db');
  await cli('enrollment', 'create', '--unit', '财政局');
});
afterEach(() => cleanup());

const cli = (...args: string[]) => runCliCaptured([...args, '--db', db]);

async function stored() {
  const store = openStore(db);
  try {
    return { entries: await store.read.lists.list(), audit: await store.read.audit.list({ limit: 10, offset: 0, action: 'list.' }) };
  } finally {
    await store.close();
  }
}

describe('list deny|allow add', () => {
  it('adds entries by unit name or id, audited as cli', async () => {
    const a = await cli('list', 'deny', 'add', '--name', '^KMSpico', '--reason', '激活工具', '--unit', '财政局');
    expect(a).toMatchObject({ code: 0, err: [] });
    expect(a.out).toEqual(['deny list entry #1 added', expect.stringMatching(/^re-judged \d+ machine\(s\)/)]);
    const b = await cli('list', 'allow', 'add', '--name', '^7-Zip', '--publisher', 'Igor Pavlov', '--reason', '开源', '--unit', '1');
    expect(b.code).toBe(0);
    await cli('list', 'deny', 'add', '--name', 'Steam', '--reason', '游戏');
    const { entries, audit } = await stored();
    expect(entries.map((e) => [e.list, e.name, e.publisher, e.unit, e.createdBy])).toEqual([
      ['allow', '^7-Zip', 'Igor Pavlov', '财政局', 'cli'],
      ['deny', '^KMSpico', null, '财政局', 'cli'],
      ['deny', 'Steam', null, null, 'cli'],
    ]);
    expect(audit.map((e) => [e.action, e.actor])).toEqual([['list.create', 'cli'], ['list.create', 'cli'], ['list.create', 'cli']]);
  });

  it.each([
    [['--name', '(x', '--reason', 'r'], /name is not a valid regular expression/],
    [['--name', '.*', '--reason', 'r'], /matches the empty string/],
    [['--name', 'x', '--publisher', '[', '--reason', 'r'], /publisher is not a valid regular expression/],
    [['--name', 'x', '--reason', 'r', '--unit', '教育局'], /^zhengban-collector: --unit: there is no unit named or numbered 教育局$/],
    [['--name', 'x', '--reason', '  '], /reason/],
  ])('refuses %j with one line on stderr and writes nothing', async (args, message) => {
    const r = await cli('list', 'deny', 'add', ...(args as string[]));
    expect(r.code).not.toBe(0);
    expect(r.err).toEqual([expect.stringMatching(message)]);
    expect(r.err[0]).toMatch(/^zhengban-collector: /);
    expect((await stored()).entries).toEqual([]);
  });

  it('refuses a missing --reason through commander', async () => {
    const r = await cli('list', 'deny', 'add', '--name', 'x');
    expect(r.code).not.toBe(0);
    expect(r.err.join('\n')).toMatch(/--reason/);
  });
});

describe('list show and remove', () => {
  beforeEach(async () => {
    await cli('list', 'deny', 'add', '--name', 'WinRAR', '--publisher', 'win\\.rar', '--reason', '未购买');
    await cli('list', 'allow', 'add', '--name', '^Notepad\\+\\+', '--reason', '开源');
  });

  it('shows a tab-separated table, filtered by list, or JSON', async () => {
    const all = await cli('list', 'show');
    expect(all.out[0]).toBe('id\tlist\tname\tpublisher\tunit\treason\tcreated\tby');
    expect(all.out.slice(1).map((l) => l.split('\t').slice(0, 6))).toEqual([
      ['2', 'allow', '^Notepad\\+\\+', '-', '(everywhere)', '开源'],
      ['1', 'deny', 'WinRAR', 'win\\.rar', '(everywhere)', '未购买'],
    ]);
    const deny = await cli('list', 'show', '--list', 'deny', '--json');
    expect(JSON.parse(deny.out.join('\n')).entries).toEqual([expect.objectContaining({ id: 1, name: 'WinRAR' })]);
    expect((await cli('list', 'show', '--list', 'grey')).code).not.toBe(0);
  });

  it('removes an entry by id; an unknown or bad id fails with one line', async () => {
    const r = await cli('list', 'remove', '1');
    expect(r).toMatchObject({ code: 0, err: [] });
    expect(r.out[0]).toMatch(/^deny list entry #1 removed/);
    expect((await stored()).entries.map((e) => e.id)).toEqual([2]);
    expect((await stored()).audit[0]).toMatchObject({ action: 'list.delete', actor: 'cli' });
    const missing = await cli('list', 'remove', '1');
    expect([missing.code, missing.err]).toEqual([1, ['zhengban-collector: list entry 1 was not found']]);
    const bad = await cli('list', 'remove', 'one');
    expect([bad.code, bad.err.length]).toEqual([2, 1]);
  });
});
