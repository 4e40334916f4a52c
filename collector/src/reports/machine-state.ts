import type { Category, Chassis, FindingCode } from '@zhengban/shared';
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
  /** The verdict's status: licensed when every category passes, other software included. */
  licensed: boolean;
  /**
   * Why a category fails, once per category and code: the failed findings of the
   * categories that fail. Defender switched off beside another antivirus that runs is a
   * failed finding of a category that passes, so no reason.
   */
  failing: readonly Failing[];
}

export interface Failing {
  category: Category;
  code: FindingCode;
}

const NONE: Record<Checked, boolean> = { os: false, office: false, antivirus: false };

/**
 * What a verdict's findings say per category: passed or not (combine.ts, as the verdict
 * itself), and whether a domestic product was recognised there.
 */
export function categoriesOf(findings: readonly Outlined[], isDomestic: (productId: string) => boolean): Pick<MachineState, 'genuine' | 'domestic' | 'licensed' | 'failing'> {
  const results = categoryResults(findings);
  const domestic = { ...NONE };
  const failing: Failing[] = [];
  for (const f of findings) {
    if (f.category !== 'other' && f.productId !== null && isDomestic(f.productId)) domestic[f.category] = true;
    if (!f.passed && !results[f.category] && !failing.some((x) => x.category === f.category && x.code === f.code)) failing.push({ category: f.category, code: f.code });
  }
  const licensed = results.os && results.office && results.antivirus && results.other;
  return { genuine: { os: results.os, office: results.office, antivirus: results.antivirus }, domestic, licensed, failing };
}

/** A machine the report cannot judge: nothing genuine, nothing domestic. */
export function unjudged(count: number, unitId: number, chassis: Chassis | null, reporting: 'stale' | 'pending'): MachineState {
  return { count, unitId, chassis, reporting, genuine: { ...NONE }, domestic: { ...NONE }, licensed: false, failing: [] };
}
