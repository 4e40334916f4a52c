import type { HostFacts } from '../host.js';
import type { Io } from '../io.js';
import { readProcesses, readServices, type ServiceState } from './services.js';

/**
 * What every Linux collector gets: the machine (live or replayed), the host facts,
 * the scan's clock (trial days left, definitions age), and the service and process
 * lists, each read at most once per scan however many collectors ask.
 */
export interface LinuxContext {
  io: Io;
  host: HostFacts;
  now: Date;
  services(): Promise<Map<string, ServiceState> | undefined>;
  processes(): Promise<Set<string> | undefined>;
}

export function linuxContext(io: Io, host: HostFacts, now: Date): LinuxContext {
  let services: ReturnType<LinuxContext['services']> | undefined;
  let processes: ReturnType<LinuxContext['processes']> | undefined;
  return {
    io,
    host,
    now,
    services: () => (services ??= readServices(io)),
    processes: () => (processes ??= readProcesses(io)),
  };
}
