import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { ExecNotFoundError, type RunResult } from '../../src/exec/run.js';
import type { Io } from '../../src/collectors/io.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root (/work/main in development). */
export const repoRoot = resolve(here, '../../..');

/** Our recorded fixtures: test/fixtures/linux/<source>/<case>. */
export function linuxFixture(source: string, name: string): string {
  return readFileSync(resolve(repoRoot, 'test/fixtures/linux', source, name), 'utf8');
}

/** GLPI Agent's real recordings, read in place beside the project (../shared/fixtures/real). */
export function glpiFixture(path: string): string {
  return readFileSync(resolve(repoRoot, '../shared/fixtures/real/glpi-agent', path), 'utf8');
}

/** Compares a value with its golden JSON file under agent/test/golden (written on first run). */
export async function expectGolden(value: unknown, name: string): Promise<void> {
  await expect(`${JSON.stringify(value, null, 2)}\n`).toMatchFileSnapshot(resolve(here, '../golden', name));
}

export async function expectGoldenText(text: string, name: string): Promise<void> {
  await expect(text).toMatchFileSnapshot(resolve(here, '../golden', name));
}

export type FakeAnswer = string | Error | RunResult;

/**
 * An Io that replays recordings: files by path, commands by program name. A file
 * not listed does not exist; a command not listed is not installed.
 */
export function fakeIo(files: Record<string, string>, commands: Record<string, FakeAnswer> = {}): Io & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async run(file, args) {
      calls.push([file, ...args].join(' '));
      const answer = commands[file];
      if (answer === undefined) throw new ExecNotFoundError(file, Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' }));
      if (answer instanceof Error) throw answer;
      return typeof answer === 'string' ? { stdout: answer, stderr: '', exitCode: 0 } : answer;
    },
    async readText(path) {
      return files[path] ?? null;
    },
  };
}
