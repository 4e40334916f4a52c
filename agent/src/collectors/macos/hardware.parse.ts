// Input: `ioreg -rd1 -c IOPlatformExpertDevice` (Apple silicon shown; Intel Macs print the
// same keys, with `"model" = <"MacBookPro10,1">` and `"product-name"` too):
//   +-o J316sAP  <class IOPlatformExpertDevice, id 0x10000024d, registered, matched, active, busy 0 (132196 ms), retain 37>
//     {
//       "manufacturer" = <"Apple Inc.">
//       "compatible" = <"J316sAP","MacBookPro18,1","AppleARM">
//       "IOPlatformSerialNumber" = "HDWLIF2LM7"
//       "model" = <"MacBookPro18,1">
//       "IOPlatformUUID" = "81895B8D-9EF9-4EBB-B5DE-B00069CF53F0"
//     }
// and `sysctl hw.model hw.ncpu hw.memsize machdep.cpu.brand_string`:
//   hw.model: MacBookPro18,1
//   hw.ncpu: 10
//   hw.memsize: 17179869184
//   machdep.cpu.brand_string: Apple M1 Pro
import type { Chassis } from '@zhengban/shared';
import type { HardwareFacts } from '../parts.js';
import { clean } from '../text.js';
import { modelChassis } from './models.data.js';

export interface PlatformExpert {
  manufacturer?: string;
  model?: string;
  serial?: string;
  uuid?: string;
}

const IOREG_KEYS: Readonly<Record<string, keyof PlatformExpert>> = {
  manufacturer: 'manufacturer',
  model: 'model',
  IOPlatformSerialNumber: 'serial',
  IOPlatformUUID: 'uuid',
};

/** The platform device's identity; only the first value of each key counts (the device itself). */
export function parseIoregPlatform(text: string): PlatformExpert {
  const out: PlatformExpert = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^[\s|]*"([^"]+)"\s*=\s*(.*?)\s*$/.exec(line);
    const key = m ? IOREG_KEYS[m[1]!] : undefined;
    if (!key || out[key] !== undefined) continue;
    const value = ioregValue(m![2]!);
    if (value) out[key] = value;
  }
  return out;
}

/** `"text"`, `<"text">` (the first string of a list), or `<hex>` holding NUL-padded ASCII. */
export function ioregValue(raw: string): string | undefined {
  const quoted = /^<?"([^"]*)"/.exec(raw);
  if (quoted) return quoted[1]!.trim() || undefined;
  const hex = /^<([0-9a-fA-F]+)>$/.exec(raw);
  if (!hex || hex[1]!.length % 2) return undefined;
  const bytes = hex[1]!.match(/../g)!.map((h) => Number.parseInt(h, 16));
  const end = bytes.indexOf(0);
  const text = bytes.slice(0, end < 0 ? undefined : end);
  if (!text.length || text.some((b) => b < 0x20 || b > 0x7e)) return undefined;
  return String.fromCharCode(...text).trim() || undefined;
}

/** `name: value` lines (`sysctl` without -n); sysctl's own complaints (`sysctl: unknown oid …`) are skipped. */
export function parseSysctl(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-z]\w*(?:\.\w+)+)\s*[:=]\s*(.*?)\s*$/.exec(line);
    if (m && m[2]) out[m[1]!] = m[2];
  }
  return out;
}

export type MacHardwareFacts = HardwareFacts;

/** Serials that identify nothing: virtual machines and boards whose serial was never set. */
const PLACEHOLDER_SERIALS = new Set(['0', 'not available', 'system serial#', 'to be filled by o.e.m.', '0123456789']);

/**
 * Identity and chassis from the platform device and hw.model. A Mac has no SMBIOS
 * chassis type to read; its model identifier names the product family instead
 * (MacBook… laptops, iMac/Mac mini/Mac Pro desktops, `MacNN,M` looked up in a table).
 */
export function macHardware(pe: PlatformExpert, sysctl: Readonly<Record<string, string>>): MacHardwareFacts {
  const model = clean(sysctl['hw.model'], 200) ?? clean(pe.model, 200);
  const manufacturer = clean(pe.manufacturer, 200);
  const facts: MacHardwareFacts = { ...modelChassis(model, manufacturer) };
  if (manufacturer) facts.manufacturer = manufacturer;
  if (model) facts.model = model;
  const serial = clean(pe.serial, 200);
  if (serial && !PLACEHOLDER_SERIALS.has(serial.toLowerCase())) facts.serial = serial;
  const uuid = clean(pe.uuid, 100);
  if (uuid) facts.hardwareUuid = uuid.toLowerCase();
  return facts;
}
