import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExecFailedError, ExecNotFoundError, type RunOptions, type RunResult } from '../../exec/run.js';
import type { Io } from '../io.js';
import type { CommandSource, DirSource, FileSource, Source } from '../sources/types.js';
import { AmbiguousRecordingError, UnrecordedSourceError } from './errors.js';

/**
 * An Io that answers from a folder recorded on another machine, by the sources
 * table: the live collectors run unchanged against it, which is what makes
 * `scan --from DIR` and the fixture cases test the real code path. Conventions
 * (the recorder script writes them):
 *  - a file source whose recording is absent did not exist on the machine (null);
 *  - a command whose recording is absent was not installed (ExecNotFoundError);
 *  - `<file>.exit` holds a non-zero exit code, `<file>.stderr` what it printed there;
 *  - a folder source is one file of `grep . DIR/*` lines.
 */
export function replayIo(dir: string, names: readonly string[], sources: readonly Source[]): Io {
  const present = new Set(names);
  const files = new Map<string, FileSource>();
  const dirs: DirSource[] = [];
  const commands = new Map<string, CommandSource>();
  for (const s of sources) {
    if (s.kind === 'file') files.set(s.path, s);
    else if (s.kind === 'dir') dirs.push(s);
    else commands.set(commandKey(s.command, s.args), s);
  }
  const grepCache = new Map<string, Promise<Map<string, string> | null>>();

  /** The recording's file name for a source: its own name, else the one alias match. */
  function locate(source: FileSource | CommandSource): string | undefined {
    if (present.has(source.file)) return source.file;
    const alias = source.alias;
    if (!alias) return undefined;
    const hits = names.filter((n) => alias.test(n) && !/\.(exit|stderr)$/.test(n));
    if (hits.length > 1) throw new AmbiguousRecordingError(source.file, hits);
    return hits[0];
  }

  const read = (name: string) => readFile(join(dir, name), 'utf8');

  async function readGrep(source: DirSource): Promise<Map<string, string> | null> {
    if (!present.has(source.file)) return null;
    const values = new Map<string, string>();
    for (const line of (await read(source.file)).split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const path = line.slice(0, colon);
      const prior = values.get(path);
      values.set(path, prior === undefined ? line.slice(colon + 1) : `${prior}\n${line.slice(colon + 1)}`);
    }
    return values;
  }

  return {
    async readText(path) {
      const file = files.get(path);
      if (file) {
        const name = locate(file);
        return name === undefined ? null : read(name);
      }
      const folder = dirs.find((d) => path.startsWith(`${d.dir}/`));
      if (folder) {
        let cached = grepCache.get(folder.file);
        if (!cached) grepCache.set(folder.file, (cached = readGrep(folder)));
        const value = (await cached)?.get(path);
        return value === undefined ? null : `${value}\n`;
      }
      throw new UnrecordedSourceError(`the file ${path}`);
    },

    async run(file, args, options: RunOptions = {}): Promise<RunResult> {
      const source = commands.get(commandKey(file, args));
      if (!source) throw new UnrecordedSourceError(`the command ${[file, ...args].join(' ')}`);
      const name = locate(source);
      if (name === undefined) {
        throw new ExecNotFoundError(file, Object.assign(new Error(`${source.file} not in the recording`), { code: 'ENOENT' }));
      }
      const stdout = await read(name);
      const exitCode = present.has(`${name}.exit`) ? Number.parseInt((await read(`${name}.exit`)).trim(), 10) : 0;
      const stderr = present.has(`${name}.stderr`) ? await read(`${name}.stderr`) : '';
      if (!Number.isInteger(exitCode)) throw new ExecFailedError(file, null, stderr, `unreadable exit code in ${name}.exit`, undefined);
      if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) {
        throw new ExecFailedError(file, exitCode, stderr, `exit code ${exitCode}`, undefined);
      }
      return { stdout, stderr, exitCode };
    },
  };
}

function commandKey(command: string, args: readonly string[]): string {
  return JSON.stringify([command, ...args]);
}
