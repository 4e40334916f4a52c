import type { UnitView } from './api/types';
import type { Option } from './components/Fields';

/** Units in tree order with their depth; `skip` leaves out a unit and the units below it. */
export function treeOrder(units: UnitView[], skip?: number): { unit: UnitView; depth: number }[] {
  const children = new Map<number | null, UnitView[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: { unit: UnitView; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      if (u.id === skip) continue;
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/**
 * The units as a select's options, indented by depth. The value is the unit's id, or
 * what `value` makes of it (the machine filter's URL names units). A unit being edited
 * is `skip`ped with its subtree: it cannot sit under itself.
 */
export function unitOptions(units: UnitView[], opts: { value?: (u: UnitView) => string; skip?: number } = {}): Option[] {
  const value = opts.value ?? ((u: UnitView) => String(u.id));
  return treeOrder(units, opts.skip).map(({ unit, depth }) => ({ value: value(unit), label: `${'\u3000'.repeat(depth)}${unit.name}` }));
}
