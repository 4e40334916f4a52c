// Input: the inventory's lists of what runs and lies on the PC, e.g.
//   observed.services: [{ Name: 'Service KMSELDI', DisplayName: 'Service KMSELDI', State: 'Running', StartMode: 'Auto',
//                         PathName: '"C:\\Program Files\\KMSpico\\Service_KMS.exe"' }]
//   observed.tasks: [{ TaskPath: '\\', TaskName: 'AutoPico Daily Restart', Actions: ['"C:\\Program Files\\KMSpico\\AutoPico.exe" /silent'] }]
//   observed.processes: [{ Name: 'AutoPico.exe', ExecutablePath: 'C:\\Program Files\\KMSpico\\AutoPico.exe' }]
//   observed.folders: ['C:\\Program Files\\KMSpico', 'C:\\ProgramData\\Microsoft']
//   traces.files: [{ path: 'C:\\Windows\\SECOH-QAD.exe', size: 51712, target: null }, { path: 'C:\\Program Files\\KMSpico', size: null }]
//   licensing.kmsRegistry, traces.ifeo, traces.registry:
//     [{ key: 'HKEY_LOCAL_MACHINE\\…\\SoftwareProtectionPlatform', name: 'KeyManagementServiceName', value: '127.0.0.2' }]
import {
  Observations, ObservedFile, ObservedRegistryValue, ObservedService, ObservedTask,
} from '@zhengban/shared';
import { clean, clip } from '../text.js';
import type { FileTrace, RegistryValue, ScheduledTaskRow, ServiceRow, WindowsInventory } from './inventory.schema.js';

/**
 * Bounds read from the shared schema itself, so a list or string is never longer than
 * the collector accepts: one long service command line must not cost the snapshot.
 */
const bound = (schema: object, keyword: 'maxLength' | 'maxItems'): number => {
  // TypeBox's static types do not name the keywords; the schema objects carry them.
  const n = (schema as Record<string, unknown>)[keyword];
  return typeof n === 'number' ? n : Number.MAX_SAFE_INTEGER;
};
const len = (schema: object): number => bound(schema, 'maxLength');
const items = (schema: object): number => bound(schema, 'maxItems');
const SERVICE = ObservedService.properties;
const TASK = ObservedTask.properties;
const FILE = ObservedFile.properties;
const REGISTRY = ObservedRegistryValue.properties;
const LISTS = Observations.properties;
const PROCESS_NAME = len(LISTS.processes.items);

/**
 * A profile folder is named after its user: `C:\Users\zhangsan\AppData\…` (a per-user
 * updater task, a program run from Downloads). Observations never carry user names,
 * only SIDs, so the folder becomes `%USERNAME%`, as the fixture recorder writes it;
 * the shared profiles (Public, Default, All Users) stay as they are. The folder
 * itself (`C:\Users\zhangsan`, as ProfileList has it) is masked too.
 */
