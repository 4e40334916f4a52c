import type { Chassis } from '@zhengban/shared';
import { categoryResults } from '../classify/combine.js';
import type { Outlined } from './finding-outline.js';

/** The three kinds of general-purpose software every form counts. */
export const CHECKED = ['os', 'office', 'antivirus'] as const;
export type Checked = (typeof CHECKED)[number];

/**
 * Machines alike as a report counts them (`count` of them). `reporting`: judged and heard from within the
 * stale window; `stale`: judged, but silent since; `pending`: never judged. Only a
 * reporting machine is counted genuine or not; the others are "not reporting" (未上报)
 * and never genuine.
 */
export interface MachineState {
  count: number;
  unitId: number;
  chassis: Chassis | null;
  reporting: 'reporting' | 'stale' | 'pending';
  genuine: Record<Checked, boolean>;
  /** Whether the product found is 国产 (the catalog's `domestic`): the OS, any office suite, any antivirus. */
  domestic: Record<Checked, boolean>;
}

const NONE: Record<Checked, boolean> = { os: false, office: false, antivirus: false };

/**
 * What a verdict's findings say per category: passed or not (combine.ts, as the verdict
 * itself), and whether a domestic product was recognised there.
 */
export function categoriesOf(findings: readonly Outlined[], isDomestic: (productId: string) => boolean): Pick<MachineState, 'genuine' | 'domestic'> {
  const results = categoryResults(findings);
  const domestic = { ...NONE };
  for (const f of findings) {
    if (f.category !== 'other' && f.productId !== null && isDomestic(f.productId)) domestic[f.category] = true;
  }
  return { genuine: { os: results.os, office: results.office, antivirus: results.antivirus }, domestic };
}

/** A machine the report cannot judge: nothing genuine, nothing domestic. */
export function unjudged(count: number, unitId: number, chassis: Chassis | null, reporting: 'stale' | 'pending'): MachineState {
  return { count, unitId, chassis, reporting, genuine: { ...NONE }, domestic: { ...NONE } };
}
