import type { Category, FindingCode, MachineList, MachineStatus, MachineSummary, SoftwareItem } from '@zhengban/shared';
import type { MachineDetail } from '../schema/machine-detail.js';
import type { MachineRow, MachineSort } from '../store/types.js';
import type { Store } from '../store/store.js';
import { scopeOf, type Principal } from './auth-service.js';
import { NotFoundError } from './errors.js';
import { pairsFailing } from './outline-index.js';

export interface MachineQuery {
  status?: MachineStatus | 'stale';
  unit?: string;
  assetNumber?: string;
  /** Machines whose current verdict fails this category, or any, with a failed finding of this code, or any. */
  category?: Category;
  code?: FindingCode;
  os?: string;
  q?: string;
  reporting?: boolean;
  sort?: MachineSort;
  limit: number;
  offset: number;
}

export interface MachineDeps {
  store: Store;
  staleAfterMs: number;
  now: () => Date;
}

const staleBefore = (d: MachineDeps) => new Date(d.now().getTime() - d.staleAfterMs).toISOString();

function toSummary(r: MachineRow): MachineSummary {
  return {
    machineId: r.id,
    hostname: r.hostname,
    unit: r.unit,
    status: r.status,
    stale: r.stale,
    chassis: r.chassis,
    os: r.osName,
    lastSeen: r.lastSeen,
    user: r.user,
    assetNumber: r.assetNumber,
    ip: r.ip,
  };
}

export async function listMachines(d: MachineDeps, who: Principal, q: MachineQuery): Promise<MachineList> {
  const scopeUnitId = scopeOf(who);
  const { category, code, ...rest } = q;
  const failing = category === undefined && code === undefined ? undefined : await pairsFailing(d.store, category, code);
  const { rows, total } = await d.store.read.machines.list({
    ...rest,
    ...(failing === undefined ? {} : { failing: { ...(category ? { category } : {}), ...(code ? { code } : {}), pairs: failing } }),
    ...(scopeUnitId === undefined ? {} : { scopeUnitId }),
    staleBefore: staleBefore(d),
  });
  return { machines: rows.map(toSummary), total };
}

/** The programs of the machine's latest snapshot, for a caller who may see it. */
export async function machineSoftware(d: MachineDeps, who: Principal, id: string): Promise<{ software: SoftwareItem[] }> {
  await getMachine(d, who, id);
  return { software: await d.store.read.software.list(id) };
}

/** A machine outside a viewer's unit is answered like a missing one, so ids do not leak. */
export async function getMachine(d: MachineDeps, who: Principal, id: string): Promise<MachineDetail> {
  const scopeUnitId = scopeOf(who);
  const r = await d.store.read.machines.get(id, { ...(scopeUnitId === undefined ? {} : { scopeUnitId }), staleBefore: staleBefore(d) });
  if (!r) throw new NotFoundError(`machine ${id}`);
  return {
    ...toSummary(r),
    enrolledAt: r.enrolledAt,
    lastSeq: r.lastSeq,
    lastSnapshotId: r.lastSnapshotId,
    softwareCount: r.softwareCount,
    enrollment: { hardwareUuid: r.hardwareUuid, machineId: r.machineId, serial: r.serial, agentVersion: r.agentVersion },
    machine: r.facts?.machine ?? null,
    os: r.facts?.os ?? null,
    office: r.facts?.office ?? [],
    antivirus: r.facts?.antivirus ?? [],
    verdict: r.verdict,
  };
}
