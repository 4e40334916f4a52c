import type { UnitSector } from '../schema/units.js';

/** A unit as the reports see it. */
export interface ReportUnit {
  id: number;
  name: string;
  parentId: number | null;
  kind: string;
  /** 机关, 事业单位 or 企业; null or absent: not said, counted with the offices. */
  sector?: UnitSector | null;
  code: string | null;
  headcount: number | null;
}

/** One line of a report: a unit's own figures, or the sum of a unit and everything below it. */
export interface TreeLine<T> {
  kind: 'unit' | 'subtotal' | 'total';
  unit: ReportUnit;
  level: number;
  value: T;
}

/**
 * The lines of a report over a unit's subtree, as a clerk reads a form: each unit's
 * own line, then its subunits (by code, then name), then, for a unit with subunits, its
 * subtotal; last the total of the whole subtree. `own` gives a unit's own figures, `add`
 * sums two. Pure.
 */
export function treeLines<T>(units: readonly ReportUnit[], rootId: number, own: (u: ReportUnit) => T, add: (a: T, b: T) => T): TreeLine<T>[] {
  const children = new Map<number, ReportUnit[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u);
    children.set(u.parentId, list);
  }
  const order = (a: ReportUnit, b: ReportUnit) => (a.code ?? '').localeCompare(b.code ?? '') || a.name.localeCompare(b.name, 'zh');
  const root = units.find((u) => u.id === rootId);
  if (!root) return [];
  const lines: TreeLine<T>[] = [];

  const visit = (u: ReportUnit, level: number): T => {
    let sum = own(u);
    lines.push({ kind: 'unit', unit: u, level, value: sum });
    const below = [...(children.get(u.id) ?? [])].sort(order);
    for (const child of below) sum = add(sum, visit(child, level + 1));
    if (below.length > 0 && level > 0) lines.push({ kind: 'subtotal', unit: u, level, value: sum });
    return sum;
  };
  const total = visit(root, 0);
  lines.push({ kind: 'total', unit: root, level: 0, value: total });
  return lines;
}
