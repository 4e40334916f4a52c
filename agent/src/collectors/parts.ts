import type {
  Antivirus, Chassis, CollectionError, Indicator, Machine, Observations, OfficeSuite, OperatingSystem, SoftwareItem,
} from '@zhengban/shared';
import { collectionError } from './collection-error.js';
import type { HostFacts } from './host.js';

/** Hardware identity and chassis, as a platform's hardware reader gives them. */
export interface HardwareFacts {
  chassis: Chassis;
  chassisSource: string;
  manufacturer?: string;
  model?: string;
  serial?: string;
  hardwareUuid?: string;
}

/** What one platform's collectors contribute to a snapshot. */
export interface PlatformParts {
  machine: Machine;
  os: OperatingSystem;
  office: OfficeSuite[];
  antivirus: Antivirus[];
  software: SoftwareItem[];
  /** Traces of unlicensed use (Windows crack activators); platforms without such checks leave it out. */
  indicators?: Indicator[];
  /** What runs and lies on the PC (Windows); platforms that do not look leave it out. */
  observations?: Observations;
  collectionErrors: CollectionError[];
}

/** The machine facts every platform starts from; collectors add identity and chassis. */
export function baseMachine(host: HostFacts): Machine {
  const m: Machine = {
    hostname: host.hostname,
    chassis: 'unknown',
    cpuCores: host.cpuCores,
    memoryBytes: host.memoryBytes,
  };
  if (host.cpu) m.cpu = host.cpu;
  if (host.macAddresses.length) m.macAddresses = host.macAddresses;
  return m;
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: CollectionError };

/**
 * Runs one collector and never rejects, so collectors can run concurrently with
 * Promise.all and their errors can still be listed in a fixed order.
 */
export async function settle<T>(source: string, work: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    return { ok: false, error: collectionError(source, err) };
  }
}
