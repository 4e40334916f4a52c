import type { MachineKind } from '../schema/spot-checks.js';
import { pick, seeded } from './prng.js';

/**
 * Drawing a spot check's sample (pure, no I/O): stratified by sub-unit and machine type,
 * allocated proportionally by largest remainder, at least one machine per stratum when
 * the total allows, each stratum drawn with its own seeded generator over its machines
 * sorted by id. So the same seed and population give the same machines, and a machine
 * enrolled in one stratum does not change the draw of another.
 */
export interface Candidate {
  id: string;
  unitId: number;
  kind: MachineKind;
}

export interface DrawInput<C extends Candidate> {
  population: readonly C[];
  /** Over 0, at most 1. */
  ratio: number;
  min: number;
  seed: string;
}

export interface DrawnStratum {
  unitId: number;
  kind: MachineKind;
  population: number;
  drawn: number;
}

export interface Draw<C extends Candidate> {
  strata: DrawnStratum[];
  /** Stratum by stratum, in draw order within each. */
  sample: C[];
}

/** Strata and forms list desktops, then laptops, then the rest. */
export const KIND_ORDER: readonly MachineKind[] = ['desktop', 'laptop', 'other'];

/**
 * How many machines to check: the ratio of the population rounded up (an inspector checks
 * a whole PC or none), never fewer than `min`, never more than there are. The small
 * epsilon keeps 0.1 × 30 (3.0000000000000004 in floating point) at 3.
 */
export function sampleSize(population: number, ratio: number, min: number): number {
  return Math.min(population, Math.max(min, Math.ceil(ratio * population - 1e-9)));
}

/**
 * `total` shared in proportion to `weights` (Hamilton's method), in integers so equal
 * shares tie exactly; a tie goes to the index earlier in `tieOrder`.
 */
export function largestRemainder(weights: readonly number[], total: number, tieOrder: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const out = weights.map((w) => Math.floor((w * total) / sum));
  const remainder = weights.map((w, i) => w * total - out[i]! * sum);
  const rank = new Map(tieOrder.map((i, r) => [i, r]));
  const order = weights.map((_, i) => i).sort((a, b) => remainder[b]! - remainder[a]! || rank.get(a)! - rank.get(b)!);
  let left = total - out.reduce((a, b) => a + b, 0);
  for (const i of order) {
    if (left === 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

/**
 * Machines per stratum: one each first when the total allows (so no department or
 * machine type goes unchecked), the rest in proportion to what each has left.
 */
export function allocate(sizes: readonly number[], total: number, tieOrder: readonly number[]): number[] {
  if (total < sizes.length) return largestRemainder(sizes, total, tieOrder);
  const rest = largestRemainder(sizes.map((n) => n - 1), total - sizes.length, tieOrder);
  return rest.map((n) => n + 1);
}

const byId = (a: Candidate, b: Candidate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function drawSample<C extends Candidate>(input: DrawInput<C>): Draw<C> {
  const groups = new Map<string, C[]>();
  for (const c of input.population) {
    const key = `${c.unitId}/${c.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const strata = [...groups.values()]
    .map((members) => [...members].sort(byId))
    .sort((a, b) => a[0]!.unitId - b[0]!.unitId || KIND_ORDER.indexOf(a[0]!.kind) - KIND_ORDER.indexOf(b[0]!.kind));
  // Which stratum gets a machine when the remainders tie: a seeded order, not the first units' ids.
  const tieOrder = pick(strata.map((_, i) => i), strata.length, seeded(`${input.seed}|strata`));
  const total = sampleSize(input.population.length, input.ratio, input.min);
  const counts = allocate(strata.map((s) => s.length), total, tieOrder);
  const sample: C[] = [];
  const drawn = strata.map((members, i) => {
    const { unitId, kind } = members[0]!;
    sample.push(...pick(members, counts[i]!, seeded(`${input.seed}|${unitId}|${kind}`)));
    return { unitId, kind, population: members.length, drawn: counts[i]! };
  });
  return { strata: drawn, sample };
}
