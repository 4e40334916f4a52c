import os from 'node:os';
import { clip } from './text.js';

/** Facts Node itself knows about the host on every platform, at no cost beyond a syscall. */
export interface HostFacts {
  hostname: string;
  /** Kernel release (`os.release()`). */
  kernel: string;
  /** The machine's architecture as its kernel names it (x86_64, aarch64, loongarch64), not Node's build. */
  arch: string;
  cpu?: string;
  cpuCores: number;
  memoryBytes: number;
  macAddresses: string[];
}

export function hostFacts(): HostFacts {
  const cpus = os.cpus();
  const facts: HostFacts = {
    hostname: clip(os.hostname() || 'unknown', 255),
    kernel: os.release(),
    arch: os.machine(),
    cpuCores: cpus.length,
    memoryBytes: os.totalmem(),
    macAddresses: macAddresses(os.networkInterfaces()),
  };
  const model = cpus[0]?.model.trim();
  if (model && model !== 'unknown') facts.cpu = clip(model, 200);
  return facts;
}

/** Distinct hardware addresses of non-loopback interfaces, sorted so snapshots compare cleanly. */
export function macAddresses(ifaces: NodeJS.Dict<os.NetworkInterfaceInfo[]>): string[] {
  const macs = new Set<string>();
  for (const list of Object.values(ifaces)) {
    for (const i of list ?? []) {
      if (!i.internal && i.mac && i.mac !== '00:00:00:00:00:00') macs.add(i.mac.toLowerCase());
    }
  }
  return [...macs].sort().slice(0, 64);
}
