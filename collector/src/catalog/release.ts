/**
 * Natural order of releases: the text is split into number and word parts (separators
 * ignored), numbers compare as numbers, words case-insensitively, and a release that
 * is a prefix of another comes first. So `8` < `8.1` < `10`, `2012` < `2012 R2` < `2016`,
 * `V10` < `V10 SP1` < `V10 SP2` < `V11`.
 */
type Part = number | string;

function parts(release: string): Part[] {
  return [...release.matchAll(/\d+|[^\d\s._\-/]+/gu)].map(([p]) => (/^\d/.test(p) ? Number(p) : p.toLowerCase()));
}

function comparePart(a: Part, b: Part): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // A number before a word: `10` < `V10` only needs to be stable, not meaningful.
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders releases: `7` < `10` < `11`, `2016` < `2019`, `V10` < `V10 SP1`; numbers compare as numbers. */
export function compareReleases(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = comparePart(pa[i]!, pb[i]!);
    if (c !== 0) return Math.sign(c);
  }
  return Math.sign(pa.length - pb.length);
}

/**
 * Whether a licence's version range covers a release. Without a range every release is
 * covered. With one: `from ≤ release ≤ to`, or with downgrade rights `release ≤ to`.
 * An unreadable release (undefined) under a range is not covered.
 */
export function releaseCovered(
  release: string | undefined,
  range: { from: string | null; to: string | null; downgrade: boolean },
): boolean {
  const { from, to, downgrade } = range;
  if (from === null && to === null) return true;
  if (release === undefined) return false;
  const aboveFrom = downgrade || from === null || compareReleases(from, release) <= 0;
  const belowTo = to === null || compareReleases(release, to) <= 0;
  return aboveFrom && belowTo;
}
