import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Prefix of every temp file: readers skip it, cleaners may remove old ones. */
export const TEMP_PREFIX = '.tmp-';

/**
 * Write to a temp file in the same folder, fsync, then rename over the target: a
 * crash leaves either the old file or the new one, never half of one. The temp
 * file is created with `mode`, so a private key is never readable, even briefly.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `${TEMP_PREFIX}${basename(file)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  const fh = await open(tmp, 'wx', mode);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

/** Makes the rename itself durable on POSIX; Windows cannot open a folder, and needs not. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some file systems refuse fsync on a folder; the data file itself is already synced.
  }
}

export function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}
