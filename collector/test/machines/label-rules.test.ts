import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/service/errors.js';
import { readLabelsCsv } from '../../src/service/machine-labels-csv.js';
import { checkLabel, resolveRef } from '../../src/service/machine-labels.js';

/** The pure rules: what a label may hold, how a machine is named, how the file is read. */

describe('checkLabel', () => {
  it('trims (full-width spaces too) and clears on null or an empty text', () => {
    expect(checkLabel('user', ' 张三\u3000')).toBe('张三');
    expect(checkLabel('assetNumber', '\tZC-1 ')).toBe('ZC-1');
    expect(checkLabel('user', null)).toBeNull();
    expect(checkLabel('user', '')).toBeNull();
    expect(checkLabel('assetNumber', '   ')).toBeNull();
  });

  it('counts characters, not UTF-16 units, against 50 for a user and 64 for an asset number', () => {
    expect(checkLabel('user', '张'.repeat(50))).toHaveLength(50);
    expect(checkLabel('user', '𠀀'.repeat(50))).toBe('𠀀'.repeat(50));
    expect(() => checkLabel('user', '张'.repeat(51))).toThrow(/the user \(使用人\) is 51 characters long; at most 50/);
    expect(checkLabel('assetNumber', 'A'.repeat(64))).toHaveLength(64);
    expect(() => checkLabel('assetNumber', 'A'.repeat(65))).toThrow(/the asset number \(资产编号\) is 65 characters long; at most 64/);
  });

  it.each([
    ['a line break', '张\n三', 'U+000A'],
    ['a tab inside', 'ZC\t1', 'U+0009'],
    ['DEL', 'ZC-1\u007F2', 'U+007F'],
    ['a zero-width space', 'ZC-\u200B1', 'U+200B'],
    ['a BOM inside', 'ZC\uFEFF-1', 'U+FEFF'],
  ])('refuses %s, naming the character', (_what, text, code) => {
    expect(() => checkLabel('assetNumber', text)).toThrow(InvalidInputError);
    expect(() => checkLabel('assetNumber', text)).toThrow(new RegExp(`control or invisible character \\(${code.replace('+', '\\+')}\\)`));
  });
});

describe('resolveRef', () => {
  const machines = [
    { id: 'ag_1', hostname: 'CZ-PC-01' },
    { id: 'ag_2', hostname: 'cz-pc-02' },
    { id: 'ag_3', hostname: 'CZ-PC-02' },
  ];

  it('finds by id, or by hostname without regard to case', () => {
    expect(resolveRef({ by: 'id', text: 'ag_2' }, machines)).toEqual(machines[1]);
    expect(resolveRef({ by: 'either', text: 'ag_1' }, machines)).toEqual(machines[0]);
    expect(resolveRef({ by: 'hostname', text: 'cz-pc-01' }, machines)).toEqual(machines[0]);
    expect(resolveRef({ by: 'either', text: 'Cz-Pc-01' }, machines)).toEqual(machines[0]);
  });

  it('names both machines of a shared hostname, and says when nothing matches', () => {
    expect(resolveRef({ by: 'hostname', text: 'cz-pc-02' }, machines)).toEqual({
      unresolved: 'ambiguous',
      problem: 'the hostname cz-pc-02 names 2 machines (ag_2, ag_3); give the machine id',
    });
    expect(resolveRef({ by: 'id', text: 'CZ-PC-01' }, machines)).toEqual({ unresolved: 'unknown', problem: 'there is no machine with the id CZ-PC-01' });
    expect(resolveRef({ by: 'hostname', text: 'ag_1' }, machines)).toMatchObject({ unresolved: 'unknown' });
    expect(resolveRef({ by: 'either', text: 'nothing' }, machines)).toMatchObject({ problem: 'there is no machine with the id or hostname nothing' });
  });
});

describe('readLabelsCsv', () => {
  it('reads Chinese headings after a BOM, CRLF lines, an empty cell as a clear', () => {
    const { rows, problems } = readLabelsCsv('\uFEFF计算机名,使用人,资产编号\r\ncz-pc-01,张三,ZC-1\r\ncz-pc-02,,ZC-2\r\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, ref: { by: 'hostname', text: 'cz-pc-01' }, user: '张三', assetNumber: 'ZC-1' },
      { line: 3, ref: { by: 'hostname', text: 'cz-pc-02' }, user: null, assetNumber: 'ZC-2' },
    ]);
  });

  it('takes English headings in any case; a label column absent leaves that label alone; the id wins over the hostname', () => {
    const { rows } = readLabelsCsv('MachineId,HOSTNAME,Asset Number\nag_1,pc-1,ZC-1\n,pc-2,ZC-2\n');
    expect(rows).toEqual([
      { line: 2, ref: { by: 'id', text: 'ag_1' }, assetNumber: 'ZC-1' },
      { line: 3, ref: { by: 'hostname', text: 'pc-2' }, assetNumber: 'ZC-2' },
    ]);
  });

  it('names every wrong line with the line it starts on, and reads the rest', () => {
    const text = 'hostname,user,assetNumber\npc-1,"张\n三",ZC-1\n,李四,ZC-2\npc-3,王五,ZC-3,extra\npc-4,赵六,ZC-4\n';
    const { rows, problems } = readLabelsCsv(text);
    expect(problems).toEqual([
      { line: 2, message: expect.stringMatching(/^column user: the user \(使用人\) holds a control or invisible character \(U\+000A\)$/) },
      { line: 4, message: 'it names no machine (machine id or hostname)' },
      { line: 5, message: 'field 4 has no column in the header' },
    ]);
    expect(rows).toEqual([{ line: 6, ref: { by: 'hostname', text: 'pc-4' }, user: '赵六', assetNumber: 'ZC-4' }]);
  });

  it.each([
    ['', /the CSV is empty/],
    ['hostname,使用人\n', /a header but no machines/],
    ['hostname,使用人,部门\npc-1,张三,办公室\n', /line 1: unknown column "部门"; the columns are machineId\/machine id\/机器ID, hostname/],
    ['hostname,user,使用人\npc-1,a,b\n', /line 1: column "使用人" appears twice/],
    ['使用人,资产编号\n张三,ZC-1\n', /no machineId or hostname/],
    ['hostname,machineId\npc-1,ag_1\n', /neither a user \(使用人\) nor an assetNumber/],
    ['hostname,user\npc-1,"张三\n', /a quoted field is never closed/],
  ])('refuses the whole file %j', (text, message) => {
    expect(() => readLabelsCsv(text)).toThrow(message);
  });
});
