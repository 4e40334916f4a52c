// Input, three sources (sources/macos.ts):
// 1. `plutil -convert xml1 -o - /Library/Preferences/com.microsoft.office.licensingV2.plist`: the
//    volume or perpetual licence the Volume License Serializer (or a retail activation)
//    writes; an XML plist whose <data> carries an encoded licence, e.g.
//      <key>…</key><data>Bozo+MzVxzFzbIo+hhzTl4xkRZSjOUX8J8nIgpXuMa…</data>
//    When the file is absent plutil exits 1 and prints (on stdout)
//      /Library/Preferences/com.microsoft.office.licensingV2.plist: file does not exist or is not
//      readable or is not a regular file (Error Domain=NSCocoaErrorDomain Code=260 …)
// 2. `find /Users … UBF8T346G9.Office …`: one path per Microsoft 365 sign-in file, e.g.
//      /Users/li.wei/Library/Group Containers/UBF8T346G9.Office/com.microsoft.Office365V2.plist
//      /Users/li.wei/Library/Group Containers/UBF8T346G9.Office/Licenses/5/2f1c….json
// 3. `find /Library/Microsoft/Office/Licenses '/Library/Application Support/Microsoft/Office365' -type f`
import { isDict, parsePlist, PlistData, type PlistValue } from '../plist.parse.js';
import { VolumeLicenceUnreadableError } from './errors.js';

export interface VolumeEdition {
  edition: string;
  /** `volume` for volume licences (Volume License Serializer), `retail` for Home & Student / Home & Business. */
  channel: 'volume' | 'retail';
}

/**
 * Fragments of the encoded licence that identify the edition, newest first so a
 * stacked 2021+2019 file reads as 2021 (Paul Bowden, Microsoft: pbowden-msft/ExtensionAttributes
 * `Office_License.sh` and its forks; Office 2024 from tuxudo/ms_office). Edition names are theirs.
 */
export const VOLUME_SIGNATURES: readonly (readonly [fragment: string, edition: VolumeEdition])[] = [
  ['Bozo+MzVxzFzbIo+hhzTl41DwAFJEitHSg5IiCEeuI', { edition: 'Office 2024 Volume License', channel: 'volume' }],
  ['Bozo+MzVxzFzbIo+hhzTl4hlrSMvpMqJ/gUHjvPE8/', { edition: 'Office 2024 Preview Volume License', channel: 'volume' }],
  ['Bozo+MzVxzFzbIo+hhzTl4xkRZSjOUX8J8nIgpXuMa', { edition: 'Office 2021 Volume License', channel: 'volume' }],
  ['Bozo+MzVxzFzbIo+hhzTl43O7w5oMsJ7M3Q4vhvz/j', { edition: 'Office 2021 Preview Volume License', channel: 'volume' }],
  ['A7vRjN2l/dCJHZOm8LKan11/zCYPCRpyChB6lOrgfi', { edition: 'Office 2019 Volume License', channel: 'volume' }],
  ['Bozo+MzVxzFzbIo+hhzTl4JKv18WeUuUhLXtH0z36s', { edition: 'Office 2019 Preview Volume License', channel: 'volume' }],
  ['A7vRjN2l/dCJHZOm8LKan1Jax2s2f21lEF8Pe11Y+V', { edition: 'Office 2016 Volume License', channel: 'volume' }],
  ['DrL/l9tx4T9MsjKloHI5eX', { edition: 'Office 2016 Home and Business', channel: 'retail' }],
  ['C8l2E2OeU13/p1FPI6EJAn', { edition: 'Office 2016 Home and Student', channel: 'retail' }],
  ['Bozo+MzVxzFzbIo+hhzTl4m', { edition: 'Office 2019 Home and Business', channel: 'retail' }],
  ['Bozo+MzVxzFzbIo+hhzTl4j', { edition: 'Office 2019 Home and Student', channel: 'retail' }],
];

export type VolumeLicence =
  | { present: false }
  | { present: true; edition?: VolumeEdition; fragment?: string };

/**
 * plutil's answer: exit 0 with a plist, or exit 1 saying the file does not exist.
 * Anything else (unreadable, not a plist) throws: it becomes a collection error.
 */
export function parseVolumeLicence(stdout: string, stderr: string, exitCode: number): VolumeLicence {
  if (exitCode !== 0) {
    const said = `${stdout}\n${stderr}`;
    if (/Code=257|permission/i.test(said)) throw new VolumeLicenceUnreadableError(said);
    if (/does not exist|no such file|Code=260/i.test(said)) return { present: false };
    throw new VolumeLicenceUnreadableError(said);
  }
  // The licence is base64 wrapped over several lines: compare without whitespace.
  const text = [...plistTexts(parsePlist(stdout, 'the Office licence plist'))].join('\n').replace(/\s+/g, '');
  const hit = VOLUME_SIGNATURES.find(([fragment]) => text.includes(fragment));
  return hit ? { present: true, edition: hit[1], fragment: hit[0] } : { present: true };
}

/** Every string, key and data value in a plist, depth first. */
function* plistTexts(v: PlistValue): Generator<string> {
  if (typeof v === 'string') yield v;
  else if (v instanceof PlistData) yield v.base64;
  else if (Array.isArray(v)) for (const x of v) yield* plistTexts(x);
  else if (isDict(v)) {
    for (const [k, x] of Object.entries(v)) {
      yield k;
      yield* plistTexts(x);
    }
  }
}

export interface M365SignIns {
  /** Home folders with at least one sign-in file; their names are not kept. */
  profiles: number;
  files: number;
  /** find was refused inside an Office container (macOS privacy protection): the count may be short. */
  denied: boolean;
}

const CONTAINER = '/Library/Group Containers/UBF8T346G9.Office/';

export function parseM365Find(stdout: string, stderr = ''): M365SignIns {
  const homes = new Set<string>();
  let files = 0;
  for (const line of stdout.split(/\r?\n/)) {
    const at = line.indexOf(CONTAINER);
    if (!line.startsWith('/') || at < 0) continue;
    files++;
    homes.add(line.slice(0, at));
  }
  const denied = stderr.split(/\r?\n/).some((l) => l.includes('UBF8T346G9.Office') && /not permitted|permission denied/i.test(l));
  return { profiles: homes.size, files, denied };
}

export interface DeviceLicences {
  /** Files under /Library/Microsoft/Office/Licenses: an Office 2021-or-later licence bought outright. */
  perpetualFiles: number;
  /** /Library/Application Support/Microsoft/Office365/com.microsoft.Office365.plist: shared computer activation. */
  sharedComputer: boolean;
}

export function parseDeviceFind(stdout: string): DeviceLicences {
  const lines = stdout.split(/\r?\n/).filter((l) => l.startsWith('/'));
  return {
    perpetualFiles: lines.filter((l) => l.startsWith('/Library/Microsoft/Office/Licenses/')).length,
    sharedComputer: lines.some((l) => /^\/Library\/Application Support\/Microsoft\/Office365\/com\.microsoft\.Office365\.plist$/.test(l)),
  };
}