const PROFILE = /(\\(?:Users|Documents and Settings)\\)(?!(?:Public|Default|Default User|All Users)(?:\\|$))[^\\":]+(?=\\|:|$)/gim;
export const maskProfile = (path: string): string => path.replace(PROFILE, '$1%USERNAME%');

/** Windows' shared service host: its services are Windows' own, and hundreds. */
const SVCHOST = /\\svchost\.exe/i;
export const isSvchostHosted = (row: ServiceRow): boolean => SVCHOST.test(row.PathName ?? '');

/** One service as the snapshot reports it; undefined for a row without a name. */
export function observedService(row: ServiceRow): ObservedService | undefined {
  const name = clean(row.Name, len(SERVICE.name));
  if (!name) return undefined;
  const s: ObservedService = { name };
  const displayName = clean(row.DisplayName ?? undefined, len(SERVICE.displayName));
  if (displayName) s.displayName = displayName;
  const path = clean(maskProfile(row.PathName ?? ''), len(SERVICE.path));
  if (path) s.path = path;
  const state = clean(row.State ?? undefined, len(SERVICE.state));
  if (state) s.state = state;
  return s;
}

/** `\Folder\` + `Name`; the script's TaskPath ends with a backslash, a recorded one may not. */
export function observedTask(row: ScheduledTaskRow): ObservedTask | undefined {
  if (!row.TaskName) return undefined;
  const t: ObservedTask = { path: clip(maskProfile(`${row.TaskPath.replace(/\\?$/, '\\')}${row.TaskName}`), len(TASK.path)) };
  const action = clean(maskProfile((row.Actions ?? []).filter((a) => a.trim()).join('; ')), len(TASK.action));
  if (action) t.action = action;
  return t;
}

/** The script sets a size for every file it finds; a path without one is a folder. */
export function observedFile(f: FileTrace): ObservedFile {
  const isFile = f.size !== null && f.size !== undefined;
  const file: ObservedFile = { path: clip(maskProfile(f.path), len(FILE.path)), kind: isFile ? 'file' : 'folder' };
  if (typeof f.size === 'number' && Number.isSafeInteger(f.size) && f.size >= 0) file.size = f.size;
  const target = clean(maskProfile(f.target ?? ''), len(FILE.target));
  if (target) file.target = target;
  return file;
}

export const observedFolder = (path: string): ObservedFile => ({ path: clip(maskProfile(path), len(FILE.path)), kind: 'folder' });

/** A registry value as text: numbers in decimal, multi-strings joined with `; `, none as empty. */
export function registryText(value: RegistryValue['value']): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

export const observedRegistryValue = (v: RegistryValue): ObservedRegistryValue => ({
  key: clip(v.key, len(REGISTRY.key)),
  name: clip(v.name, len(REGISTRY.name)),
  value: clip(maskProfile(registryText(v.value)), len(REGISTRY.value)),
});

/**
 * Each kind as seen whole: the script's whole list (`observed`) first, then the filtered
 * one (`traces`), which is all an older script or a recording has and adds what the
 * whole list leaves out. Indicators and observations read the same rows.
 */
export const servicesSeen = (inv: WindowsInventory): ServiceRow[] => [...(inv.observed?.services ?? []), ...(inv.traces?.services ?? [])];
export const tasksSeen = (inv: WindowsInventory): ScheduledTaskRow[] => [...(inv.observed?.tasks ?? []), ...(inv.traces?.tasks ?? [])];
export const filesSeen = (inv: WindowsInventory): ObservedFile[] => [...(inv.traces?.files ?? []).map(observedFile), ...(inv.observed?.folders ?? []).map(observedFolder)];

/** Keeps the first of each key (case-insensitive: Windows names are), at most `max`. */
function distinct<T>(list: readonly T[], key: (t: T) => string, max: number): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const t of list) {
    const k = key(t).toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
    if (out.length >= max) break;
  }
  return out;
}

const defined = <T>(t: T | undefined): t is T => t !== undefined;
/** Code-unit order of the lower-cased names: the same on every host, whatever its locale. */
const byLowerCase = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * What runs and lies on the PC, as found: the collector's catalog decides which of it
 * an activator left. Whole and filtered lists together (see servicesSeen), and the
 * antivirus processes beside the processes; the filtered ones add what a whole list
 * leaves out, such as a task the script matched by name under `\Microsoft\`. Each
 * thing is listed once. Services hosted by svchost.exe are left out: they are Windows' own and would
 * crowd the list. Undefined when the inventory holds none of these lists, so a failed
 * script does not read as an empty PC.
 */
export function observationsFromInventory(inv: WindowsInventory): Observations | undefined {
  const o = inv.observed ?? undefined;
  const t = inv.traces ?? undefined;
  const sources = [
    o?.services, t?.services, o?.tasks, t?.tasks, o?.processes, inv.antivirus?.processes, t?.files, o?.folders,
    inv.licensing?.kmsRegistry, t?.ifeo, t?.registry,
  ];
  if (sources.every((list) => !list)) return undefined;

  const services = servicesSeen(inv).filter((s) => !isSvchostHosted(s));
  const processes = [...(o?.processes ?? []), ...(inv.antivirus?.processes ?? [])];
  const registry = [...(inv.licensing?.kmsRegistry ?? []), ...(t?.ifeo ?? []), ...(t?.registry ?? [])];
  // Sorted: Windows lists processes in start order, which differs from one scan to the next.
  const names = distinct(processes.map((p) => clean(p.Name, PROCESS_NAME)).filter(defined), (n) => n, Infinity)
    .sort(byLowerCase)
    .slice(0, items(LISTS.processes));
  return {
    services: distinct(services.map(observedService).filter(defined), (s) => s.name, items(LISTS.services)),
    tasks: distinct(tasksSeen(inv).map(observedTask).filter(defined), (x) => x.path, items(LISTS.tasks)),
    processes: names,
    files: distinct(filesSeen(inv), (f) => f.path, items(LISTS.files)),
    registry: distinct(registry.map(observedRegistryValue), (v) => `${v.key}\\${v.name}`, items(LISTS.registry)),
  };
}
