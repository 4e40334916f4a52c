import { open, readFile, rm, stat } from 'node:fs/promises';
import { ZhengbanError } from '@zhengban/shared';

/** Another process (a manual `report` beside the daemon) holds the state lock. */
export class BusyError extends ZhengbanError {
  constructor(pid: number, file: string) {
    super('E_BUSY', `another report is running (pid ${pid}, lock ${file})`);
  }
}

/**
 * A pid lock file, so two processes never take the same seq or drain the spool
 * twice. A lock left by a dead process (crash, power cut) is taken over.
 */
export async function acquireLock(file: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, 'wx', 0o644);
      try {
        await fh.writeFile(String(process.pid));
      } finally {
        await fh.close();
      }
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid > 0) {
      if (pid !== process.pid && isAlive(pid)) throw new BusyError(pid, file);
    } else if (await isFresh(file)) {
      // Created but its pid not written yet: the owner is alive and a moment ahead of us.
      throw new BusyError(0, file);
    }
    await rm(file, { force: true });
  }
  throw new BusyError(0, file);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isFresh(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs < 10_000;
}
