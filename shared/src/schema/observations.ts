import { Type, type Static } from 'typebox';
import { Closed, OptText, Text } from './text.js';

/**
 * What an activator may leave besides an Uninstall entry, reported as found so the
 * collector's catalog decides what it means: adding an activator to the catalog then
 * judges every stored machine again, with no new agent. Windows agents send it
 * (snapshot format 2); the lists hold what the agent looked at, not only suspects.
 */
export const ObservedService = Closed({
  name: Text(256),
  displayName: OptText(256),
  /** The service's command line (Win32_Service.PathName). */
  path: OptText(1000),
  /** `Running`, `Stopped` … as Windows says. */
  state: OptText(50),
});
export type ObservedService = Static<typeof ObservedService>;

export const ObservedTask = Closed({
  /** Folder and name: `\Microsoft\Windows\SoftwareProtectionPlatform\SvcTrigger`. */
  path: Text(1000),
  /** What it runs: its actions' command lines, joined with `; `. */
  action: OptText(1000),
});
export type ObservedTask = Static<typeof ObservedTask>;

export const ObservedFile = Closed({
  path: Text(1000),
  kind: Type.Union([Type.Literal('file'), Type.Literal('folder')]),
  size: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  /** Where a symbolic link points (Ohook's sppcs.dll). */
  target: OptText(1000),
});
export type ObservedFile = Static<typeof ObservedFile>;

/** A registry value as text: numbers in decimal, multi-strings joined with `; `. */
export const ObservedRegistryValue = Closed({
  key: Text(1000),
  name: Text(256),
  value: Text(1000),
});
export type ObservedRegistryValue = Static<typeof ObservedRegistryValue>;

export const Observations = Closed({
  /** Services that are not hosted by svchost.exe (Windows' own shared service host). */
  services: Type.Array(ObservedService, { maxItems: 2000 }),
  /** Scheduled tasks outside `\Microsoft\`, plus the Software Protection ones activators imitate. */
  tasks: Type.Array(ObservedTask, { maxItems: 2000 }),
  /** Names of the running processes, once each. */
  processes: Type.Array(Text(260), { maxItems: 2000 }),
  /** Files and folders found: the top folders of Program Files and ProgramData, and the paths activators are known to use. */
  files: Type.Array(ObservedFile, { maxItems: 2000 }),
  /** KMS settings of the licensing services, Image File Execution Options of the licensing processes, and the values activators write. */
  registry: Type.Array(ObservedRegistryValue, { maxItems: 1000 }),
});
export type Observations = Static<typeof Observations>;
