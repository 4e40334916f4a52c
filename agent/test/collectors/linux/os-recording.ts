import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ExecFailedError, ExecNotFoundError } from '../../../src/exec/run.js';
import type { Io } from '../../../src/collectors/io.js';
import { replayIo } from '../../../src/collectors/replay/replay-io.js';
import { LINUX_SOURCES } from '../../../src/collectors/sources/index.js';
import { repoRoot } from '../fixtures.js';

/**
 * Test Io keyed by the sources table's recording names, so each dbus-send call gets
 * its own answer (fakeIo keys commands by program name, and every D-Bus question is
 * `dbus-send`). A name not listed is absent: a missing file, an uninstalled command.
 */
export type Recorded = string | Error | { exit: number; stderr: string };

export function recordedIo(recording: Record<string, Recorded>): Io & { calls: string[] } {
  const calls: string[] = [];
  const byPath = new Map<string, string>();
  const byCommand = new Map<string, string>();
  for (const s of LINUX_SOURCES) {
    if (s.kind === 'file') byPath.set(s.path, s.file);
    if (s.kind === 'command') byCommand.set(JSON.stringify([s.command, ...s.args]), s.file);
  }
  return {
    calls,
    async run(file, args) {
      const name = byCommand.get(JSON.stringify([file, ...args]));
      if (!name) throw new Error(`not in the sources table: ${file} ${args.join(' ')}`);
      calls.push(name);
      const answer = recording[name];
      if (answer === undefined) throw new ExecNotFoundError(file, Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' }));
      if (answer instanceof Error) throw answer;
      if (typeof answer === 'string') return { stdout: answer, stderr: '', exitCode: 0 };
      throw new ExecFailedError(file, answer.exit, answer.stderr, `exit code ${answer.exit}`, undefined);
    },
    async readText(path) {
      const name = byPath.get(path);
      const answer = name === undefined ? undefined : recording[name];
      if (answer instanceof Error) throw answer;
      return typeof answer === 'string' ? answer : null;
    },
  };
}

/** dbus-send's --print-reply text for the given value lines. */
export function reply(...values: string[]): string {
  return `method return time=1773108000.200000 sender=:1.41 -> destination=:1.212 serial=7 reply_serial=2\n${values.map((v) => `   ${v}\n`).join('')}`;
}

export const SERVICE_UNKNOWN = {
  exit: 1,
  stderr: 'Error org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.activation was not provided by any .service files\n',
};

export const CASES_DIR = resolve(repoRoot, 'test/fixtures/linux-cases');

/** A fixture case folder replayed through the real replay Io. */
export function caseIo(name: string): Io {
  const dir = resolve(CASES_DIR, name);
  return replayIo(dir, readdirSync(dir), LINUX_SOURCES);
}
