import type { Finding } from '@zhengban/shared';
import { outlineOf, parseOutline, type Outlined } from '../reports/finding-outline.js';
import type { SheetMachine } from '../reports/machine-sheets.js';
import { categoriesOf, unjudged, type MachineState } from '../reports/machine-state.js';
import type { NeedGroup } from '../reports/procurement.js';
import type { MachineGroupRow, MachineSheetRow } from '../store/report-repo.js';
import type { MachineFacts } from '../store/types.js';
import { storedFindings } from '../store/verdict-findings.js';
import type { ReportDeps } from './report-service.js';

/**
 * What the pure reports are made from, read from the store as of a moment: machine
 * states by group, the findings of reporting groups, and machines for check sheets.
 */

/**
 * The machines as the report counts them, group by group. Machines in the same state
 * share an outline, so each outline is read and decoded once.
 */
export async function machineStates(d: ReportDeps, groups: readonly MachineGroupRow[]): Promise<MachineState[]> {
  const catalog = await d.catalog();
  const isDomestic = (id: string) => catalog.product(id)?.domestic === true;
  const decode = outlines(d);
  const out: MachineState[] = [];
  for (const g of groups) {
    if (g.state !== 'reporting') out.push(unjudged(g.count, g.unitId, g.chassis, g.state));
    else out.push({ count: g.count, unitId: g.unitId, chassis: g.chassis, reporting: 'reporting', ...categoriesOf(await decode(g), isDomestic) });
  }
  return out;
}

/** A group's findings: its outlines, each read and decoded once, and a legacy verdict's own. */
function outlines(d: ReportDeps): (g: MachineGroupRow) => Promise<Outlined[]> {
  const cache = new Map<number, Outlined[]>();
  const one = async (id: number | null): Promise<Outlined[]> => {
    if (id === null) return [];
    let o = cache.get(id);
    if (!o) cache.set(id, (o = parseOutline((await d.store.reports.outline(id)) ?? null)));
    return o;
  };
  return async (g) => {
    const legacy = g.legacyVerdictId === null ? [] : outlineOf(JSON.parse((await d.store.reports.legacyFindings(g.legacyVerdictId)) ?? '[]') as Finding[]);
    return [...(await one(g.outlineId)), ...(await one(g.entitlementOutlineId)), ...legacy];
  };
}

export function sheetMachine(r: MachineSheetRow, names: ReadonlyMap<number, string>, staleBefore: string): SheetMachine {
  const verdict = r.status === null ? null : { status: r.status, decidedAt: r.decidedAt ?? '', findings: storedFindings(r, r.snapshotId ?? '') };
  const state = verdict === null ? 'pending' : (r.lastReport ?? '') < staleBefore ? 'stale' : 'reporting';
  return {
    id: r.id, hostname: r.hostname, unit: names.get(r.unitId) ?? '', user: r.user, assetNumber: r.assetNumber,
    facts: r.factsJson === null ? null : (JSON.parse(r.factsJson) as MachineFacts), state, lastReport: r.lastReport, verdict,
  };
}

/** The reporting machines' findings, group by group, for what must be bought. */
export async function needGroups(d: ReportDeps, asOf: string | undefined, moment: Date, inTree: ReadonlySet<number>): Promise<NeedGroup[]> {
  const staleBefore = new Date(moment.getTime() - d.staleAfterMs).toISOString();
  const out: NeedGroup[] = [];
  const decode = outlines(d);
  for (const g of await d.store.reports.machineGroups(asOf, staleBefore)) {
    if (g.state !== 'reporting' || !inTree.has(g.unitId)) continue;
    out.push({ unitId: g.unitId, count: g.count, findings: await decode(g) });
  }
  return out;
}

/** The report's machines as they stood at the moment (`asOf` undefined: now). */
export async function machinesAt(d: ReportDeps, asOf: string | undefined, moment: Date, inTree: ReadonlySet<number>): Promise<MachineState[]> {
  const staleBefore = new Date(moment.getTime() - d.staleAfterMs).toISOString();
  const groups = (await d.store.reports.machineGroups(asOf, staleBefore)).filter((g) => inTree.has(g.unitId));
  return machineStates(d, groups);
}
