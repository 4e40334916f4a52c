import type { CollectionError } from '@zhengban/shared';
import type { HostFacts } from '../host.js';
import type { Io } from '../io.js';
import { baseMachine, settle, type PlatformParts } from '../parts.js';
import { LINUX_COMMON } from '../sources/common.js';
import { clean } from '../text.js';
import { collectLinuxApps } from './apps.collect.js';
import { linuxContext } from './context.js';
import { collectHardware } from './dmi.collect.js';
import { collectLinuxOs } from './os.collect.js';
import { collectPackages } from './packages.js';

const MACHINE_ID_SOURCES = [LINUX_COMMON.machineId, LINUX_COMMON.dbusMachineId];

/** A Linux scan: every source at once; each failure becomes a collection error and the rest still arrives. */
export async function collectLinux(io: Io, host: HostFacts, now: Date = new Date()): Promise<PlatformParts> {
  const ctx = linuxContext(io, host, now);
  const [osPart, hardware, packages, machineId] = await Promise.all([
    collectLinuxOs(ctx),
    settle('dmi', () => collectHardware(io)),
    collectPackages(io),
    settle('machine-id', () => readMachineId(io)),
  ]);
  const errors: CollectionError[] = [...osPart.errors];

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
  const apps = await collectLinuxApps(ctx, packages.items);
  errors.push(...apps.errors);
  return { machine, os: osPart.os, office: apps.office, antivirus: apps.antivirus, software: packages.items, collectionErrors: errors };
}

async function readMachineId(io: Io): Promise<string | undefined> {
  for (const source of MACHINE_ID_SOURCES) {
    const id = clean((await io.readText(source.path)) ?? undefined, 100);
    if (id) return id;
  }
  return undefined;
}
