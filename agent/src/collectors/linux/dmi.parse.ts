// Input: the files of /sys/class/dmi/id, one value each; recorded as
// `grep . /sys/class/dmi/id/* 2>/dev/null` (root-only files such as product_serial
// are absent when not run as root):
//   /sys/class/dmi/id/chassis_type:31
//   /sys/class/dmi/id/chassis_vendor:HP
//   /sys/class/dmi/id/product_name:HP ENVY x360 Convertible 13-ag0xxx
//   /sys/class/dmi/id/sys_vendor:HP
// plus `systemd-detect-virt --vm` output (`kvm`, `vmware`, `none`).
import type { Chassis } from '@zhengban/shared';
import { chassisFromCode } from '../chassis.js';
import type { HardwareFacts } from '../parts.js';
import { clean, uint } from '../text.js';

/** The DMI files the agent reads. */
export const DMI_KEYS = [
  'sys_vendor', 'product_name', 'product_version', 'product_serial', 'product_uuid',
  'chassis_type', 'chassis_vendor', 'board_vendor', 'board_name',
] as const;
export type DmiKey = (typeof DMI_KEYS)[number];
export type DmiFiles = Partial<Record<DmiKey, string>>;

export interface HardwareRaw {
  dmi: DmiFiles;
  /** `systemd-detect-virt --vm` output; undefined when the tool is not installed. */
  detectVirt?: string;
  /** /proc/cpuinfo has the `hypervisor` flag; read only without systemd-detect-virt. */
  cpuHypervisorFlag?: boolean;
  /** /proc/device-tree/model, for ARM boards that have no DMI. */
  deviceTreeModel?: string;
}

export type { HardwareFacts };

/** Reads a `grep . /sys/class/dmi/id/*` recording back into file values. */
export function parseDmiGrep(text: string): DmiFiles {
  const out: DmiFiles = {};
  const known = new Set<string>(DMI_KEYS);
  for (const line of text.split(/\r?\n/)) {
    const m = /^(?:.*\/)?([a-z_]+):(.*)$/.exec(line);
    if (m && known.has(m[1]!)) out[m[1] as DmiKey] = m[2]!;
  }
  return out;
}

/** Values firmware vendors leave in unset SMBIOS strings; they identify nothing. */
const PLACEHOLDERS = new Set([
  'to be filled by o.e.m.', 'default string', 'system product name', 'system manufacturer',
  'system version', 'system serial number', 'not specified', 'not applicable', 'none',
  'o.e.m.', 'oem', '0123456789', 'chassis serial number', 'type1productconfigid', 'n/a',
  '03000200-0400-0500-0006-000700080009',
]);

function real(value: string | undefined, max: number): string | undefined {
  const v = clean(value, max);
  if (!v || PLACEHOLDERS.has(v.toLowerCase())) return undefined;
  if (/^[0f-]+$/i.test(v) && v.replace(/-/g, '').length >= 8) return undefined; // all-zero / all-F ids
  return v;
}

/** Hypervisors recognisable from DMI strings alone (when systemd-detect-virt is absent). */
const VM_SIGNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bQEMU\b|Standard PC \(/i, 'QEMU'],
  [/\bKVM\b/, 'KVM'],
  [/VMware/i, 'VMware'],
  [/VirtualBox|innotek/i, 'VirtualBox'],
  [/Microsoft Corporation.*Virtual Machine/i, 'Hyper-V'],
  [/\bXen\b|HVM domU/i, 'Xen'],
  [/Parallels/i, 'Parallels'],
  [/Bochs/i, 'Bochs'],
  [/OpenStack/i, 'OpenStack'],
];

export function machineFromHardware(raw: HardwareRaw): HardwareFacts {
  const { dmi } = raw;
  const facts: HardwareFacts = { ...classify(raw) };
  const manufacturer = real(dmi.sys_vendor, 200) ?? real(dmi.board_vendor, 200);
  let model = real(dmi.product_name, 200) ?? real(raw.deviceTreeModel?.replace(/\0/g, ''), 200);
  // Lenovo puts the marketing name in product_version and a type number in product_name.
  const version = real(dmi.product_version, 100);
  if (manufacturer?.toUpperCase() === 'LENOVO' && version && model) model = `${version} (${model})`.slice(0, 200);
  if (manufacturer) facts.manufacturer = manufacturer;
  if (model) facts.model = model;
  const serial = real(dmi.product_serial, 200);
  if (serial) facts.serial = serial;
  const uuid = real(dmi.product_uuid, 100);
  if (uuid) facts.hardwareUuid = uuid.toLowerCase();
  return facts;
}

function classify(raw: HardwareRaw): Pick<HardwareFacts, 'chassis' | 'chassisSource'> {
  const virt = raw.detectVirt?.trim();
  if (virt && virt !== 'none') {
    return { chassis: 'virtual', chassisSource: `systemd-detect-virt: virtual machine (${virt.slice(0, 50)})` };
  }
  const identity = `${raw.dmi.sys_vendor ?? ''} ${raw.dmi.product_name ?? ''}`;
  if (virt === undefined) {
    const sign = VM_SIGNS.find(([re]) => re.test(identity));
    if (sign) return { chassis: 'virtual', chassisSource: `dmi: virtual machine (${sign[1]})` };
  }
  const code = uint(raw.dmi.chassis_type);
  if (code !== undefined) {
    const { chassis, name } = chassisFromCode(code);
    return { chassis, chassisSource: `dmi chassis_type ${code} (${name})` };
  }
  if (raw.cpuHypervisorFlag) {
    return { chassis: 'virtual', chassisSource: 'cpuinfo: hypervisor flag set (virtual machine)' };
  }
  return { chassis: 'unknown', chassisSource: 'no DMI chassis type and no virtualization detected' };
}
