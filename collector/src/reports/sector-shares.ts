import type { UnitSector } from '../schema/units.js';
import type { ReportUnit, TreeLine } from './unit-tree.js';

/**
 * The national annual report counts a department's own offices (机关本级) apart from the
 * public institutions directly under it (直属事业单位). After each subtotal and the
 * total whose subtree holds units of more than one sector, the same figures summed per
 * sector, in the order office, institution, enterprise. A unit that does not say its
 * sector counts with the offices. Pure.
 */
export interface ShareLine<T> {
  kind: 'share';
  sector: UnitSector;
  unit: ReportUnit;
  level: number;
  value: T;
}

const ORDER: readonly UnitSector[] = ['organ', 'institution', 'enterprise'];

export function withShares<T>(lines: readonly TreeLine<T>[], units: readonly ReportUnit[], add: (a: T, b: T) => T): (TreeLine<T> | ShareLine<T>)[] {
  const children = new Map<number, number[]>();
  for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const sectorOf = new Map(units.map((u) => [u.id, u.sector ?? 'organ']));
  // A unit's own figures are its `unit` line's.
  const own = new Map<number, T>();
  for (const l of lines) if (l.kind === 'unit') own.set(l.unit.id, l.value);

  const out: (TreeLine<T> | ShareLine<T>)[] = [];
  for (const line of lines) {
    out.push(line);
    if (line.kind === 'unit') continue;
    const sums = new Map<UnitSector, T>();
    const stack = [line.unit.id];
    while (stack.length > 0) {
      const id = stack.pop()!;
      stack.push(...(children.get(id) ?? []));
      const value = own.get(id);
      if (value === undefined) continue;
      const sector = sectorOf.get(id)!;
      const sum = sums.get(sector);
      sums.set(sector, sum === undefined ? value : add(sum, value));
    }
    if (sums.size < 2) continue;
    for (const sector of ORDER) {
      const value = sums.get(sector);
      if (value !== undefined) out.push({ kind: 'share', sector, unit: line.unit, level: line.level, value });
    }
  }
  return out;
}
