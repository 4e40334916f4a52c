/**
 * A source is one thing a collector reads from the machine: a file, a folder of small
 * files, or a command's output. Each has the file name a recording stores it under,
 * so the live collectors, `scripts/record-linux-fixture.sh` and `scan --from DIR`
 * (the replay Io) agree on one table. Collectors read through `readSource` /
 * `runSource` (io.ts) with these entries, never with their own paths or arguments.
 */

export interface FileSource {
  kind: 'file';
  /** File name inside a recorded folder. */
  file: string;
  /** Absolute path on the live machine. */
  path: string;
  /** Looser names real recordings use (GLPI's `os-release-centos-7.9`); matched when `file` is absent. */
  alias?: RegExp;
}

/** Small files under one folder, recorded together as `grep . DIR/*` lines (`DIR/name:value`). */
export interface DirSource {
  kind: 'dir';
  file: string;
  dir: string;
}

export interface CommandSource {
  kind: 'command';
  file: string;
  command: string;
  args: readonly string[];
  alias?: RegExp;
}

export type Source = FileSource | DirSource | CommandSource;

export function fileSource(file: string, path: string, alias?: RegExp): FileSource {
  return alias ? { kind: 'file', file, path, alias } : { kind: 'file', file, path };
}

export function dirSource(file: string, dir: string): DirSource {
  return { kind: 'dir', file, dir };
}

export function commandSource(file: string, command: string, args: readonly string[], alias?: RegExp): CommandSource {
  return alias ? { kind: 'command', file, command, args, alias } : { kind: 'command', file, command, args };
}
