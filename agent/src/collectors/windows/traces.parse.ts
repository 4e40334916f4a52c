// Input: the inventory's traces, observed lists and KMS settings, e.g.
//   traces.files: [{ path: 'C:\\Windows\\System32\\SppExtComObjHook.dll', size: 97280, target: null }]
//   traces.ifeo: [{ key: 'HKEY_LOCAL_MACHINE\\…\\Image File Execution Options\\SppExtComObj.exe', name: 'VerifierDlls', value: 'SppExtComObjHook.dll' }]
//   observed.services: [{ Name: 'Service KMSELDI', State: 'Running', PathName: 'C:\\Program Files\\KMSpico\\Service_KMS.exe' }]
//   observed.tasks: [{ TaskPath: '\\', TaskName: 'AutoPico Daily Restart', Actions: ['"C:\\Program Files\\KMSpico\\AutoPico.exe" /silent'] }]
//   observed.folders: ['C:\\Program Files\\KMSpico']
//   licensing.kmsRegistry: [{ key: 'HKEY_LOCAL_MACHINE\\…\\SoftwareProtectionPlatform', name: 'KeyManagementServiceName', value: '127.0.0.2' }]
//   licensing.products: [{ ApplicationID: '55c92734-…', ProductKeyChannel: 'Volume:GVLK', GracePeriodRemaining: 2147483647 }]
import { evidence, type Indicator, type ObservedFile } from '@zhengban/shared';
import { clip } from '../text.js';
import type { ScheduledTaskRow, ServiceRow, WindowsInventory } from './inventory.schema.js';
import { KMS_MAX_LEASE_MINUTES, WINDOWS_APP_ID } from './licensing.data.js';
import { appOfKey, isKmsClient, keyed } from './licensing.parse.js';
import { filesSeen, observedRegistryValue, observedService, observedTask, servicesSeen, tasksSeen } from './observations.parse.js';
import {
  ACTIVATOR_DEFAULT_HOSTS, ACTIVATOR_SERVICE_BINARIES, ACTIVATOR_SERVICES, FILE_RULES, IFEO_DEBUGGER, IFEO_VALUES, OHOOK_HEARTBEAT,
  OSPPC_MAX_HOOK_BYTES, PUBLIC_KMS_HOSTS, TASK_RULES,
} from './traces.data.js';

type Category = 'os' | 'office';

/** Collects evidence per kind + category, so each trace is one indicator listing all it rests on. */
class Found {
  private readonly byKey = new Map<string, Indicator>();
  add(kind: string, category: Category, description: string, evidence: string): void {
    const key = `${kind}|${category}`;
    const ind = this.byKey.get(key) ?? { kind, category, description: clip(description, 500), evidence: [] };
    this.byKey.set(key, ind);
    const e = clip(evidence, 1000);
    if (!ind.evidence.includes(e) && ind.evidence.length < 50) ind.evidence.push(e);
  }
  list(): Indicator[] {
    return [...this.byKey.values()];
  }
}

/**
 * Which KMS host values are traces: loopback (KMS38 lock, local emulators), the
 * activators' default addresses and the known public hosts. Any other host, the
 * organisation's own included, is left to the collector's trusted list.
 */
export function kmsHostKind(host: string): { kind: string; what: string } | undefined {
  const h = host.trim().toLowerCase().replace(/:\d+$/, '');
  if (/^127\./.test(h) || h === 'localhost' || h === '::1' || h === '[::1]') return { kind: 'kms-host-loopback', what: 'a loopback KMS host: a KMS emulator on this PC or the KMS38 lock' };
  const dflt = ACTIVATOR_DEFAULT_HOSTS[h];
  if (dflt) return { kind: 'kms-host-activator-default', what: `the KMS host address written by ${dflt}` };
  if (PUBLIC_KMS_HOSTS.includes(h)) return { kind: 'kms-host-public', what: `a public KMS host that activates anyone without a licence (${h})` };
  return undefined;
}

/** The program a service runs, lower-case: `"C:\…\KMS Server Service.exe" -x` → `kms server service.exe`. */
export function imageName(pathName: string | null | undefined): string {
  const p = (pathName ?? '').trim();
  const program = /^"([^"]*)"/.exec(p)?.[1] ?? /^(.*?\.exe)(?=\s|$)/i.exec(p)?.[1] ?? p.split(/\s/)[0] ?? '';
  return program.split(/[\\/]/).pop()?.toLowerCase() ?? '';
}

/**
 * Crack-activator indicators. Evidence lines are worded by the shared `evidence`
 * functions from the same observation objects the snapshot reports, so the collector
 * can tell that an indicator and its own catalog finding quote the same thing.
 */
