/** A unit, its parent, … up to the root, memoised over one parent map. */
export function ancestryOf(parents: ReadonlyMap<number, number | null>): (unitId: number) => readonly number[] {
  const memo = new Map<number, readonly number[]>();
  const walk = (unitId: number): readonly number[] => {
    const known = memo.get(unitId);
    if (known) return known;
    const chain: number[] = [];
    for (let u: number | null | undefined = unitId; u != null && !chain.includes(u); u = parents.get(u)) chain.push(u);
    memo.set(unitId, chain);
    return chain;
  };
  return walk;
}
