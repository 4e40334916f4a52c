// The Node.js runtime a package carries, from the npm registry's `node-linux-<cpu>`
// packages (the official builds: bin/node, LICENSE, headers, docs).
//
// Fetched with `npm pack` at build time rather than declared as devDependencies:
// `npm ci` would then download ~85 MB for every clone, CI run and developer whether
// they package or not, `npm ci` on one CPU would refuse the other CPU's package, and
// its `bin: node` would put a second node first on the PATH of every npm script. The
// version and the tarball's integrity are pinned here instead of in the lockfile;
// only bin/node and LICENSE are kept, in a cache folder, so a second build reads
// nothing from the network.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, run, tempRoot } from './stage.mjs';

/**
 * The agent supports Node 20.11+ (package.json engines); the newest 20.x is 20.20.2.
 * Integrity: `npm view node-linux-<cpu>@<version> dist.integrity`.
 */
export const NODE_VERSION = '20.20.2';
const INTEGRITY = {
  x64: 'sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ==',
  arm64: 'sha512-LCXJnNTFiyGuYBw2gZSI5OBFMbkjAPt8sqD/NKrWoE2QmDgSubTqFng6GaNJ9EJ8HpxBMGcWWpbbcs4Vo+CnGg==',
};

/** A folder holding bin/node and LICENSE of the runtime for `cpu` (x64, arm64). */
export function nodeRuntime(cpu) {
  const integrity = INTEGRITY[cpu];
  if (!integrity) throw new Error(`no Node.js runtime is pinned for ${cpu}`);
  const dir = join(CACHE, 'runtimes', `node-linux-${cpu}-${NODE_VERSION}`);
  if (existsSync(join(dir, 'bin', 'node'))) return dir;

  const work = tempRoot(`node-${cpu}`);
  try {
    const [packed] = JSON.parse(run('npm', ['pack', `node-linux-${cpu}@${NODE_VERSION}`, '--json', '--silent', '--pack-destination', work], { cwd: work }));
    if (packed?.integrity !== integrity) {
      throw new Error(`node-linux-${cpu}@${NODE_VERSION} has integrity ${packed?.integrity}, not the pinned ${integrity}`);
    }
    run('tar', ['-xzf', join(work, packed.filename), '-C', work, 'package/bin/node', 'package/LICENSE']);
    mkdirSync(join(CACHE, 'runtimes'), { recursive: true });
    try {
      renameSync(join(work, 'package'), dir);
    } catch (err) {
      // Another build put it there meanwhile: theirs is as good as ours.
      if (!existsSync(join(dir, 'bin', 'node'))) throw err;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}
