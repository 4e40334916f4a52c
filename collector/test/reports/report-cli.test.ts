import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportTable } from '../../src/schema/reports.js';
import { enrolledAgent, postSnapshot, runCliCaptured, snapshotOf, testApp, type TestApp } from '../helper.js';

describe('zhengban-collector report', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    const agent = await enrolledAgent(t, '青溪县财政局', 'pc-01');
    const res = await postSnapshot(t, agent, snapshotOf(agent, 1));
    expect(res.statusCode).toBeLessThan(300);
  });
  afterAll(() => t.close());

  it('prints the JSON the API gives, and writes an XLSX whole to --out', async () => {
    const json = await runCliCaptured(['report', 'statistics', '--db', t.dbFile]);
    expect(json.code, json.err.join('\n')).toBe(0);
    const table = JSON.parse(json.out.join('\n')) as ReportTable;
    expect(table.unit).toBe('青溪县财政局');
    expect(table.rows.at(-1)!.cells.computers).toBe(1);

    const out = join(dirname(t.dbFile), '统计表.xlsx');
    const xlsx = await runCliCaptured(['report', 'statistics', '--db', t.dbFile, '--format', 'xlsx', '--out', out]);
    expect(xlsx.code, xlsx.err.join('\n')).toBe(0);
    expect(xlsx.err.join('\n')).toMatch(/^wrote .*统计表\.xlsx \(\d+ bytes\): 青溪县财政局软件正版化工作情况统计表, 2 rows/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out));
    expect(wb.worksheets[0]!.getCell('A1').value).toBe('青溪县财政局软件正版化工作情况统计表');
    expect(readdirSync(dirname(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('prints CSV with English headings to stdout', async () => {
    const csv = await runCliCaptured(['report', 'statistics', '--db', t.dbFile, '--format', 'csv', '--lang', 'en']);
    expect(csv.code).toBe(0);
    expect(csv.out.join('\n')).toMatch(/^\uFEFFUnit,Unit type,Staff,Computers Total,/);
  });

  it.each([
    ['an XLSX without --out', ['--format', 'xlsx'], /XLSX report is a binary file: give --out FILE/],
    ['an unknown report', [], /unknown report "ledgerz"/, 'ledgerz'],
    ['an unknown unit', ['--unit', '没有'], /unit "没有" was not found/],
    ['a date in the future', ['--as-of', '2099-01-01'], /in the future/],
  ])('refuses %s with one line on stderr and a non-zero exit, writing nothing', async (_what, args, message, name = 'statistics') => {
    const out = join(dirname(t.dbFile), 'refused.xlsx');
    const r = await runCliCaptured(['report', name, '--db', t.dbFile, ...args]);
    expect(r.code).not.toBe(0);
    expect(r.err.join('\n')).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});
