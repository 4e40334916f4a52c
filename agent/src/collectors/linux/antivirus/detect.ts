import type { SoftwareItem } from '@zhengban/shared';
import type { ServiceState } from '../services.js';
import { findPackage, packageSource } from '../products.js';
import type { AvProduct, Daemon } from './products.data.js';

/** The machine's service units and running programs; undefined = could not be listed. */
export interface Runtime {
  services: ReadonlyMap<string, ServiceState> | undefined;
  processes: ReadonlySet<string> | undefined;
}

/** How a product was found: its package, else a unit or a running program of it. */
export interface Presence {
  pkg?: SoftwareItem;
  source: string;
}

export function presence(
  product: AvProduct,
  byName: ReadonlyMap<string, SoftwareItem>,
  software: readonly SoftwareItem[],
  rt: Runtime,
): Presence | undefined {
  const pkg = findPackage(product, byName, software);
  if (pkg) return { pkg, source: packageSource(pkg) };
  const daemons = [product, ...(product.onAccess ? [product.onAccess] : [])];
  for (const d of daemons) {
    const unit = units(d, rt.services)[0];
    if (unit) return { source: `systemd:${unit[0]}` };
    const proc = runningProcess(d, rt.processes);
    if (proc) return { source: `process:${proc}` };
  }
  return undefined;
}

export interface DaemonState {
  /** `running` / `stopped`, or undefined when nothing tells. */
  state?: 'running' | 'stopped';
  /** Real-time protection: true on, false off, null not known. */
  enabled: boolean | null;
}

/**
 * What the product's daemons say about real-time protection:
 * - a listed unit active and running, or a listed program running → running;
 * - a listed unit present but not running (inactive, failed) → stopped;
 * - no unit, and the verified daemon program not among running programs → stopped;
 * - otherwise (no lists, or only guessed names) → not known.
 * Running means enabled only for products whose daemon is the protection; ClamAV
 * counts its on-access scanner (clamonacc): clamd alone scans only on request, so it
 * leaves enabled unknown, and nothing of ClamAV running means no protection (false).
 */
export function daemonState(product: AvProduct, rt: Runtime): DaemonState {
  const main = run(product, rt, product.namesVerified);
  if (product.onAccess) {
    const onAccess = run(product.onAccess, rt, product.namesVerified);
    if (onAccess === 'running') return { state: 'running', enabled: true };
    if (main === 'running') return { state: 'running', enabled: null };
    if (main === 'stopped') return { state: 'stopped', enabled: false };
    return { enabled: null };
  }
  if (main === 'running') return { state: 'running', enabled: product.daemonIsRealtime ? true : null };
  if (main === 'stopped') return { state: 'stopped', enabled: false };
  return { enabled: null };
}

function run(d: Daemon, rt: Runtime, verified: boolean): 'running' | 'stopped' | undefined {
  const found = units(d, rt.services);
  if (found.some(([, s]) => s.active === 'active' && s.sub === 'running') || runningProcess(d, rt.processes)) return 'running';
  if (found.length) return 'stopped';
  if (verified && d.processes.length && rt.processes) return 'stopped';
  return undefined;
}

function units(d: Daemon, services: ReadonlyMap<string, ServiceState> | undefined): Array<[string, ServiceState]> {
  if (!services) return [];
  return [...services].filter(([name]) => d.services.some((s) => (s.endsWith('@') ? name.startsWith(s) : name === s)));
}

/** ps prints at most 15 characters of a program's name (TASK_COMM_LEN). */
function runningProcess(d: Daemon, processes: ReadonlySet<string> | undefined): string | undefined {
  return processes ? d.processes.find((p) => processes.has(p.slice(0, 15))) : undefined;
}
