import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/service/tokens.js';
import { openStore } from '../../src/store/open.js';
import { runCliCaptured, tempDir } from '../helper.js';
import { snapshotDb } from './org-helper.js';
import { enrollWithToken } from '../../src/service/enroll-service.js';

let cleanup: () => void;
let db: string;
beforeEach(() => {
  const d = tempDir();
  cleanup = d.cleanup;
  db = join(d.dir, 'zhengban.db');
});
afterEach(() => cleanup());

const cli = (...args: string[]) => runCliCaptured([...args, '--db', db]);

/** The command fails with one line on stderr, and the database is as it was. */
async function refusesAndWritesNothing(args: string[], message: RegExp): Promise<void> {
  await world();
  const before = snapshotDb(db);
  const r = await cli(...args);
  expect(r.code).not.toBe(0);
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(message);
  expect(snapshotDb(db)).toEqual(before);
}

async function ok(...args: string[]) {
  const r = await cli(...args);
  if (r.code !== 0) throw new Error(`${args.join(' ')}: ${r.err.join('\n')}`);
  return r.out;
}

/** 市 > 财政局, and 教育局 at the top; one machine enrolled in 财政局. */
async function world(): Promise<string> {
  await ok('unit', 'create', '--name', '市', '--kind', 'city');
  await ok('unit', 'create', '--name', '财政局', '--parent', '市', '--headcount', '25', '--code', 'CZ');
  await ok('unit', 'create', '--name', '教育局', '--parent', '1');
  const token = (await ok('enrollment', 'create', '--unit', '财政局')).at(-1)!;
  const store = openStore(db);
  const agent = { id: 'ag_cli', publicKey: 'k', hostname: 'h', hardwareUuid: null, machineId: null, serial: null, agentVersion: null };
  const [info] = await store.read.enrollments.list();
  await enrollWithToken(store, hashToken(token), info!.createdAt, agent);
  await store.close();
  return agent.id;
}

