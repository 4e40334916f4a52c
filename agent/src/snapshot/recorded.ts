import { readdir } from 'node:fs/promises';
import type { PlatformParts } from '../collectors/parts.js';

/**
 * `scan --from DIR`: which platform recorded the folder, by the files in it. Only
 * Windows recordings exist so far (inventory.json, `reg export` *.reg, wmic *.wmi);
 * Linux and macOS folders get their own line here when their recorded readers come.
 */
export interface RecordedParts {
  platform: NodeJS.Platform;
  parts: PlatformParts;
  /** When the recording was made, if it says. */
  collectedAt?: string;
}

export async function readRecorded(dir: string, now?: Date): Promise<RecordedParts> {
  const { RecordedInputError, readRecordedDir } = await import('../collectors/windows/recorded/read.js');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new RecordedInputError(`cannot read the recorded folder ${dir}: ${(err as Error).message}`, err);
  }
  if (!names.some((n) => /^inventory\.json$|\.(reg|wmi|txt)$/i.test(n))) {
    throw new RecordedInputError(`no recognisable recording in ${dir} (expected inventory.json, *.reg exports or wmic /format:list *.wmi files)`);
  }
  const inv = await readRecordedDir(dir);
  const { windowsFacts } = await import('../collectors/windows/index.js');
  const out: RecordedParts = { platform: 'win32', parts: windowsFacts(inv, now ? { now } : {}) };
  if (inv.collectedAt && !Number.isNaN(Date.parse(inv.collectedAt))) out.collectedAt = new Date(inv.collectedAt).toISOString();
  return out;
}
