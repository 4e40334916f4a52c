import { readFile } from 'node:fs/promises';
import { ZhengbanError } from '@zhengban/shared';
import { ExecNotFoundError, run, type RunOptions, type RunResult } from '../exec/run.js';
import type { CommandSource, FileSource } from './sources/types.js';

/**
 * Everything a runner may do to the machine: run a command, read a file. Tests hand
 * the runners an Io that replays recorded outputs, so a whole scan of a Kylin or
 * Fedora machine can be exercised on any CI host.
 */
export interface Io {
  run(file: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** The file's text, or null when it does not exist. Other failures throw FileReadError. */
  readText(path: string): Promise<string | null>;
}

export class FileReadError extends ZhengbanError {
  constructor(readonly path: string, cause: unknown) {
    super('E_READ_FAILED', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
}

const ABSENT = new Set(['ENOENT', 'ENOTDIR']);

export const realIo: Io = {
  run,
  async readText(path) {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      if (ABSENT.has((err as NodeJS.ErrnoException).code ?? '')) return null;
      throw new FileReadError(path, err);
    }
  },
};

/** Like readText, but a file we may not read (root-only DMI serials) counts as absent too. */
export async function readIfPermitted(io: Io, path: string): Promise<string | null> {
  try {
    return await io.readText(path);
  } catch (err) {
    const code = ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EACCES' || code === 'EPERM') return null;
    throw err;
  }
}

/** Reads a table entry's file (sources/); null when it does not exist. */
export function readSource(io: Io, source: FileSource): Promise<string | null> {
  return io.readText(source.path);
}

/** Runs a table entry's command (sources/) exactly as listed, so a recording can answer it. */
export function runSource(io: Io, source: CommandSource, options?: RunOptions): Promise<RunResult> {
  return io.run(source.command, source.args, options);
}

/** A table command's output, or undefined when the program is not installed; other failures throw. */
export async function runIfInstalled(io: Io, source: CommandSource, options?: RunOptions): Promise<string | undefined> {
  try {
    return (await runSource(io, source, options)).stdout;
  } catch (err) {
    if (err instanceof ExecNotFoundError) return undefined;
    throw err;
  }
}
