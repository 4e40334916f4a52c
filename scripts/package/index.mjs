#!/usr/bin/env node
// `npm run package [-- --out DIR] [ID…]`: the packages of the agent (Linux and the
// Windows MSI) and the collector (after `npm run build`), into dist/packages/ by
// default, each printed with its size. IDs are those of targets.mjs (agent-deb-amd64, collector-tar-linux-x64 …);
// none means every one. See docs/packaging.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './stage.mjs';
import { TARGETS } from './targets.mjs';

/** Debian's tools that build the packages (rpmbuild: apt-get install rpm). */
const TOOLS = ['dpkg-deb', 'rpmbuild', 'readelf', 'xz', 'tar', 'npm'];

export function missingTools() {
  return TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

/** Builds the packages `ids` (default all) into `outDir`; resolves to [{ id, file, bytes }]. */
export async function buildPackages({ outDir = join(ROOT, 'dist', 'packages'), ids = [], log = () => {} } = {}) {
  const unknown = ids.filter((id) => !TARGETS.some((t) => t.id === id));
  if (unknown.length) throw new Error(`no package ${unknown.join(', ')}; known: ${TARGETS.map((t) => t.id).join(', ')}`);
  const chosen = TARGETS.filter((t) => !ids.length || ids.includes(t.id));
  const missing = chosen.some((t) => !t.windows) ? missingTools() : [];
  if (missing.length) throw new Error(`missing ${missing.join(', ')} (Debian: apt-get install rpm binutils xz-utils)`);
  mkdirSync(outDir, { recursive: true });
  const built = [];
  for (const target of chosen) {
    const started = Date.now();
    const file = await target.build(outDir);
    const bytes = statSync(file).size;
    built.push({ id: target.id, file, bytes });
    log(`${basename(file).padEnd(46)} ${(bytes / 1024 / 1024).toFixed(1).padStart(6)} MiB  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  return built;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  const outDir = at >= 0 ? resolve(args.splice(at, 2)[1] ?? '') : undefined;
  try {
    const built = await buildPackages({ outDir, ids: args, log: (line) => console.log(line) });
    console.log(`${built.length} packages in ${outDir ?? join(ROOT, 'dist', 'packages')}`);
  } catch (err) {
    console.error(`package: ${err.message}`);
    process.exit(1);
  }
}
