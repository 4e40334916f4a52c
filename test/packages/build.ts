import { spawn, spawnSync, type SpawnOptions, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// What the packaging tests share: building packages with scripts/package (as
// `npm run package` does, into a folder of the test's own), running the tools that
// read them, and checking a unit file with systemd-analyze. Needs `npm run build`.

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Sh { status: number | null; stdout: string; stderr: string }

/** Runs a command to completion; never throws, so a test can say what failed. */
export function sh(command: string, args: string[], options: SpawnSyncOptions = {}): Sh {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: `${String(r.stderr ?? '')}${r.error ? r.error.message : ''}` };
}

/** The same without blocking this process: for a command that talks to a server the test runs. */
export function shAsync(command: string, args: string[], options: SpawnOptions = {}): Promise<Sh> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err) => resolve({ status: null, stdout, stderr: `${stderr}${err.message}` }));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** stdout of a command that must succeed. */
export function out(command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const r = sh(command, args, options);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Builds the packages `ids` into a fresh folder; returns that folder and the files by id. */
export function buildPackages(ids: string[]): { dir: string; files: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'zhengban-packages-'));
  const before = new Set<string>();
  const files: Record<string, string> = {};
  for (const id of ids) {
    const r = sh(process.execPath, [join(ROOT, 'scripts/package/index.mjs'), '--out', dir, id], { timeout: 300_000 });
    if (r.status !== 0) throw new Error(`building ${id} failed: ${r.stderr}${r.stdout}`);
    const made = readdirSync(dir).filter((f) => !before.has(f));
    if (made.length !== 1) throw new Error(`building ${id} made ${made.join(', ') || 'nothing'}`);
    files[id] = join(dir, made[0]!);
    before.add(made[0]!);
  }
  return { dir, files };
}

export interface Entry { mode: string; owner: string; path: string; target?: string }

/** `dpkg-deb -c`, `rpm -qlpv` and `tar -tvf` lines → entries (paths without a leading `.`). */
export function entries(listing: string): Entry[] {
  return listing.trim().split('\n').map((line) => {
    const dpkgOrTar = /^(\S{10})\s+(\S+\/\S+)\s+\d+\s+\S+\s+\S+\s+(.+?)(?: -> (.+))?$/.exec(line);
    const rpm = /^(\S{10})\s+\d+\s+(\S+)\s+(\S+)\s+\d+\s+\S+\s+\d+\s+\S+\s+(.+?)(?: -> (.+))?$/.exec(line);
    if (dpkgOrTar) return { mode: dpkgOrTar[1]!, owner: dpkgOrTar[2]!, path: dpkgOrTar[3]!.replace(/^\.\//, '/').replace(/\/$/, ''), ...(dpkgOrTar[4] ? { target: dpkgOrTar[4] } : {}) };
    if (rpm) return { mode: rpm[1]!, owner: `${rpm[2]}/${rpm[3]}`, path: rpm[4]!, ...(rpm[5] ? { target: rpm[5] } : {}) };
    throw new Error(`cannot read the listing line: ${line}`);
  });
}

/** The newest GLIBC_x.y that native binaries need. */
export function newestGlibc(...files: string[]): string | undefined {
  return [...out('readelf', ['-V', '--wide', ...files]).matchAll(/GLIBC_(\d+\.\d+)/g)]
    .map((m) => m[1]!).sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1);
}

/** The CPU an ELF file is built for, from its header's e_machine. */
export function elfMachine(file: string): string {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  if (header.readUInt32BE(0) !== 0x7f454c46) return 'not ELF';
  return ({ 0x3e: 'x86-64', 0xb7: 'aarch64', 0x102: 'loongarch' } as Record<number, string>)[header.readUInt16LE(18)] ?? 'other';
}

/**
 * `systemd-analyze verify` on a unit file of an unpacked package, its /opt paths pointed
 * into the folder the package was unpacked in (verify checks that every command exists,
 * and `--root` would hide the system's own targets from it). Returns what it printed.
 */
export function verifyUnit(unitFile: string, unpacked: string, prefix: string): Sh {
  const dir = join(unpacked, '.unit-check');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, basename(unitFile)), readFileSync(unitFile, 'utf8').replaceAll(prefix, join(unpacked, prefix)));
  return sh('systemd-analyze', ['verify', join(dir, basename(unitFile))]);
}
