import type { Snapshot } from '@zhengban/shared';

/** Where a command writes: the CLI passes stdout/stderr, tests collect lines. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export function memoryIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => void stdout.push(l), err: (l) => void stderr.push(l) };
}

/** The snapshot builder's signature; injected so tests need no real machine scan. */
export type BuildSnapshot = (opts: {
  agentId: string | null;
  seq: number;
  now?: Date;
  /** `scan --from DIR`: a recorded folder instead of this machine. */
  from?: string;
  windows?: { systemRoot?: string };
}) => Promise<Snapshot>;

export type WindowsOptions = NonNullable<Parameters<BuildSnapshot>[0]['windows']>;

/**
 * The real builder, loaded only when a command needs it, with the Windows options the
 * CLI read from the environment (cli.ts is the only reader of process.env).
 */
export async function liveBuilder(injected: BuildSnapshot | undefined, windows: WindowsOptions | undefined): Promise<BuildSnapshot> {
  const base = injected ?? (await import('../snapshot/build.js')).buildSnapshot;
  return windows ? (opts) => base({ ...opts, windows }) : base;
}
