import type { CollectionError } from '@zhengban/shared';
import { ExecFailedError, ExecNotFoundError, ExecTimeoutError } from '../../exec/run.js';
import { collectionError } from '../collection-error.js';
import { runSource, type Io } from '../io.js';
import type { CommandSource } from '../sources/types.js';
import { clip } from '../text.js';
import { parseDbusError, parseDbusReply, type DbusError, type DbusScalar } from './dbus.parse.js';

/**
 * One question to a service on the system D-Bus, asked with dbus-send. A licensing
 * daemon that hangs must not hold up the scan, so each call has a short limit; the
 * daemon's own D-Bus error (service not there, access denied) is an answer, not a
 * failure of the scan.
 */
export const DBUS_TIMEOUT_MS = 5_000;

export type DbusAnswer =
  | { kind: 'reply'; values: DbusScalar[] }
  /** The bus or the service answered with a D-Bus error. */
  | { kind: 'error'; error: DbusError }
  /** dbus-send is not installed. */
  | { kind: 'absent' }
  /** No usable answer: timeout, a crash, output we cannot read. `error` is set when the scan should list it. */
  | { kind: 'failed'; reason: string; raw?: string; error?: CollectionError };

export async function askDbus(io: Io, source: CommandSource): Promise<DbusAnswer> {
  const label = `dbus:${source.file}`;
  let stdout: string;
  try {
    ({ stdout } = await runSource(io, source, { timeoutMs: DBUS_TIMEOUT_MS }));
  } catch (err) {
    if (err instanceof ExecNotFoundError) return { kind: 'absent' };
    if (err instanceof ExecFailedError) {
      const said = parseDbusError(err.stderr);
      if (said) return { kind: 'error', error: said };
      return { kind: 'failed', reason: clip(err.message, 300), error: collectionError(label, err) };
    }
    if (err instanceof ExecTimeoutError) {
      return { kind: 'failed', reason: `no answer within ${DBUS_TIMEOUT_MS / 1000} s`, error: collectionError(label, err) };
    }
    return { kind: 'failed', reason: clip((err as Error).message ?? String(err), 300), error: collectionError(label, err) };
  }
  const reply = parseDbusReply(stdout);
  if (reply) return { kind: 'reply', values: reply.values };
  // Some dbus-send builds print the error on stdout; read it there too.
  const said = parseDbusError(stdout);
  if (said) return { kind: 'error', error: said };
  return { kind: 'failed', reason: 'the reply could not be read', raw: firstLine(stdout) };
}

/** The first non-empty line, clipped, for quoting an unreadable answer in details. */
export function firstLine(text: string): string {
  return clip(text.split(/\r?\n/).find((l) => l.trim())?.trim() ?? '', 200);
}

/** Plain words for an answer that carries no value, for an activation `reason`. */
export function describeFailure(answer: Exclude<DbusAnswer, { kind: 'reply' }>, service: string): string {
  switch (answer.kind) {
    case 'absent':
      return `dbus-send is not installed, so ${service} on the system D-Bus could not be asked`;
    case 'error':
      return clip(`${service} did not answer: ${answer.error.name}: ${answer.error.message}`, 400);
    case 'failed':
      return clip(`${service} gave no usable answer (${answer.reason})`, 400);
  }
}
