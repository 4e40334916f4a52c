import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { EnrollRequest, Snapshot } from '@zhengban/shared';

export type Identity = Pick<EnrollRequest, 'hostname' | 'hardwareUuid' | 'machineId' | 'serial'>;

/** Placeholders firmware vendors leave in SMBIOS: they identify nothing. */
const JUNK = /^(none|null|n\/a|not (specified|available|applicable)|to be filled by o\.e\.m\.?|default string|system serial number|[0-]+|[f-]+)$/i;

function clean(value: string | undefined, max: number): string | undefined {
  const v = value?.trim();
  return v && !JUNK.test(v) ? v.slice(0, max) : undefined;
}

/**
 * Identity from a snapshot, so enrollment names the machine exactly as its reports
 * will: the collector can match the two without guessing.
 */
export function identityFromSnapshot(s: Snapshot): Identity {
  return compact({
    hostname: clean(s.machine.hostname, 255) ?? clean(hostname(), 255) ?? 'unknown',
    hardwareUuid: clean(s.machine.hardwareUuid, 100),
    machineId: clean(s.machine.machineId, 100),
    serial: clean(s.machine.serial, 200),
  });
}

/** Fallback when the snapshot cannot be built: what Linux shows any user for free. */
export async function cheapIdentity(platform: NodeJS.Platform = process.platform): Promise<Identity> {
  const read = (f: string): Promise<string | undefined> => readFile(f, 'utf8').then((t) => t, () => undefined);
  const linux = platform === 'linux';
  return compact({
    hostname: clean(hostname(), 255) ?? 'unknown',
    machineId: linux ? clean((await read('/etc/machine-id')) ?? (await read('/var/lib/dbus/machine-id')), 100) : undefined,
    // Readable by root only on most distributions; an enrollment as root gets them.
    hardwareUuid: linux ? clean(await read('/sys/class/dmi/id/product_uuid'), 100) : undefined,
    serial: linux ? clean(await read('/sys/class/dmi/id/product_serial'), 200) : undefined,
  });
}

function compact(i: Identity): Identity {
  const out: Identity = { hostname: i.hostname };
  if (i.hardwareUuid) out.hardwareUuid = i.hardwareUuid;
  if (i.machineId) out.machineId = i.machineId;
  if (i.serial) out.serial = i.serial;
  return out;
}
