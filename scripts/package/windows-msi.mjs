#!/usr/bin/env node
// Builds the Windows installer, zhengban-agent-<version>-x64.msi, on Linux with Debian's
// wixl (apt-get install wixl msitools): the agent bundle (npm run build first), its
// PowerShell inventory script and a Node.js runtime for Windows x64. What it installs and
// how an admin deploys it: docs/windows-install.md.
//
//   node scripts/package/windows-msi.mjs [OUT_DIR]      (default dist/packages)
//
// or `buildWindowsMsi({ outDir })` from the packaging step. Signed with the organisation's
// certificate when ZHENGBAN_SIGN_PFX (or _CERT and _KEY) is set (see windows-sign.mjs);
// unsigned otherwise, with a warning. The runtime is cached in
// node_modules/.cache/zhengban-runtimes (ZHENGBAN_RUNTIME_CACHE overrides).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHINESE_ENV, correctTables } from './windows-msi-tables.mjs';
import { fragment, stageFiles } from './windows-msi-stage.mjs';
import { NODE_WIN_X64, nodeWinX64 } from './windows-runtime.mjs';
import { signFiles, signingFromEnv } from './windows-sign.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOOLS = [
  ['wixl', 'wixl'], ['msibuild', 'msitools'], ['msiinfo', 'msitools'], ['tar', 'tar'],
];

export class PackageError extends Error {}

function requireTools() {
  const missing = TOOLS.filter(([tool]) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length) {
    const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
    throw new PackageError(`${missing.map(([t]) => t).join(', ')} not installed (Debian/Ubuntu: apt-get install ${packages})`);
  }
}

/** MSI product versions are major.minor.build, at most 255.255.65535. */
function msiVersion(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m || Number(m[1]) > 255 || Number(m[2]) > 255 || Number(m[3]) > 65535) {
    throw new PackageError(`version ${version} is not an MSI product version (major.minor.build, at most 255.255.65535)`);
  }
  return version;
}

/**
 * Builds the MSI into `outDir` and resolves with its path and size.
 * @param {{ outDir: string, root?: string, version?: string, nodeVersion?: string, cacheDir?: string,
 *   signing?: object | null, log?: (line: string) => void }} options
 */
export async function buildWindowsMsi({
  outDir, root = ROOT, version, nodeVersion = NODE_WIN_X64.version,
  cacheDir = process.env.ZHENGBAN_RUNTIME_CACHE ?? join(root, 'node_modules', '.cache', 'zhengban-runtimes'),
  signing = signingFromEnv(), log = (line) => process.stderr.write(`${line}\n`),
}) {
  requireTools();
  const bundle = join(root, 'agent', 'bundle', 'zhengban-agent.mjs');
  if (!existsSync(bundle)) throw new PackageError(`the agent bundle ${bundle} is missing: run npm run build first`);
  version = msiVersion(version ?? JSON.parse(readFileSync(join(root, 'agent', 'package.json'), 'utf8')).version);
  const runtime = nodeWinX64({ cacheDir, version: nodeVersion, log });

  const work = mkdtempSync(join(tmpdir(), 'zhengban-msi-'));
  try {
    const stage = join(work, 'stage');
    stageFiles(root, stage, runtime);
    if (signing) {
      for (const line of signFiles([join(stage, 'agent', 'resources', 'windows', 'inventory.ps1')], signing)) log(line);
    }
    const files = join(work, 'files.wxs');
    writeFileSync(files, fragment(stage).text);

    const name = `zhengban-agent-${version}-x64.msi`;
    const built = join(work, name);
    const wixl = spawnSync('wixl', ['-a', 'x64', '-o', built, '-D', `Version=${version}`, '-D', `NodeVersion=${runtime.version}`,
      join(root, 'packaging', 'windows', 'zhengban-agent.wxs'), files], { cwd: stage, encoding: 'utf8', env: CHINESE_ENV });
    if (wixl.status !== 0) throw new PackageError(`wixl failed: ${(wixl.stderr || wixl.error?.message || '').trim()}`);
    correctTables(built, work);

    if (signing) {
      for (const line of signFiles([built], signing)) log(line);
    } else {
      log('warning: the MSI and its inventory.ps1 are not signed (no certificate configured: set ZHENGBAN_SIGN_PFX, or ZHENGBAN_SIGN_CERT and ZHENGBAN_SIGN_KEY; see docs/windows-policy.md)');
    }

    mkdirSync(outDir, { recursive: true });
    const file = resolve(outDir, name);
    try {
      renameSync(built, file);
    } catch (e) {
      if (e.code !== 'EXDEV') throw e;
      copyFileSync(built, `${file}.tmp`); // another file system: copy, then rename into place
      renameSync(`${file}.tmp`, file);
    }
    return { file, size: statSync(file).size, version, nodeVersion: runtime.version, signed: Boolean(signing) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? 'dist/packages');
  try {
    const { file, size, nodeVersion, signed } = await buildWindowsMsi({ outDir });
    console.log(`${file} (${size} bytes, Node.js ${nodeVersion}, ${signed ? 'signed' : 'unsigned'})`);
  } catch (e) {
    // Every failure above says what to do in its message; the stack only with ZHENGBAN_DEBUG.
    process.stderr.write(`windows-msi: ${process.env.ZHENGBAN_DEBUG ? e.stack : e.message}\n`);
    process.exit(1);
  }
}
