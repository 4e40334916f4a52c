import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlatformParts } from '../collectors/parts.js';
import { detectPlatform, MANIFEST, parseManifest, type Manifest } from '../collectors/replay/detect.js';
import { RecordedInputError } from '../collectors/replay/errors.js';

/**
 * `scan --from DIR`: builds the parts from a folder recorded on another machine.
 * Windows folders go through the Windows inventory readers; Linux and macOS folders
 * through the live collectors themselves, answered by a replay Io (replay/replay-io.ts).
 */
export interface RecordedParts {
  platform: NodeJS.Platform;
  parts: PlatformParts;
  /** When the recording was made, if it says. */
  collectedAt?: string;
}

export async function readRecorded(dir: string, now?: Date): Promise<RecordedParts> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (err) {
    throw new RecordedInputError(`cannot read the recorded folder ${dir}: ${(err as Error).message}`, err);
  }
  const manifest: Manifest = names.includes(MANIFEST) ? parseManifest(await readFile(join(dir, MANIFEST), 'utf8')) : {};
  const platform = detectPlatform(dir, names, manifest);
  if (platform === 'win32') return readWindows(dir, now);

  const { replayIo } = await import('../collectors/replay/replay-io.js');
  const { recordedHost } = await import('../collectors/replay/host.js');
  const { LINUX_SOURCES, MACOS_SOURCES } = await import('../collectors/sources/index.js');
  const io = replayIo(dir, names, platform === 'linux' ? LINUX_SOURCES : MACOS_SOURCES);
  const host = await recordedHost(io, platform);
  // Facts are as of the recording: a trial's days left count from when it was made.
  const at = manifest.recordedAt ? new Date(manifest.recordedAt) : (now ?? new Date());
  let parts: PlatformParts;
  if (platform === 'linux') {
    const { collectLinux } = await import('../collectors/linux/index.js');
    parts = await collectLinux(io, host, at);
  } else {
    const { collectMacos } = await import('../collectors/macos/collect.js');
    parts = await collectMacos(io, host, at);
  }
  const out: RecordedParts = { platform, parts };
  if (manifest.recordedAt) out.collectedAt = manifest.recordedAt;
  return out;
}

async function readWindows(dir: string, now?: Date): Promise<RecordedParts> {
  const { readRecordedDir } = await import('../collectors/windows/recorded/read.js');
  const inv = await readRecordedDir(dir);
  const { windowsFacts } = await import('../collectors/windows/index.js');
  const recordedAt = inv.collectedAt && !Number.isNaN(Date.parse(inv.collectedAt)) ? new Date(inv.collectedAt) : undefined;
  const at = recordedAt ?? now;
  const out: RecordedParts = { platform: 'win32', parts: windowsFacts(inv, at ? { now: at } : {}) };
  if (recordedAt) out.collectedAt = recordedAt.toISOString();
  return out;
}
