import type { Finding } from '@zhengban/shared';
import { outlineOf, parseOutline, type Outlined } from '../reports/finding-outline.js';
import type { SheetMachine } from '../reports/machine-sheets.js';
import { categoriesOf, unjudged, type MachineState } from '../reports/machine-state.js';
import type { NeedGroup } from '../reports/procurement.js';
import type { CompiledCatalog } from '../catalog/types.js';
import type { LedgerChange } from '../reports/ledger-changes.js';
import type { LedgerMachine } from '../reports/ledger-detail.js';
import { ledgerItems } from '../reports/ledger-items.js';
import type { MachineFacts } from '../store/machine-facts.js';
import type { ChangeSetRow, MachineGroupRow, MachineSheetRow } from '../store/report-repo.js';
import type { StoredChange } from '../store/software-change-repo.js';
import { storedFindings } from '../store/verdict-findings.js';
import type { ReportDeps } from './report-deps.js';

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
    if (!o) cache.set(id, (o = parseOutline((await d.store.read.reports.outline(id)) ?? null)));
    return o;
  };
  return async (g) => {
    const legacy = g.legacyVerdictId === null ? [] : outlineOf(JSON.parse((await d.store.read.reports.legacyFindings(g.legacyVerdictId)) ?? '[]') as Finding[]);
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
  for (const g of await d.store.read.reports.machineGroups(asOf, staleBefore)) {
    if (g.state !== 'reporting' || !inTree.has(g.unitId)) continue;
    out.push({ unitId: g.unitId, count: g.count, findings: await decode(g) });
  }
  return out;
}

/** The report's machines as they stood at the moment (`asOf` undefined: now). */
export async function machinesAt(d: ReportDeps, asOf: string | undefined, moment: Date, inTree: ReadonlySet<number>): Promise<MachineState[]> {
  const staleBefore = new Date(moment.getTime() - d.staleAfterMs).toISOString();
  const groups = (await d.store.read.reports.machineGroups(asOf, staleBefore)).filter((g) => inTree.has(g.unitId));
  return machineStates(d, groups);
}

/** A machine as the ledger lists it: its check-sheet row, its verdict's findings made copies in use. */
export function ledgerMachine(r: MachineSheetRow, staleBefore: string, catalog: CompiledCatalog): LedgerMachine {
  const m = sheetMachine(r, new Map(), staleBefore);
  const items = m.state === 'reporting' && m.verdict ? ledgerItems(m.verdict.findings, (id) => catalog.product(id)) : [];
  return { id: m.id, hostname: m.hostname, unitId: r.unitId, user: m.user, assetNumber: m.assetNumber, state: m.state, lastReport: m.lastReport, items };
}

/**
 * The installs and removals of the products the catalog knows, from the change log of
 * the report's units: a changed version is the old one removed and the new installed.
 */
export function ledgerChanges(sets: readonly ChangeSetRow[], inTree: ReadonlySet<number>, catalog: CompiledCatalog): LedgerChange[] {
  const out: LedgerChange[] = [];
  for (const set of sets) {
    if (!inTree.has(set.unitId)) continue;
    const base = { at: set.at, machineId: set.agentId, hostname: set.hostname, user: set.user, unitId: set.unitId };
    for (const [change, name, publisher, before, after] of JSON.parse(set.changesJson) as StoredChange[]) {
      const one = (action: LedgerChange['action'], version: string | null) => {
        const r = catalog.recogniseSoftware({ name, source: 'change-log', ...(publisher ? { publisher } : {}), ...(version ? { version } : {}) });
        if (r) out.push({ ...base, action, program: name, version, productId: r.product.id });
      };
      if (change !== 'installed') one('remove', before);
      if (change !== 'removed') one('install', after);
    }
  }
  return out;
}
