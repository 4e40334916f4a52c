import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ZhengbanError } from '@zhengban/shared';

/** The kit folder cannot take the files (not writable, or already a kit's). */
export class KitFolderError extends ZhengbanError {
  constructor(message: string, cause?: unknown) {
    super('E_KIT_FOLDER', message, { status: 400, cause });
  }
}

export const KIT_JSON = 'kit.json';
export const INSPECTOR_KEY = 'inspector.key';
export const JUDGE_MJS = 'judge.mjs';

export type KitFileSource = { name: string; mode: number } & ({ text: string } | { from: string });

/** The folder exists and takes a file, and holds no kit yet: checked before an inspector is registered. */
export async function checkKitFolder(dir: string): Promise<void> {
  for (const name of [KIT_JSON, INSPECTOR_KEY]) {
    if (existsSync(join(dir, name))) throw new KitFolderError(`${dir} already holds a kit (${name}): give an unpacked kit folder that has none, or an empty folder`);
  }
  const probe = join(dir, `.probe-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dir, { recursive: true });
    await (await open(probe, 'wx', 0o600)).close();
  } catch (err) {
    throw new KitFolderError(`cannot write into ${dir}: ${(err as Error).message}`, err);
  } finally {
    // Where the folder could not be made, there is no probe to remove either.
    await rm(probe, { force: true }).catch(() => {});
  }
}

/**
 * Writes the files whole or not at all: each to a temporary name, flushed (a stick may be
 * pulled out right after), then all renamed. A failure removes what this call wrote.
 */
export async function writeKitFiles(dir: string, files: readonly KitFileSource[]): Promise<string[]> {
  const tag = randomBytes(4).toString('hex');
  const temps = files.map((f) => ({ f, tmp: join(dir, `.${f.name}.${tag}.tmp`), target: join(dir, f.name) }));
  const placed: string[] = [];
  try {
    for (const { f, tmp } of temps) {
      if ('from' in f) await copyFile(f.from, tmp);
      const fh = await open(tmp, 'from' in f ? 'r+' : 'wx', f.mode);
      try {
        if ('text' in f) await fh.writeFile(f.text);
        await fh.chmod(f.mode);
        await fh.sync();
      } finally {
        await fh.close();
      }
    }
    for (const { tmp, target } of temps) {
      await rename(tmp, target);
      placed.push(target);
    }
    return placed;
  } catch (err) {
    await Promise.all([...temps.map((t) => rm(t.tmp, { force: true })), ...placed.map((p) => rm(p, { force: true }))]);
    throw new KitFolderError(`cannot write the kit into ${dir}: ${(err as Error).message}`, err);
  }
}
