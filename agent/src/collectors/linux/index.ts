import type { CollectionError } from '@zhengban/shared';
import type { HostFacts } from '../host.js';
import type { Io } from '../io.js';
import { baseMachine, settle, type PlatformParts } from '../parts.js';
import { clean } from '../text.js';
import { collectHardware } from './dmi.collect.js';
import { collectOsRelease } from './os-release.collect.js';
import { osFromRelease } from './os-release.parse.js';
import { collectPackages } from './packages.js';
import { recogniseProducts } from './products.js';

const MACHINE_ID_PATHS = ['/etc/machine-id', '/var/lib/dbus/machine-id'];

/** A Linux scan: every source at once; each failure becomes a collection error and the rest still arrives. */
export async function collectLinux(io: Io, host: HostFacts): Promise<PlatformParts> {
  const [release, hardware, packages, machineId] = await Promise.all([
    settle('os-release', () => collectOsRelease(io)),
    settle('dmi', () => collectHardware(io)),
    collectPackages(io),
    settle('machine-id', () => readMachineId(io)),
  ]);
  const errors: CollectionError[] = [];

  const os = osFromRelease(release.ok ? release.value : {}, host);
  if (!release.ok) errors.push(release.error);

  const machine = baseMachine(host);
  if (hardware.ok) {
    Object.assign(machine, hardware.value.facts);
    errors.push(...hardware.value.errors);
  } else {
    errors.push(hardware.error);
  }
  if (machineId.ok && machineId.value) machine.machineId = machineId.value;
  if (!machineId.ok) errors.push(machineId.error);

  errors.push(...packages.errors);
  const { office, antivirus } = recogniseProducts(packages.items);
  return { machine, os, office, antivirus, software: packages.items, collectionErrors: errors };
}

async function readMachineId(io: Io): Promise<string | undefined> {
  for (const path of MACHINE_ID_PATHS) {
    const id = clean((await io.readText(path)) ?? undefined, 100);
    if (id) return id;
  }
  return undefined;
}