describe('unit commands', () => {
  it('creates, lists, shows, updates and deletes units', async () => {
    await world();
    const list = await ok('unit', 'list');
    expect(list[0]).toBe('id\tname\tparent\tcreated\tkind\tcode\theadcount\tmachines\tpeople\tsector');
    expect(list.slice(1).map((l) => l.split('\t').filter((_, i) => i !== 3))).toEqual([
      ['1', '市', '-', 'city', '-', '-', '0', '0', '-'],
      ['3', '教育局', '1', 'department', '-', '-', '0', '0', '-'],
      ['2', '财政局', '1', 'department', 'CZ', '25', '1', '0', '-'],
    ]);
    expect(await ok('unit', 'show', '财政局')).toEqual(expect.arrayContaining(['parent\t市 (#1)', 'headcount\t25', 'machines\t1']));
    expect(await ok('unit', 'update', '教育局', '--parent', '财政局', '--name', '教育科')).toEqual([
      'unit #3 教育科 updated',
      expect.stringMatching(/^re-judged \d+ machine/),
    ]);
    expect(await ok('unit', 'update', '3', '--no-parent', '--no-code', '--headcount', '7')).toHaveLength(2);
    const shown = JSON.parse((await ok('unit', 'show', '3', '--json')).join('\n'));
    expect(shown).toMatchObject({ name: '教育科', parentId: null, headcount: 7 });
    expect(await ok('unit', 'update', '3', '--kind', 'town')).toEqual(['unit #3 教育科 updated']);
    expect(await ok('unit', 'update', '3', '--sector', 'institution')).toEqual(['unit #3 教育科 updated']);
    expect(await ok('unit', 'show', '3')).toContain('sector\tinstitution');
    expect(await ok('unit', 'update', '3', '--no-sector')).toEqual(['unit #3 教育科 updated']);
    expect(await ok('unit', 'delete', '教育科')).toEqual(['unit #3 教育科 deleted']);
    expect(JSON.parse((await ok('unit', 'list', '--json')).join('\n')).units).toHaveLength(2);
  });

  it.each([
    [['unit', 'create', '--name', '财政局'], /already exists/],
    [['unit', 'create', '--name', '新局', '--parent', '无此局'], /--parent: there is no unit/],
    [['unit', 'create', '--name', '新局', '--headcount', 'many'], /--headcount must be a whole number/],
    [['unit', 'create', '--name', '  '], /--name/],
    [['unit', 'create', '--name', '新局', '--kind', 'village'], /--kind/],
    [['unit', 'update', '市', '--parent', '财政局'], /cannot put unit 市 under 财政局/],
    [['unit', 'update', '无此局', '--name', 'x'], /UNIT: there is no unit/],
    [['unit', 'delete', '市'], /still has 2 subunits/],
    [['unit', 'delete', '财政局'], /1 machines, 1 enrollment tokens/],
  ])('refuses %j with one line on stderr and writes nothing', refusesAndWritesNothing);

  it('records the CLI as the actor in the audit log', async () => {
    await world();
    const out = await ok('audit', '--action', 'unit.', '--limit', '1');
    expect(out[0]).toBe('id\tat\tactor\taction\ttarget\tdetail');
    expect(out[1]).toMatch(/^\d+\t\S+\tcli\tunit\.create\tunit #3\t\{"after":\{"id":3,"name":"教育局"/);
    const json = JSON.parse((await ok('audit', '--json')).join('\n'));
    expect(json.entries.map((e: { action: string }) => e.action)).toEqual(['enrollment-token.create', 'unit.create', 'unit.create', 'unit.create']);
  });
});

describe('person commands', () => {
  it('adds, lists, updates and removes people', async () => {
    await world();
    expect(await ok('person', 'add', '--unit', '财政局', '--role', 'first-responsible', '--name', '张三', '--phone', '0571-87000001', '--title', '局长')).toEqual([
      'person #1 张三 added as first-responsible',
    ]);
    await ok('person', 'add', '--unit', '2', '--role', 'contact', '--name', '李四', '--phone', '13800000000');
    await ok('person', 'add', '--unit', '市', '--role', 'contact', '--name', '王五', '--phone', '13800000001');
    expect(await ok('person', 'list', '--unit', '财政局')).toEqual([
      'id\tunit\trole\tname\ttitle\tphone',
      '1\t财政局\tfirst-responsible\t张三\t局长\t0571-87000001',
      '2\t财政局\tcontact\t李四\t-\t13800000000',
    ]);
    expect(await ok('person', 'list')).toHaveLength(4);
    expect(await ok('person', 'update', '2', '--phone', '13900000000', '--title', '科员')).toEqual(['person #2 李四 updated']);
    expect(JSON.parse((await ok('person', 'list', '--unit', '2', '--json')).join('\n')).people[1]).toMatchObject({ phone: '13900000000', title: '科员' });
    expect(await ok('person', 'remove', '2')).toEqual(['person #2 李四 removed']);
    expect(await ok('unit', 'show', '财政局')).toContain('1\t财政局\tfirst-responsible\t张三\t局长\t0571-87000001');
  });

  it.each([
    [['person', 'add', '--unit', '财政局', '--role', 'boss', '--name', '张三', '--phone', '123'], /--role/],
    [['person', 'add', '--unit', '财政局', '--role', 'contact', '--name', '张三', '--phone', 'call me'], /--phone must match/],
    [['person', 'add', '--unit', '财政局', '--role', 'contact', '--name', '张三'], /--phone/],
    [['person', 'add', '--unit', '无此局', '--role', 'contact', '--name', '张三', '--phone', '123'], /--unit: there is no unit/],
    [['person', 'update', 'x', '--name', '某'], /ID must be a whole number/],
    [['person', 'update', '99', '--name', '某'], /person 99 was not found/],
    [['person', 'remove', '99'], /person 99 was not found/],
  ])('refuses %j with one line on stderr and writes nothing', refusesAndWritesNothing);
});

describe('machine commands', () => {
  it('moves a machine and lists its moves', async () => {
    const id = await world();
    const out = await ok('machine', 'move', id, '--unit', '教育局', '--reason', '调拨');
    expect(out[0]).toBe(`machine ${id} moved from 财政局 to 教育局 (move #1)`);
    expect(out[1]).toMatch(/^re-judged/);
    const moves = await ok('machine', 'moves', id);
    expect(moves[0]).toBe('id\tat\tfrom\tto\tby\treason');
    expect(moves[1]).toMatch(/^1\t\S+\t财政局\t教育局\tcli\t调拨$/);
    expect(JSON.parse((await ok('machine', 'moves', id, '--json')).join('\n')).moves).toHaveLength(1);
  });

  it.each([
    [['machine', 'move', 'ag_cli', '--unit', '财政局'], /already in unit 财政局/],
    [['machine', 'move', 'ag_nobody', '--unit', '教育局'], /machine ag_nobody was not found/],
    [['machine', 'move', 'ag_cli', '--unit', '无此局'], /--unit: there is no unit/],
    [['machine', 'move', 'ag_cli'], /--unit/],
    [['machine', 'moves', 'ag_nobody'], /machine ag_nobody was not found/],
  ])('refuses %j with one line on stderr and writes nothing', refusesAndWritesNothing);
});

describe('audit command', () => {
  it('refuses a bad --limit', async () => {
    const r = await cli('audit', '--limit', '0');
    expect(r.code).toBe(2);
    expect(r.err).toEqual([expect.stringMatching(/--limit must be between 1 and 500/)]);
  });
});
