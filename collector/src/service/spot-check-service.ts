import type { OnSiteRecordInput, SpotCheckList, SpotCheckMachine, SpotCheckView, UnitChecks, UnitChecksInput } from '../schema/spot-checks.js';
import { summaryOf, viewOf, type StoredSpotCheck } from '../spotcheck/view.js';
import type { EntryRow, SpotCheckRow } from '../store/spot-check-types.js';
import type { StoreTx } from '../store/tx-types.js';
import { assertAdmin, assertUnitVisible, visibleUnits, type Caller } from './access.js';
import { NotFoundError } from './errors.js';
import { actorOf } from './registry-deps.js';
import type { SpotCheckDeps } from './spot-check-create.js';
import { SpotCheckClosedError, SpotCheckMachineError } from './spot-check-errors.js';

/**
 * Reading spot checks and recording what the inspector saw. A viewer reads the spot
 * checks of its subtree; only admins (and the CLI) record. A closed spot check is the
 * record the unit stamped and changes no more.
 */

/**
 * A spot check's rows. Read outside a transaction, each on its own: a scan attached
 * meanwhile may come without its machine, which the view leaves out until the next read.
 */
async function stored(reads: StoreTx['spotChecks'], row: SpotCheckRow): Promise<StoredSpotCheck> {
  const [entries, scans, unitChecks] = await Promise.all([reads.entries(row.id), reads.scans(row.id), reads.unitChecks(row.id)]);
  return { row, entries, scans, unitChecks };
}

export async function listSpotChecks(d: SpotCheckDeps, who: Caller, q: { unit?: string } = {}): Promise<SpotCheckList> {
  const visible = await visibleUnits(d.store, who);
  let unitIds = visible ?? null;
  if (q.unit !== undefined) {
    const unit = await d.store.read.units.getByName(q.unit);
    if (!unit || (visible !== undefined && !visible.includes(unit.id))) throw new NotFoundError(`unit "${q.unit}"`);
    unitIds = await d.store.read.units.subtreeIds(unit.id);
  }
  const reads = d.store.read.spotChecks;
  const all = await Promise.all((await reads.list(unitIds)).map((row) => stored(reads, row)));
  return { spotChecks: all.map((s) => summaryOf(s, d.staleAfterMs)) };
}

export async function getSpotCheck(d: SpotCheckDeps, who: Caller, id: number): Promise<SpotCheckView> {
  const reads = d.store.read.spotChecks;
  const row = await reads.get(id);
  if (!row) throw new NotFoundError(`spot check #${id}`);
  await assertUnitVisible(d.store, who, row.unitId, `spot check #${id}`);
  const first = row.recheckOf === null ? undefined : await reads.get(row.recheckOf);
  return viewOf(await stored(reads, row), first && (await stored(reads, first)), d.staleAfterMs);
}

/** The id of the unit's latest spot check, or of the latest in these units; undefined when there is none. */
export async function latestSpotCheck(d: SpotCheckDeps, unitIds: readonly number[] | null): Promise<number | undefined> {
  return (await d.store.read.spotChecks.list(unitIds))[0]?.id;
}

/**
 * One machine of the spot check: by its number on the form (序号), its machine id, or its
 * host name when exactly one machine of the spot check has it.
 */
export function findEntry(entries: readonly EntryRow[], ref: string | number, id: number): EntryRow {
  const text = String(ref).trim();
  const byNo = /^\d+$/.test(text) ? entries.find((e) => e.no === Number(text)) : undefined;
  if (byNo) return byNo;
  const byId = entries.find((e) => e.agentId === text);
  if (byId) return byId;
  const byName = entries.filter((e) => e.hostname.toLowerCase() === text.toLowerCase());
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new SpotCheckMachineError(`${byName.length} machines of spot check #${id} are named ${text}: give the number (序号) instead`);
  throw new SpotCheckMachineError(`spot check #${id} has no machine ${text} (give its number 序号, machine id or host name)`);
}

async function openRow(tx: StoreTx, id: number): Promise<SpotCheckRow> {
  const row = await tx.spotChecks.getForUpdate(id);
  if (!row) throw new NotFoundError(`spot check #${id}`);
  if (row.state === 'closed') throw new SpotCheckClosedError(id);
  return row;
}

const text = (s: string | null | undefined): string | null => (s === undefined || s === null || s.trim() === '' ? null : s.trim());

/** Records what the inspector saw at one PC, replacing what was recorded before; the machine as it then reads. */
export async function recordMachine(d: SpotCheckDeps, who: Caller, id: number, ref: string | number, input: OnSiteRecordInput): Promise<SpotCheckMachine> {
  assertAdmin(who);
  const at = d.now().toISOString();
  const no = await d.store.transaction(async (tx) => {
    await openRow(tx, id);
    const entry = findEntry(await tx.spotChecks.entries(id), ref, id);
    const unreported = [...new Set((input.unreported ?? []).map((s) => s.trim()).filter(Boolean))];
    const record = {
      labelMatches: input.labelMatches ?? 'not-checked', agentPresent: input.agentPresent ?? 'not-checked', agentReporting: input.agentReporting ?? 'not-checked',
      unreported, remark: text(input.remark),
    };
    await tx.spotChecks.setRecord(entry.id, { ...record, unreportedJson: JSON.stringify(unreported), recordedAt: at, recordedBy: actorOf(who) });
    await tx.audit.record({ at, actor: actorOf(who), action: 'spot-check.record', target: `spot check #${id}`, detail: { no: entry.no, hostname: entry.hostname, ...record } });
    return entry.no;
  });
  return (await getSpotCheck(d, who, id)).machines.find((m) => m.no === no)!;
}

export async function recordUnitChecks(d: SpotCheckDeps, who: Caller, id: number, input: UnitChecksInput): Promise<UnitChecks> {
  assertAdmin(who);
  const at = d.now().toISOString();
  const checks = { ledger: input.ledger ?? 'not-checked', documents: input.documents ?? 'not-checked', remark: text(input.remark) } as const;
  await d.store.transaction(async (tx) => {
    await openRow(tx, id);
    await tx.spotChecks.setUnitChecks(id, { ...checks, recordedAt: at, recordedBy: actorOf(who) });
    await tx.audit.record({ at, actor: actorOf(who), action: 'spot-check.unit-checks', target: `spot check #${id}`, detail: checks });
  });
  return { ...checks, recordedAt: at, recordedBy: actorOf(who) };
}

/** Closes the spot check once the unit has stamped its form; closing it again changes nothing. */
export async function closeSpotCheck(d: SpotCheckDeps, who: Caller, id: number): Promise<SpotCheckView> {
  assertAdmin(who);
  const at = d.now().toISOString();
  await d.store.transaction(async (tx) => {
    const row = await tx.spotChecks.getForUpdate(id);
    if (!row) throw new NotFoundError(`spot check #${id}`);
    if (row.state === 'closed') return;
    await tx.spotChecks.close(id, at);
    await tx.audit.record({ at, actor: actorOf(who), action: 'spot-check.close', target: `spot check #${id}`, detail: null });
  });
  return getSpotCheck(d, who, id);
}
