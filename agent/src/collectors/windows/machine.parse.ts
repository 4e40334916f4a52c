// Input: the inventory's computer section (Win32_ComputerSystem, Win32_SystemEnclosure,
// Win32_BIOS, Win32_ComputerSystemProduct, MachineGuid), e.g.
//   { Hostname: 'PC-01', Manufacturer: 'LENOVO', Model: '10MQS0G100', PCSystemType: 1,
//     ChassisTypes: [3], SerialNumber: 'PC0XXXXX', UUID: '…', MachineGuid: '…', HypervisorPresent: false }
import type { Chassis, Machine } from '@zhengban/shared';
import { chassisFromCode } from '../chassis.js';
import { clean, clip } from '../text.js';
import type { WindowsInventory } from './inventory.schema.js';

/** Models virtual machines report (Hyper-V reports chassis type 3, Desktop, so the model must decide). */
const VM_MODEL = /virtual machine|vmware|virtualbox|kvm|qemu|standard pc \(|hvm domu|bochs|parallels|cloud pc/i;
/** Vendors' placeholder serials and UUIDs that identify nothing. */
const PLACEHOLDER = /^(to be filled by o\.e\.m\.|default string|system serial number|not specified|none|0+|[f-]+|[0-]+)$/i;
/** PCSystemType when there is no chassis type: 1 desktop, 2 mobile, 3 workstation, 4/5/7 server, 8 slate. */
const PC_SYSTEM_TYPES: Readonly<Record<number, Chassis>> = { 1: 'desktop', 2: 'laptop', 3: 'desktop', 4: 'server', 5: 'server', 7: 'server', 8: 'laptop' };
const RANK: readonly Chassis[] = ['laptop', 'desktop', 'server'];

/**
 * The chassis: a virtual-machine model first; then every ChassisTypes code (a
 * docked laptop reports {10, 12}: any portable code wins, then desktop, then server);
 * then PCSystemType; HypervisorPresent alone only when nothing else tells, because
 * virtualisation-based security sets it on physical PCs too.
 */
export function chassisOf(c: NonNullable<WindowsInventory['computer']>): { chassis: Chassis; source: string } {
  const model = `${c.Manufacturer ?? ''} ${c.Model ?? ''}`.trim();
  if (VM_MODEL.test(model)) return { chassis: 'virtual', source: `virtual machine model ${model}` };
  const codes = c.ChassisTypes ?? [];
  const readings = codes.map((code) => ({ code, ...chassisFromCode(code) }));
  const best = RANK.map((r) => readings.find((x) => x.chassis === r)).find(Boolean);
  const list = readings.map((r) => `${r.code} (${r.name})`).join(', ');
  if (best) return { chassis: best.chassis, source: `Win32_SystemEnclosure ChassisTypes ${list}` };
  const pst = typeof c.PCSystemType === 'number' ? PC_SYSTEM_TYPES[c.PCSystemType] : undefined;
  if (pst) return { chassis: pst, source: `Win32_ComputerSystem PCSystemType ${c.PCSystemType}` };
  if (c.HypervisorPresent === true) return { chassis: 'virtual', source: 'HypervisorPresent with no chassis type' };
  if (readings.length) return { chassis: readings[0]!.chassis, source: `Win32_SystemEnclosure ChassisTypes ${list}` };
  return { chassis: 'unknown', source: 'no chassis type, PCSystemType or model' };
}

const ident = (v: string | null | undefined, max: number): string | undefined => {
  const s = clean(v ?? undefined, max);
  return s && !PLACEHOLDER.test(s) ? s : undefined;
};

export function machineFromInventory(inv: WindowsInventory): Machine {
  const c = inv.computer ?? {};
  const { chassis, source } = chassisOf(c);
  const m: Machine = { hostname: clean(c.Hostname ?? undefined, 255) ?? 'unknown', chassis, chassisSource: clip(source, 200) };
  const set = <K extends keyof Machine>(k: K, v: Machine[K] | undefined) => {
    if (v !== undefined) m[k] = v;
  };
  set('manufacturer', ident(c.Manufacturer, 200));
  set('model', ident(c.Model, 200));
  set('serial', ident(c.SerialNumber, 200));
  set('hardwareUuid', ident(c.UUID, 100)?.toLowerCase());
  set('machineId', ident(c.MachineGuid, 100)?.toLowerCase());
  set('cpu', clean(c.CpuName ?? undefined, 200));
  if (typeof c.CpuCores === 'number' && Number.isSafeInteger(c.CpuCores) && c.CpuCores >= 0) m.cpuCores = c.CpuCores;
  if (typeof c.TotalPhysicalMemory === 'number' && Number.isSafeInteger(c.TotalPhysicalMemory) && c.TotalPhysicalMemory >= 0) {
    m.memoryBytes = c.TotalPhysicalMemory;
  }
  return m;
}
