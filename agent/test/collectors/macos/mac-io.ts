import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExecFailedError, ExecNotFoundError, type RunResult } from '../../../src/exec/run.js';
import type { Io } from '../../../src/collectors/io.js';
import { MACOS } from '../../../src/collectors/sources/macos.js';
import type { CommandSource, FileSource } from '../../../src/collectors/sources/types.js';
import { repoRoot, type FakeAnswer } from '../fixtures.js';

export type MacosKey = keyof typeof MACOS;
/** An answer per sources-table entry: text (exit 0), a RunResult, or an Error to throw. */
export type MacAnswers = Partial<Record<MacosKey, FakeAnswer>>;

const sameArgs = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function commandKey(file: string, args: readonly string[]): MacosKey | undefined {
  return (Object.keys(MACOS) as MacosKey[]).find((k) => {
    const s = MACOS[k];
    return s.kind === 'command' && s.command === file && sameArgs(s.args, args);
  });
}

function fileKey(path: string): MacosKey | undefined {
  return (Object.keys(MACOS) as MacosKey[]).find((k) => MACOS[k].kind === 'file' && (MACOS[k] as FileSource).path === path);
}

const notFound = (file: string) => new ExecNotFoundError(file, Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' }));

/**
 * An Io that answers by sources-table entry, so the two `find` probes (same program)
 * can differ. A command asked with arguments not in the table throws: collectors must
 * run the table's entries exactly. `okExitCodes` are honoured as the real runner does.
 */
export function macIo(answers: MacAnswers): Io & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async run(file, args, options) {
      const key = commandKey(file, args);
      if (!key) throw new Error(`not in the sources table: ${file} ${args.join(' ')}`);
      calls.push(key);
      const answer = answers[key];
      if (answer === undefined) throw notFound(file);
      if (answer instanceof Error) throw answer;
      const r: RunResult = typeof answer === 'string' ? { stdout: answer, stderr: '', exitCode: 0 } : answer;
      if (r.exitCode !== 0 && !(options?.okExitCodes ?? []).includes(r.exitCode)) {
        throw new ExecFailedError(file, r.exitCode, r.stderr, `exit code ${r.exitCode}`, null);
      }
      return r;
    },
    async readText(path) {
      const key = fileKey(path);
      const answer = key ? answers[key] : undefined;
      if (answer instanceof Error) throw answer;
      return typeof answer === 'string' ? answer : answer?.stdout ?? null;
    },
  };
}

/** The answers recorded in a test/fixtures/macos/<case> folder, read the way the replay reads them. */
export function caseAnswers(name: string): MacAnswers {
  const dir = resolve(repoRoot, 'test/fixtures/macos', name);
  const read = (f: string) => (existsSync(resolve(dir, f)) ? readFileSync(resolve(dir, f), 'utf8') : undefined);
  const out: MacAnswers = {};
  for (const key of Object.keys(MACOS) as MacosKey[]) {
    const source: CommandSource | FileSource = MACOS[key];
    const stdout = read(source.file);
    if (stdout === undefined) continue;
    const exit = read(`${source.file}.exit`);
    out[key] = { stdout, stderr: read(`${source.file}.stderr`) ?? '', exitCode: exit ? Number(exit.trim()) : 0 };
  }
  return out;
}

export const MACOS_CASES = [
  'macos-14-sonoma-office-365',
  'macos-13-ventura-no-office',
  'macos-12-office-2021-volume',
  'macos-office-unlicensed',
  'macos-10.14-mojave-no-office',
] as const;
