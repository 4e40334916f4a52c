import type { ObservedFile, ObservedRegistryValue, ObservedService, ObservedTask } from './schema/observations.js';
import type { SoftwareItem } from './schema/snapshot.js';

/**
 * One line of evidence per thing observed, worded the same by the agent (in its crack
 * indicators) and by the collector (in the findings its catalog makes from
 * observations), so a verdict can tell that two of them quote the same thing.
 */
export const evidence = {
  file: (f: ObservedFile): string =>
    `${f.kind} ${f.path}${f.size === undefined ? '' : ` (${f.size} bytes)`}${f.target ? ` -> ${f.target}` : ''}`,
  service: (s: ObservedService): string => `service ${s.name}${s.state ? ` (${s.state})` : ''}${s.path ? ` ${s.path}` : ''}`,
  task: (t: ObservedTask): string => `scheduled task ${t.path}${t.action ? ` runs ${t.action}` : ''}`,
  process: (name: string): string => `process ${name}`,
  registry: (r: ObservedRegistryValue): string => `registry ${r.key}\\${r.name} = ${r.value}`,
  uninstall: (s: Pick<SoftwareItem, 'name' | 'version' | 'publisher'>): string =>
    `Uninstall entry "${s.name}"${s.version ? ` ${s.version}` : ''}${s.publisher ? ` (publisher ${s.publisher})` : ''}`,
};
