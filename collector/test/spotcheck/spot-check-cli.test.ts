import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpotCheckView } from '../../src/schema/spot-checks.js';
import { runCliCaptured } from '../helper.js';
import { county, type County } from './spot-helper.js';

/** zhengban-collector spotcheck: the same services as the API, on the database file. */
let c: County;
let db: string;
beforeAll(async () => {
  c = await county();
  db = c.t.dbFile;
});
afterAll(() => c.t.close());

const spotChecks = () => {
  const d = new Database(db, { readonly: true });
  try {
    return (d.prepare('SELECT count(*) AS n FROM spot_checks').get() as { n: number }).n;
  } finally {
    d.close();
  }
};
const file = (name: string, text: string) => {
  const path = join(dirname(db), name);
  writeFileSync(path, text);
  return path;
};

describe('zhengban-collector spotcheck', () => {
  it('draws, prints the seed and strata, and draws the same machines again from the seed', async () => {
    const r = await runCliCaptured(['spotcheck', 'create', '--db', db, '--unit', '青溪县', '--ratio', '50%', '--seed', 'cli-seed']);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.out[0]).toMatch(/^spot check #\d+ of 青溪县: 7 of 14 machines \(seed cli-seed: /);
    expect(r.out).toContain('  财政局 · desktop: 3 of 6');
    const a = await runCliCaptured(['spotcheck', 'show', r.out[0]!.match(/#(\d+)/)![1]!, '--db', db, '--json']);
    const b = await runCliCaptured(['spotcheck', 'create', '--db', db, '--unit', '青溪县', '--ratio', '0.5', '--seed', 'cli-seed', '--json']);
    const ids = (out: string[]) => (JSON.parse(out.join('\n')) as SpotCheckView).machines.map((m) => m.machineId);
    expect(ids(b.out)).toEqual(ids(a.out));
  });

  it('records on site and for the unit, shows the grade, and closes', async () => {
    const created = await runCliCaptured(['spotcheck', 'create', '--db', db, '--unit', '教育局', '--ratio', '100%', '--json']);
    const id = String((JSON.parse(created.out.join('\n')) as SpotCheckView).id);
    const rec = await runCliCaptured(['spotcheck', 'record', id, '--db', db, '--machine', 'jyj-03', '--agent-present', 'yes', '--agent-reporting', 'no', '--unreported', 'KMSpico', '暴风影音']);
    expect(rec.code, rec.err.join('\n')).toBe(0);
    expect(rec.out).toEqual([expect.stringMatching(/^spot check #\d+, \d+ jyj-03: recorded$/), '  代理程序被卸载或停止：代理程序未运行或未按期上报', '  现场发现代理程序未上报的软件：KMSpico、暴风影音']);
    expect((await runCliCaptured(['spotcheck', 'unit-checks', id, '--db', db, '--ledger', 'yes', '--documents', 'yes'])).out).toEqual([`spot check #${id}: 台账 yes, licence documents yes`]);
    const show = await runCliCaptured(['spotcheck', 'show', id, '--db', db]);
    expect(show.out[2]).toBe('  grade: 不合格：抽查 4 台中 1 台使用未授权软件（>10%）；抽查 4 台中 1 台代理程序被卸载或停止（>10%）');
    expect((await runCliCaptured(['spotcheck', 'close', id, '--db', db])).out[0]).toMatch(new RegExp(`^spot check #${id} is closed: 不合格`));
    const late = await runCliCaptured(['spotcheck', 'record', id, '--db', db, '--machine', '1', '--label', 'yes']);
    expect([late.code, late.err]).toEqual([1, [`zhengban-collector: spot check #${id} is closed; its records can no longer change (a re-check starts a new one)`]]);
  });

  it('writes the register and the summary through report, for the spot check named', async () => {
    const out = join(dirname(db), '抽查登记表.docx');
    const r = await runCliCaptured(['report', 'spotcheck-register', '--db', db, '--unit', '教育局', '--format', 'docx', '--out', out]);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(r.err[0]).toMatch(/^wrote .*抽查登记表\.docx \(\d+ bytes\): 计算机软件安装抽查登记表, 4 rows/);
    const summary = await runCliCaptured(['report', 'spotcheck-summary', '--db', db, '--spot-check', '1']);
    expect(JSON.parse(summary.out.join('\n')).rows[0].cells).toMatchObject({ unit: '青溪县', spotCheck: 1, sampled: 7 });
  });

  describe('refuses bad input with one line on stderr and a non-zero exit, writing nothing', () => {
    const cases: [string, string[], RegExp][] = [
      ['a ratio over 1 without its sign', ['--ratio', '150'], /--ratio 150 is over 1: write a percentage with its sign \(150%\)/],
      ['a ratio of nothing', ['--ratio', '0%'], /--ratio must be over 0% and at most 100%, not 0%/],
      ['a ratio that is no number', ['--ratio', 'ten'], /--ratio must be a percentage such as 10% or a share such as 0\.1, not "ten"/],
      ['no ratio', [], /give the share of machines to draw \(ratio, e\.g\. 10%\), or the spot check to re-check/],
      ['a ratio with a re-check', ['--ratio', '10%', '--recheck-of', '1'], /a re-check takes the machines of spot check #1 again: give no ratio, min or seed/],
      ['a negative min', ['--ratio', '10%', '--min', '-1'], /--min must be a whole number, not "-1"/],
      ['a seed with a space', ['--ratio', '10%', '--seed', 'a b'], /--seed must be 1 to 64 printable ASCII characters/],
      ['an unknown unit', ['--ratio', '10%', '--unit', '没有'], /unit "没有" was not found/],
      ['a grading file missing', ['--ratio', '10%', '--grading', '/nonexistent/rules.json'], /--grading \/nonexistent\/rules\.json: cannot read/],
    ];
    it.each(cases)('%s', async (_what, args, message) => {
      const before = spotChecks();
      const r = await runCliCaptured(['spotcheck', 'create', '--db', db, '--unit', '青溪县', ...args]);
      expect(r.code).not.toBe(0);
      expect(r.err).toEqual([expect.stringMatching(message)]);
      expect(spotChecks()).toBe(before);
    });

    it.each([
      ['not JSON', '{rules: []', /the file is not valid JSON/],
      ['of the wrong shape', JSON.stringify({ rules: [], otherwise: '优秀' }), /the grading rule set is not valid: \/otherwise/],
      ['with a share over 1', JSON.stringify({ rules: [{ grade: 'fail', any: [{ metric: 'unauthorizedShare', above: 10 }] }], otherwise: 'pass' }), /the limit 10 is over 1; a share is 0 to 1 \(10% is 0\.1\)/],
    ])('a grading file %s', async (_what, text, message) => {
      const before = spotChecks();
      const rules = file('rules.json', text);
      const r = await runCliCaptured(['spotcheck', 'create', '--db', db, '--unit', '青溪县', '--ratio', '10%', '--grading', rules]);
      expect([r.code, r.err]).toEqual([2, [expect.stringMatching(new RegExp(`^zhengban-collector: --grading ${rules}: .*${message.source}`))]]);
      expect(spotChecks()).toBe(before);
    });

    it('checks the values before it opens the database, so a bad line creates no file', async () => {
      const fresh = join(dirname(db), 'never', 'made.db');
      const r = await runCliCaptured(['spotcheck', 'create', '--db', fresh, '--unit', '青溪县', '--ratio', '200%']);
      expect(r.code).toBe(2);
      expect(existsSync(fresh)).toBe(false);
    });

    it('refuses an unknown machine and an answer that is not yes, no or not-checked', async () => {
      const unknown = await runCliCaptured(['spotcheck', 'record', '1', '--db', db, '--machine', 'nope-99', '--label', 'yes']);
      expect([unknown.code, unknown.err]).toEqual([1, ['zhengban-collector: spot check #1 has no machine nope-99 (give its number 序号, machine id or host name)']]);
      const answer = await runCliCaptured(['spotcheck', 'record', '1', '--db', db, '--machine', '1', '--label', 'maybe']);
      expect(answer.code).not.toBe(0);
      expect(answer.err.join('\n')).toMatch(/argument 'maybe' is invalid\. Allowed choices are yes, no, not-checked/);
    });
  });
});
