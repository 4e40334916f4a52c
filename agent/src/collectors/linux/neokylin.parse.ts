// Input: NeoKylin's own release files (real, NeoKylin Linux Advanced Server V7Update6):
// /etc/neokylin-release
//   NeoKylin Linux Advanced Server release V7Update6 (Chromium)
// /etc/.productinfo (what `nkvers` prints under "Build:")
//   NeoKylin Linux Advanced Server
//   release V7Update6/(Chromium)-x86_64
//   b4.lic/20190820

export interface NeokylinFacts {
  /** The release line, e.g. `NeoKylin Linux Advanced Server release V7Update6 (Chromium)`. */
  release?: string;
  /** The build line of .productinfo, e.g. `b4.lic/20190820`. */
  build?: string;
}

export function parseNeokylinRelease(text: string): string | undefined {
  return text.split(/\r?\n/).map((l) => l.trim()).find(Boolean);
}

/** The last non-empty line of /etc/.productinfo: the image's build and licence stamp. */
export function parseProductInfo(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  // Only a file shaped like nkvers' Build block counts: name, release line, build line.
  if (lines.length < 3 || !/^release\b/i.test(lines[1]!)) return undefined;
  return lines[lines.length - 1];
}
