import type { CollectionError, OfficeSuite, SoftwareItem } from '@zhengban/shared';
import { collectionError } from '../collection-error.js';
import { readSource, type Io } from '../io.js';
import { LINUX_APPS } from '../sources/linux-apps.js';
import type { FileSource } from '../sources/types.js';
import { packagesByName } from './products.js';
import { wpsLinuxSuite, type OemIniRead } from './wps.parse.js';

const SOURCE = 'linux:office:wps';

/** A WPS package and where its install keeps oem.ini and the serial file. */
interface WpsInstallSpec {
  package: string;
  oemIni: FileSource;
  /** Serial files, most specific first. */
  licences: readonly FileSource[];
  editionByPackage?: string;
}

/**
 * The WPS packages known on Linux (license-detection.md §6): Kingsoft's own `wps-office`
 * (deb and rpm, also Kylin's 金山麒麟WPS) and the UOS app-store builds `cn.wps.*`.
 * The store's cn.wps.wps-office-pro is WPS Professional by its id, so when its oem.ini
 * says nothing the package name still gives the edition.
 */
export const WPS_INSTALLS: readonly WpsInstallSpec[] = [
  { package: 'wps-office', oemIni: LINUX_APPS.wpsOemIni, licences: [LINUX_APPS.wpsLicense] },
  {
    package: 'cn.wps.wps-office-pro',
    oemIni: LINUX_APPS.wpsProOemIni,
    licences: [LINUX_APPS.wpsProLicense, LINUX_APPS.wpsLicense],
    editionByPackage: 'professional',
  },
  { package: 'cn.wps.wps-office', oemIni: LINUX_APPS.wpsStoreOemIni, licences: [LINUX_APPS.wpsLicense] },
];

/** One office[] entry per installed WPS package; a file that cannot be read is an error, not a guess. */
export async function collectWps(io: Io, software: readonly SoftwareItem[]): Promise<{ office: OfficeSuite[]; errors: CollectionError[] }> {
  const byName = packagesByName(software);
  const errors: CollectionError[] = [];
  const office: OfficeSuite[] = [];
  for (const spec of WPS_INSTALLS) {
    const pkg = byName.get(spec.package);
    if (!pkg) continue;
    const oemIni = await readOemIni(io, spec.oemIni, errors);
    const serial = await readSerial(io, spec.licences, errors);
    office.push(
      wpsLinuxSuite({
        pkg,
        oemIniPath: spec.oemIni.path,
        oemIni,
        serialInstalled: serial.installed,
        ...(serial.path ? { serialPath: serial.path } : {}),
        ...(spec.editionByPackage ? { editionByPackage: spec.editionByPackage } : {}),
      }),
    );
  }
  return { office, errors };
}

async function readOemIni(io: Io, source: FileSource, errors: CollectionError[]): Promise<OemIniRead> {
  try {
    const text = await readSource(io, source);
    return text === null ? { kind: 'missing' } : { kind: 'read', text };
  } catch (err) {
    errors.push(collectionError(SOURCE, err));
    return { kind: 'unreadable', message: (err as Error).message };
  }
}

/**
 * Like the Kylin backup script's `[ -s license2.dat ]`: a non-empty file means a serial
 * is installed. The content is dropped at once; only its emptiness is kept.
 */
async function readSerial(
  io: Io,
  sources: readonly FileSource[],
  errors: CollectionError[],
): Promise<{ installed: boolean | undefined; path?: string }> {
  let unreadable = false;
  for (const source of sources) {
    try {
      const text = await readSource(io, source);
      if (text !== null && serialFileNonEmpty(text)) return { installed: true, path: source.path };
    } catch (err) {
      errors.push(collectionError(SOURCE, err));
      unreadable = true;
    }
  }
  return { installed: unreadable ? undefined : false };
}

/**
 * A recording holds the recorder's note instead of the file (scripts/record-linux-fixture.sh
 * `present`): `present, 1040 bytes; the serial itself is not recorded`. Its byte count is
 * what tells; anything else is the file itself.
 */
const RECORDED_NOTE = /^present, (\d+) bytes; the serial itself is not recorded/;

export function serialFileNonEmpty(text: string): boolean {
  const note = RECORDED_NOTE.exec(text);
  return note ? Number(note[1]) > 0 : text.length > 0;
}
