import { describe, expect, it } from 'vitest';
import type { MachineKind } from '../../src/schema/spot-checks.js';
import { allocate, drawSample, largestRemainder, sampleSize, type Candidate } from '../../src/spotcheck/draw.js';

/** `n` machines of a unit and kind, ids `u<unit>-<kind>-<i>`. */
function machines(unitId: number, kind: MachineKind, n: number): Candidate[] {
  return Array.from({ length: n }, (_, i) => ({ id: `u${unitId}-${kind}-${String(i).padStart(3, '0')}`, unitId, kind }));
}

const county = [...machines(1, 'desktop', 50), ...machines(2, 'desktop', 30), ...machines(2, 'laptop', 20)];
const counts = (sample: readonly Candidate[]) => {
  const out: Record<string, number> = {};
  for (const c of sample) out[`${c.unitId}/${c.kind}`] = (out[`${c.unitId}/${c.kind}`] ?? 0) + 1;
  return out;
};

describe('the sample size', () => {
  it('is the ratio rounded up, never below --min, never above the population', () => {
    expect(sampleSize(100, 0.1, 0)).toBe(10);
    expect(sampleSize(30, 0.1, 0)).toBe(3); // 0.1 × 30 is 3.0000000000000004 in floating point
    expect(sampleSize(15, 0.1, 0)).toBe(2);
    expect(sampleSize(100, 0.1, 12)).toBe(12);
    expect(sampleSize(8, 0.1, 12)).toBe(8);
    expect(sampleSize(5, 1, 0)).toBe(5);
  });
});

describe('allocation', () => {
  it('shares a total by largest remainder, exactly in proportion where it divides', () => {
    expect(largestRemainder([50, 30, 20], 10, [0, 1, 2])).toEqual([5, 3, 2]);
    expect(largestRemainder([1, 1, 1], 2, [2, 0, 1])).toEqual([1, 0, 1]);
  });

  it('gives every stratum one when the total allows, the rest in proportion', () => {
    expect(allocate([97, 2, 1], 10, [0, 1, 2])).toEqual([8, 1, 1]);
    expect(allocate([97, 2, 1], 2, [0, 1, 2])).toEqual([2, 0, 0]);
  });
});

describe('drawing a spot check', () => {
  it('draws the same machines from the same seed and population, whatever their order', () => {
    const a = drawSample({ population: county, ratio: 0.1, min: 0, seed: 'qingxi-2026' });
    const b = drawSample({ population: [...county].reverse(), ratio: 0.1, min: 0, seed: 'qingxi-2026' });
    expect(b.sample.map((c) => c.id)).toEqual(a.sample.map((c) => c.id));
    const c = drawSample({ population: county, ratio: 0.1, min: 0, seed: 'another' });
    expect(c.sample.map((x) => x.id)).not.toEqual(a.sample.map((x) => x.id));
  });

  it('is proportional across sub-units and machine types', () => {
    const d = drawSample({ population: county, ratio: 0.1, min: 0, seed: 's' });
    expect(counts(d.sample)).toEqual({ '1/desktop': 5, '2/desktop': 3, '2/laptop': 2 });
    expect(d.strata).toEqual([
      { unitId: 1, kind: 'desktop', population: 50, drawn: 5 },
      { unitId: 2, kind: 'desktop', population: 30, drawn: 3 },
      { unitId: 2, kind: 'laptop', population: 20, drawn: 2 },
    ]);
    expect(new Set(d.sample.map((c) => c.id)).size).toBe(10);
  });

  it('respects --min, and draws no machine twice when --min is the whole population', () => {
    const d = drawSample({ population: county, ratio: 0.01, min: 7, seed: 's' });
    expect(d.sample).toHaveLength(7);
    expect(Object.keys(counts(d.sample)).sort()).toEqual(['1/desktop', '2/desktop', '2/laptop']);
    const all = drawSample({ population: county, ratio: 0.01, min: 500, seed: 's' });
    expect(new Set(all.sample.map((c) => c.id)).size).toBe(100);
  });

  it('leaves the draw of a stratum as it was when a machine joins another and its share stays the same', () => {
    const before = drawSample({ population: county, ratio: 0.1, min: 0, seed: 's' });
    const after = drawSample({ population: [...county, { id: 'u2-laptop-999', unitId: 2, kind: 'laptop' }], ratio: 0.1, min: 0, seed: 's' });
    const of = (d: typeof before, unitId: number) => d.sample.filter((c) => c.unitId === unitId).map((c) => c.id);
    expect(of(after, 1)).toEqual(of(before, 1));
  });
});
