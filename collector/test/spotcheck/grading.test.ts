import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { GradingRules } from '../../src/schema/grading.js';
import { DEFAULT_GRADING, gradeUnit, gradingProblems, type GradedMachine, type GradingInput } from '../../src/spotcheck/grading.js';

const ok: GradedMachine = { status: 'licensed', discrepancies: [], notReporting: false, recorded: true };
const bad: GradedMachine = { ...ok, status: 'unauthorized' };
const checked = { ledger: 'yes', documents: 'yes' } as const;
const unit = (machines: GradedMachine[], unitChecks: GradingInput['unitChecks'] = checked): GradingInput => ({ machines, unitChecks });
const times = (m: GradedMachine, n: number) => Array.from({ length: n }, () => m);

describe('the default grading rules', () => {
  it('are valid against their own schema', () => {
    expect(Value.Check(GradingRules, DEFAULT_GRADING)).toBe(true);
    expect(gradingProblems(DEFAULT_GRADING)).toEqual([]);
  });

  it('fail a unit where more than a tenth of the machines run unauthorized software, and say so with its figures', () => {
    const g = gradeUnit(DEFAULT_GRADING, unit([...times(bad, 2), ...times(ok, 10)]));
    expect(g.grade).toBe('fail');
    expect(g.rule).toBe(0);
    expect(g.words.zh).toBe('不合格：抽查 12 台中 2 台使用未授权软件（>10%）');
    expect(g.words.en).toBe('Fail: 2 of 12 machines checked use unauthorized software (>10%)');
    expect(g.figures).toMatchObject({ sampled: 12, unauthorized: 2, licensed: 10 });
  });

  it('give 基本合格 at exactly a tenth, since a tenth is not more than a tenth', () => {
    const g = gradeUnit(DEFAULT_GRADING, unit([bad, ...times(ok, 9)]));
    expect(g.words.zh).toBe('基本合格：抽查 10 台中 1 台使用未授权软件');
  });

  it('fail a unit that removed the agents of more than a tenth of the machines checked', () => {
    const gone: GradedMachine = { ...ok, discrepancies: [{ code: 'agent-missing' }] };
    const g = gradeUnit(DEFAULT_GRADING, unit([gone, gone, ...times(ok, 8)]));
    expect(g.words.zh).toBe('不合格：抽查 10 台中 2 台代理程序被卸载或停止（>10%）');
  });

  it('give 基本合格 for a ledger found wanting, naming every condition the rule met', () => {
    const g = gradeUnit(DEFAULT_GRADING, unit([bad, ...times(ok, 19)], { ledger: 'no', documents: 'yes' }));
    expect(g.words.zh).toBe('基本合格：抽查 20 台中 1 台使用未授权软件；台账与实际不符或缺失');
  });

  it('give 合格 while something is unproven, and 优秀 only when all of it was checked and in order', () => {
    expect(gradeUnit(DEFAULT_GRADING, unit(times(ok, 5), { ledger: 'not-checked', documents: 'yes' })).words.zh).toBe('合格：台账未核查');
    expect(gradeUnit(DEFAULT_GRADING, unit([{ ...ok, recorded: false }, ...times(ok, 4)])).words.zh).toBe('合格：抽查 5 台中 1 台尚未现场核查');
    const best = gradeUnit(DEFAULT_GRADING, unit(times(ok, 5)));
    expect(best).toMatchObject({ grade: 'excellent', rule: null });
    expect(best.words.zh).toBe('优秀：抽查 5 台，未授权 0 台，与上报不符 0 台；台账相符，授权文件相符');
  });
});

describe('a rule set of an office', () => {
  it('grades by its own limits, counting with a bracket where the limit is not the plainest', () => {
    const strict: GradingRules = { rules: [{ grade: 'fail', any: [{ metric: 'unauthorized', atLeast: 3 }, { metric: 'discrepancyShare', atLeast: 0.125 }] }], otherwise: 'pass' };
    const differs: GradedMachine = { ...ok, discrepancies: [{ code: 'unreported-software' }] };
    expect(gradeUnit(strict, unit(times(bad, 3))).words.zh).toBe('不合格：抽查 3 台中 3 台使用未授权软件（≥3 台）');
    expect(gradeUnit(strict, unit([differs, ...times(ok, 7)])).words.zh).toBe('不合格：抽查 8 台中 1 台现场核查与上报不符（≥12.5%）');
    expect(gradeUnit(strict, unit(times(bad, 2))).grade).toBe('pass');
  });

  it('is refused where a share is over 1 or a count is not whole, naming the rule', () => {
    const wrong: GradingRules = { rules: [{ grade: 'fail', any: [{ metric: 'unauthorizedShare', above: 10 }, { metric: 'unauthorized', atLeast: 1.5 }] }], otherwise: 'excellent' };
    expect(gradingProblems(wrong)).toEqual([
      'rules[0].any[0] (unauthorizedShare): the limit 10 is over 1; a share is 0 to 1 (10% is 0.1) and a yes/no figure is 0 or 1',
      'rules[0].any[1] (unauthorized): a count of machines needs a whole number, not 1.5',
    ]);
  });

  it('is refused by its schema with an unknown grade, metric or field', () => {
    expect(Value.Check(GradingRules, { rules: [{ grade: '优秀', any: [{ metric: 'unauthorized', atLeast: 1 }] }], otherwise: 'pass' })).toBe(false);
    expect(Value.Check(GradingRules, { rules: [{ grade: 'fail', any: [{ metric: 'viruses', atLeast: 1 }] }], otherwise: 'pass' })).toBe(false);
    expect(Value.Check(GradingRules, { rules: [{ grade: 'fail', any: [{ metric: 'unauthorized', atLeast: 1, above: 2 }] }], otherwise: 'pass' })).toBe(false);
    expect(Value.Check(GradingRules, { rules: [], otherwise: 'pass', extra: 1 })).toBe(false);
  });
});
