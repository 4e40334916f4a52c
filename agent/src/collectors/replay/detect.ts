import { LINUX_SOURCES, MACOS_SOURCES, type Source } from '../sources/index.js';
import { RecordedInputError } from './errors.js';

export type RecordedPlatform = 'linux' | 'darwin' | 'win32';

/** What the recorder writes beside the outputs: `platform=linux`, `recorded-at=<ISO time>`. */
export const MANIFEST = 'recording.txt';

export interface Manifest {
  platform?: RecordedPlatform;
  recordedAt?: string;
}

export function parseManifest(text: string): Manifest {
  const out: Manifest = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([a-z-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    if (m[1] === 'platform') {
      if (m[2] !== 'linux' && m[2] !== 'darwin' && m[2] !== 'win32') {
        throw new RecordedInputError(`${MANIFEST} names the platform "${m[2]}"; expected linux, darwin or win32`);
      }
      out.platform = m[2];
    }
    if (m[1] === 'recorded-at' && !Number.isNaN(Date.parse(m[2]!))) out.recordedAt = new Date(m[2]!).toISOString();
  }
  return out;
}

const WINDOWS_NAMES = /^inventory\.json$|\.(reg|wmi)$/i;
/** wmic listings are sometimes saved as .txt; they count only when nothing else is recognised. */
const WINDOWS_LOOSE = /\.txt$/i;

function recognises(sources: readonly Source[], name: string): boolean {
  return sources.some((s) => s.file === name || (s.kind !== 'dir' && s.alias?.test(name)));
}

/**
 * Which platform recorded a folder, by its file names when there is no manifest.
 * A name only one platform's table knows decides it; names both know (uname.txt,
 * an mdatp JSON) cannot, and a folder of only those is refused with the reason.
 */
export function detectPlatform(dir: string, names: readonly string[], manifest: Manifest): RecordedPlatform {
  if (manifest.platform) return manifest.platform;
  if (names.some((n) => WINDOWS_NAMES.test(n))) return 'win32';
  let linux = false;
  let mac = false;
  let shared = false;
  for (const n of names) {
    const l = recognises(LINUX_SOURCES, n);
    const m = recognises(MACOS_SOURCES, n);
    if (l && m) shared = true;
    else if (l) linux = true;
    else if (m) mac = true;
  }
  if (linux && mac) {
    throw new RecordedInputError(`${dir} holds both Linux and macOS recordings; record one machine per folder or say which in ${MANIFEST} (platform=linux|darwin)`);
  }
  if (linux) return 'linux';
  if (mac) return 'darwin';
  if (shared) {
    throw new RecordedInputError(`cannot tell whether ${dir} was recorded on Linux or macOS; add ${MANIFEST} with platform=linux or platform=darwin`);
  }
  if (names.some((n) => WINDOWS_LOOSE.test(n))) return 'win32';
  throw new RecordedInputError(
    `no recognisable recording in ${dir} (expected what scripts/record-linux-fixture.sh writes, such as os-release and dpkg.txt; ` +
      'system_profiler output from a Mac; or inventory.json, *.reg exports or wmic /format:list *.wmi files from Windows)',
  );
}
