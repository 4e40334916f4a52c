import type { Chassis } from '@zhengban/shared';

/**
 * SMBIOS System Enclosure "chassis type" codes (DMTF DSP0134, table "System
 * Enclosure or Chassis Types"), with the snapshot's coarse class for each. Tablets
 * and convertibles count as laptops (portable PCs); towers as desktops. Used by the
 * Linux DMI reader (numeric code) and by systeminformation elsewhere (its names are
 * these names).
 */
export const CHASSIS_TYPES: Readonly<Record<number, readonly [name: string, chassis: Chassis]>> = {
  1: ['Other', 'other'],
  2: ['Unknown', 'unknown'],
  3: ['Desktop', 'desktop'],
  4: ['Low Profile Desktop', 'desktop'],
  5: ['Pizza Box', 'desktop'],
  6: ['Mini Tower', 'desktop'],
  7: ['Tower', 'desktop'],
  8: ['Portable', 'laptop'],
  9: ['Laptop', 'laptop'],
  10: ['Notebook', 'laptop'],
  11: ['Hand Held', 'other'],
  12: ['Docking Station', 'other'],
  13: ['All in One', 'desktop'],
  14: ['Sub Notebook', 'laptop'],
  15: ['Space-saving', 'desktop'],
  16: ['Lunch Box', 'desktop'],
  17: ['Main Server Chassis', 'server'],
  18: ['Expansion Chassis', 'other'],
  19: ['SubChassis', 'other'],
  20: ['Bus Expansion Chassis', 'other'],
  21: ['Peripheral Chassis', 'other'],
  22: ['RAID Chassis', 'other'],
  23: ['Rack Mount Chassis', 'server'],
  24: ['Sealed-case PC', 'desktop'],
  25: ['Multi-system chassis', 'server'],
  26: ['Compact PCI', 'server'],
  27: ['Advanced TCA', 'server'],
  28: ['Blade', 'server'],
  29: ['Blade Enclosure', 'server'],
  30: ['Tablet', 'laptop'],
  31: ['Convertible', 'laptop'],
  32: ['Detachable', 'laptop'],
  33: ['IoT Gateway', 'other'],
  34: ['Embedded PC', 'other'],
  35: ['Mini PC', 'desktop'],
  36: ['Stick PC', 'desktop'],
};

export interface ChassisReading {
  chassis: Chassis;
  name: string;
}

/** Class and SMBIOS name for a code; bit 7 is the "chassis lock present" flag, not part of the type. */
export function chassisFromCode(code: number): ChassisReading {
  const entry = CHASSIS_TYPES[code & 0x7f];
  return entry ? { chassis: entry[1], name: entry[0] } : { chassis: 'unknown', name: `code ${code}` };
}

const BY_NAME = new Map(Object.values(CHASSIS_TYPES).map(([name, chassis]) => [name.toLowerCase(), chassis]));

/** Class for an SMBIOS type name as systeminformation reports it (`Notebook`, `Desktop` …). */
export function chassisFromName(name: string): Chassis {
  return BY_NAME.get(name.trim().toLowerCase()) ?? 'unknown';
}
