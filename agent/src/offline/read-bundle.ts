import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { forEachLine, parseEntry, parseManifest, type BundleEntry, type BundleManifest } from '@zhengban/shared';
import { BundleDamagedError, OfflineFileError } from './errors.js';

/** What a folder given to `bundle merge` contributes: bundles, compressed or not. */
const BUNDLE_NAME = /\.bundle(\.gz)?$/;

/** Files named on the command line, with folders opened one level for their bundles; the output is never an input. */
export async function bundleInputs(paths: readonly string[], out: string): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((err: unknown) => {
      throw new OfflineFileError(`cannot read ${path}: ${(err as Error).message}`, err);
    });
    if (!info.isDirectory()) files.push(resolve(path));
    else for (const name of (await readdir(path)).sort()) if (BUNDLE_NAME.test(name)) files.push(resolve(join(path, name)));
  }
  const unique = [...new Set(files)].filter((f) => f !== resolve(out));
  if (unique.length === 0) throw new OfflineFileError(`no bundles in ${paths.join(', ')} (a folder contributes its *.bundle and *.bundle.gz files)`);
  return unique;
}

/**
 * Reads a bundle whole, checking every line's shape and the lines against the
 * manifest's count and SHA-256; `onEntry` sees each entry line in order. Signatures are
 * the collector's to check: a relay has no keys.
 */
export async function readBundle(file: string, onEntry: (line: Buffer, entry: BundleEntry) => void | Promise<void>): Promise<BundleManifest> {
  let manifest: BundleManifest | undefined;
  const hash = createHash('sha256');
  let count = 0;
  try {
    await forEachLine(file, async (line, ref) => {
      if (ref.lineNo === 1) {
        manifest = parseManifest(line.toString('utf8'), file);
        return;
      }
      hash.update(line).update('\n');
      count++;
      await onEntry(line, parseEntry(line.toString('utf8'), `${file} line ${ref.lineNo}`));
    });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'E_BUNDLE_FORMAT' || (err as { code?: unknown }).code === 'E_SCHEMA' || (err as { code?: unknown }).code === 'E_JSON') {
      throw new BundleDamagedError(file, (err as Error).message);
    }
    throw new OfflineFileError(`cannot read ${file}: ${(err as Error).message}`, err);
  }
  if (!manifest) throw new BundleDamagedError(file, 'it is empty');
  if (count !== manifest.count) throw new BundleDamagedError(file, `its manifest counts ${manifest.count} entries, the file holds ${count}`);
  if (hash.digest('hex') !== manifest.sha256) throw new BundleDamagedError(file, 'its lines do not match the SHA-256 in its manifest');
  return manifest;
}
