// Shared by the package builders: where things are, staging a file tree (the
// package's files as they will lie on the target, under a temporary root), templates,
// and running the packaging tools.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, lstatSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PACKAGING = join(ROOT, 'packaging');
/** Runtimes fetched from the npm registry stay here between runs (gitignored with node_modules). */
export const CACHE = join(ROOT, 'node_modules', '.cache', 'zhengban-packages');

/**
 * xz level of every package. At level 1 dpkg-deb packs the amd64 agent (a 100 MB Node
 * runtime) in ~4 s into 27.3 MiB; at level 6 in ~24 s into 23.3 MiB. Six packages carry
 * a runtime, so 6 costs two more minutes a build (and a test run) for 15 % less to
 * copy; ZHENGBAN_XZ_LEVEL=6 npm run package makes a release that way.
 */
export const XZ_LEVEL = Number(process.env.ZHENGBAN_XZ_LEVEL ?? 1);
export const XZ_THREADS = 2;

export const MAINTAINER = 'zhengban maintainers <zhengban@localhost>';

export function version(workspace) {
  return JSON.parse(readFileSync(join(ROOT, workspace, 'package.json'), 'utf8')).version;
}

/** A fresh, empty staging root. */
export function tempRoot(prefix) {
  return mkdtempSync(join(tmpdir(), `zhengban-${prefix}-`));
}

/** Writes text (or copies a file) to `root/dest`, creating its folders, with `mode`. */
export function put(root, dest, { text, from, mode = 0o644 }) {
  const target = join(root, dest);
  mkdirSync(dirname(target), { recursive: true });
  if (from !== undefined) cpSync(from, target);
  else writeFileSync(target, text);
  chmodSync(target, mode);
  return target;
}

/** A file from packaging/, as is. */
export function template(path) {
  return readFileSync(join(PACKAGING, path), 'utf8');
}

/** A packaging/ template with every `@NAME@` replaced; a name without a value is an error. */
export function render(path, values) {
  return template(path).replace(/@([A-Z_]+)@/g, (all, name) => {
    if (!(name in values)) throw new Error(`${path}: no value for ${all}`);
    return String(values[name]);
  });
}

export function link(root, dest, target) {
  mkdirSync(dirname(join(root, dest)), { recursive: true });
  symlinkSync(target, join(root, dest));
}

/** Copies a folder; `skip(relativePath)` leaves files and folders out. */
export function copyTree(from, to, skip = () => false) {
  cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: (src) => !skip(src.slice(from.length + 1)) });
}

/** Folders 0755, files keep their x bit (0755) or not (0644): what a package should carry. */
export function normaliseModes(dir) {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isSymbolicLink()) continue;
    if (st.isDirectory()) normaliseModes(path);
    else chmodSync(path, st.mode & 0o111 ? 0o755 : 0o644);
  }
}

/** Size of a tree in KiB, as dpkg counts Installed-Size (per file, rounded up). */
export function sizeKiB(dir) {
  let kib = 0;
  for (const name of readdirSync(dir)) {
    const st = lstatSync(join(dir, name));
    kib += st.isDirectory() ? sizeKiB(join(dir, name)) + 1 : Math.ceil(st.size / 1024);
  }
  return kib;
}

/** Runs a tool to completion; a failure throws with what it printed. */
export function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw new Error(`${command}: ${r.error.message}`, { cause: r.error });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stderr}${r.stdout}`);
  return r.stdout;
}
