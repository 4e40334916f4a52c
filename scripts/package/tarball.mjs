// A .tar.xz of one folder (its name is the archive's top folder), files owned by root,
// in name order, compressed like the packages.
import { basename, dirname, join } from 'node:path';
import { normaliseModes, run, XZ_LEVEL, XZ_THREADS } from './stage.mjs';

export function buildTarball({ dir, outDir }) {
  normaliseModes(dir);
  const file = join(outDir, `${basename(dir)}.tar.xz`);
  run('tar', [
    '--owner=0', '--group=0', '--numeric-owner', '--sort=name',
    '-I', `xz -T${XZ_THREADS} -${XZ_LEVEL}`,
    '-C', dirname(dir), '-cf', file, basename(dir),
  ]);
  return file;
}