export function tracesFromInventory(inv: WindowsInventory): Indicator[] {
  const found = new Found();
  const t = inv.traces;
  kmsHostTraces(inv, found);
  // A row in both the whole and the filtered list gives the same evidence line, which Found keeps once.
  for (const f of filesSeen(inv)) fileTraces(f, found);
  for (const row of tasksSeen(inv)) taskTraces(row, found);
  for (const row of servicesSeen(inv)) serviceTraces(row, found);
  for (const v of t?.ifeo ?? []) {
    const line = evidence.registry(observedRegistryValue(v));
    if (IFEO_VALUES.test(v.name)) found.add('kms-vl-all-ifeo', 'os', 'KMS_VL_ALL: Image File Execution Options load its KMS hook into the licensing service', line);
    if (IFEO_DEBUGGER.test(v.name) && typeof v.value === 'string' && v.value.trim()) {
      found.add('ifeo-debugger', 'os', 'Image File Execution Options start a KMS hook in place of a licensing process (KMSpico, KMSAuto, Microsoft Toolkit)', line);
    }
  }
  for (const v of t?.registry ?? []) {
    if (/^TimeOfLastHeartbeatFailure$/i.test(v.name) && typeof v.value === 'string' && OHOOK_HEARTBEAT.test(v.value)) {
      found.add('ohook-heartbeat', 'office', 'Ohook: the Office licensing heartbeat is set to 2040 to silence licence checks', evidence.registry(observedRegistryValue(v)));
    }
  }
  return found.list();
}

/** KMS hosts in the registry and the licensing rows, and KMS38's lease beyond 180 days. */
function kmsHostTraces(inv: WindowsInventory, found: Found): void {
  const host = (value: unknown, category: Category, line: string) => {
    if (typeof value !== 'string' || !value.trim()) return;
    const k = kmsHostKind(value);
    if (k) found.add(k.kind, category, `KMS activation against ${k.what}`, line);
  };
  for (const v of inv.licensing?.kmsRegistry ?? []) host(v.value, appOfKey(v.key), evidence.registry(observedRegistryValue(v)));
  const rows = [...keyed(inv.licensing?.products), ...keyed(inv.licensing?.osppProducts)];
  for (const r of rows) {
    const category: Category = r.ApplicationID?.toLowerCase() === WINDOWS_APP_ID ? 'os' : 'office';
    const label = `licence "${r.Name ?? r.LicenseFamily ?? r.ID}"`;
    for (const field of ['KeyManagementServiceMachine', 'DiscoveredKeyManagementServiceMachineName', 'DiscoveredKeyManagementServiceMachineIpAddress'] as const) {
      host(r[field], category, `${label} ${field} = ${r[field]}`);
    }
    const grace = r.GracePeriodRemaining;
    if (category === 'os' && isKmsClient(r) && r.LicenseStatus === 1 && typeof grace === 'number' && grace > KMS_MAX_LEASE_MINUTES) {
      found.add('kms38-grace', 'os', 'KMS38/KMS4k: a KMS client licence valid far beyond the 180 days a real KMS host grants',
        `${label} GracePeriodRemaining = ${grace} minutes (${Math.round(grace / 1440)} days; a KMS lease is at most 180 days)`);
    }
  }
}

function fileTraces(f: ObservedFile, found: Found): void {
  const line = evidence.file(f);
  for (const rule of FILE_RULES) if (rule.test.test(f.path)) found.add(rule.kind, rule.category, rule.description, line);
  if (f.kind === 'file' && /\\OSPPC\.DLL$/i.test(f.path) && f.size !== undefined && f.size < OSPPC_MAX_HOOK_BYTES) {
    found.add('ohook-sppc', 'office', 'Ohook: a stand-in OSPPC.DLL that makes Office 2010 believe it is activated', line);
  }
}

function taskTraces(row: ScheduledTaskRow, found: Found): void {
  const task = observedTask(row);
  if (!task) return;
  const line = evidence.task(task);
  for (const rule of TASK_RULES) {
    if (rule.test.test(task.path) || (rule.action && task.action && rule.action.test(task.action))) found.add(rule.kind, rule.category, rule.description, line);
  }
}

function serviceTraces(row: ServiceRow, found: Found): void {
  const service = observedService(row);
  if (!service) return;
  const who = ACTIVATOR_SERVICES[service.name.toLowerCase()] ?? ACTIVATOR_SERVICE_BINARIES[imageName(row.PathName)];
  if (who) found.add('activator-service', 'os', `a service of ${who}`, evidence.service(service));
}
