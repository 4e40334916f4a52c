import type { MachineList, MachineStatus, MachineSummary } from '@zhengban/shared';
import type { MachineDetail } from '../schema/machine-detail.js';
import type { MachineRow, Store } from '../store/types.js';
import { scopeOf, type Principal } from './auth-service.js';
import { NotFoundError } from './errors.js';

export interface MachineQuery {
  status?: MachineStatus | 'stale';
  unit?: string;
  assetNumber?: string;
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
  };
}

export async function listMachines(d: MachineDeps, who: Principal, q: MachineQuery): Promise<MachineList> {
  const scopeUnitId = scopeOf(who);
  const { rows, total } = await d.store.machines.list({
    ...q,
    ...(scopeUnitId === undefined ? {} : { scopeUnitId }),
    staleBefore: staleBefore(d),
  });
  return { machines: rows.map(toSummary), total };
}

/** A machine outside a viewer's unit is answered like a missing one, so ids do not leak. */
export async function getMachine(d: MachineDeps, who: Principal, id: string): Promise<MachineDetail> {
  const scopeUnitId = scopeOf(who);
  const r = await d.store.machines.get(id, { ...(scopeUnitId === undefined ? {} : { scopeUnitId }), staleBefore: staleBefore(d) });
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
