import { describe, expect, it } from 'vitest';
import { compareReleases, releaseCovered } from '../../src/catalog/index.js';

describe('compareReleases', () => {
  it.each([
    ['7', '10'],
    ['8', '8.1'],
    ['8.1', '10'],
    ['10', '11'],
    ['2016', '2019'],
    ['2012', '2012 R2'],
    ['2012 R2', '2016'],
    ['2008 R2', '2012'],
    ['V10', 'V10 SP1'],
    ['V10 SP1', 'V10 SP2'],
    ['V10 SP2', 'V11'],
    ['V7', 'V10'],
    ['R2022b', 'R2023a'],
    ['9.2', '22.03'],
  ])('%s < %s', (a, b) => {
    expect(compareReleases(a, b)).toBe(-1);
    expect(compareReleases(b, a)).toBe(1);
  });

  it('ignores case and separators', () => {
    expect(compareReleases('v10 sp1', 'V10SP1')).toBe(0);
    expect(compareReleases('2012 r2', '2012-R2')).toBe(0);
    expect(compareReleases('10', '10')).toBe(0);
  });

  it('sorts a list naturally', () => {
    const sorted = ['11', '8.1', '2019', 'V10 SP1', '7', 'V10', '10', '8'].sort(compareReleases);
    expect(sorted).toEqual(['7', '8', '8.1', '10', '11', '2019', 'V10', 'V10 SP1']);
  });
});

describe('releaseCovered', () => {
  const range = (from: string | null, to: string | null, downgrade = false) => ({ from, to, downgrade });

  it('covers every release, even an unreadable one, without a range', () => {
    expect(releaseCovered('2019', range(null, null))).toBe(true);
    expect(releaseCovered(undefined, range(null, null))).toBe(true);
    expect(releaseCovered(undefined, range(null, null, true))).toBe(true);
  });

  it('covers from ≤ release ≤ to', () => {
    expect(releaseCovered('2016', range('2016', '2019'))).toBe(true);
    expect(releaseCovered('2019', range('2016', '2019'))).toBe(true);
    expect(releaseCovered('2013', range('2016', '2019'))).toBe(false);
    expect(releaseCovered('2021', range('2016', '2019'))).toBe(false);
  });

  it('with one bound open', () => {
    expect(releaseCovered('11', range('10', null))).toBe(true);
    expect(releaseCovered('8.1', range('10', null))).toBe(false);
    expect(releaseCovered('8.1', range(null, '10'))).toBe(true);
    expect(releaseCovered('11', range(null, '10'))).toBe(false);
  });

  it('with downgrade rights, every release up to `to`', () => {
    expect(releaseCovered('2013', range('2019', '2019', true))).toBe(true);
    expect(releaseCovered('2012 R2', range('2019', '2019', true))).toBe(true);
    expect(releaseCovered('2022', range('2019', '2019', true))).toBe(false);
    expect(releaseCovered('7', range('11', '11', true))).toBe(true);
    expect(releaseCovered('V10', range('V10 SP1', 'V10 SP1', true))).toBe(true);
  });

  it('service packs are releases of their own', () => {
    expect(releaseCovered('V10 SP1', range('V10', 'V10'))).toBe(false);
    expect(releaseCovered('V10 SP1', range('V10', 'V11'))).toBe(true);
  });

  it('an unreadable release under a range is not covered', () => {
    expect(releaseCovered(undefined, range('2016', '2019'))).toBe(false);
    expect(releaseCovered(undefined, range(null, '2019', true))).toBe(false);
  });
});
