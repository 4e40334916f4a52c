// Input, our format (DPKG_FORMAT below), one package per line, tab-separated:
//   adduser	all	3.134	686	install ok installed	Debian Adduser Developers <adduser@packages.debian.org>
//   jq	amd64	1.6-2.1+deb12u1	110	install ok installed	ChangZhuo Chen (陳昌倬) <czchen@debian.org>
// GLPI's recordings use its own format (Package, Architecture, Version,
// Installed-Size, Section[, Status]); older GLPI versions had no Status column:
//   adduser	all	3.112+nmu2	1228	admin
//   vlc-nox	amd64	2.2.2-5ubuntu0.16.04.4	9270	video	deinstall ok config-files
import type { SoftwareItem } from '@zhengban/shared';
import { clean, clip, lines, uint, type Parsed, type SkippedLine } from '../text.js';

/** The --showformat the agent runs; the parser below reads exactly this. */
export const DPKG_FORMAT = '${Package}\\t${Architecture}\\t${Version}\\t${Installed-Size}\\t${Status}\\t${Maintainer}\\n';

interface DpkgRow {
  name: string;
  arch: string | undefined;
  version: string | undefined;
  installedSizeKib: string | undefined;
  /** `want eflag status`, e.g. `install ok installed`; undefined in old GLPI recordings. */
  status: string | undefined;
  maintainer: string | undefined;
}

/** Parses `dpkg-query --show --showformat=DPKG_FORMAT` output; keeps installed packages only. */
export function parseDpkgQuery(text: string): Parsed<SoftwareItem> {
  return parseRows(text, 5, (f) => ({
    name: f[0]!,
    arch: f[1],
    version: f[2],
    installedSizeKib: f[3],
    status: f[4],
    maintainer: f[5],
  }));
}

/** Parses GLPI's dpkg-query recordings (Package, Architecture, Version, Installed-Size, Section[, Status]). */
export function parseGlpiDpkg(text: string): Parsed<SoftwareItem> {
  return parseRows(text, 5, (f) => ({
    name: f[0]!,
    arch: f[1],
    version: f[2],
    installedSizeKib: f[3],
    status: f[5],
    maintainer: undefined,
  }));
}

function parseRows(text: string, minFields: number, toRow: (fields: string[]) => DpkgRow): Parsed<SoftwareItem> {
  const items: SoftwareItem[] = [];
  const skipped: SkippedLine[] = [];
  for (const { no, text: line, unterminated } of lines(text)) {
    const fields = line.split('\t');
    if (unterminated) {
      skipped.push({ line: no, text: line, why: 'output ends inside this line' });
      continue;
    }
    if (fields.length < minFields || !fields[0]?.trim()) {
      skipped.push({ line: no, text: line, why: `expected at least ${minFields} tab-separated fields` });
      continue;
    }
    const row = toRow(fields);
    const state = installState(row.status);
    if (state === 'malformed') {
      skipped.push({ line: no, text: line, why: 'status is not "want eflag status"' });
      continue;
    }
    if (state === 'installed') items.push(toItem(row));
  }
  return { items, skipped };
}

/**
 * Only the last status word matters: `installed` (also under `hold`); `config-files`,
 * `half-installed`, `unpacked` … are not installed software. A missing status is
 * GLPI's old format, which listed installed packages only.
 */
function installState(status: string | undefined): 'installed' | 'other' | 'malformed' {
  if (status === undefined) return 'installed';
  const words = status.trim().split(/\s+/);
  if (words.length !== 3) return 'malformed';
  return words[2] === 'installed' ? 'installed' : 'other';
}

function toItem(row: DpkgRow): SoftwareItem {
  const item: SoftwareItem = { name: clip(row.name.trim(), 500), source: 'dpkg' };
  const version = clean(row.version, 200);
  if (version) item.version = version;
  const publisher = clean(row.maintainer?.replace(/\s*<[^>]*>\s*$/, ''), 300);
  if (publisher) item.publisher = publisher;
  const arch = clean(row.arch, 50);
  if (arch) item.arch = arch;
  const kib = uint(row.installedSizeKib);
  if (kib !== undefined) item.sizeBytes = kib * 1024;
  return item;
}

/**
 * Either format, told apart by the first row: ours has the `want eflag status` triple
 * in its fifth column, GLPI's a Section there. Real GLPI recordings are read by
 * `scan --from` this way; the live agent always prints ours.
 */
export function parseDpkgListing(text: string): Parsed<SoftwareItem> {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '');
  const fifth = first?.split('\t')[4]?.trim();
  return fifth !== undefined && !/^\S+ \S+ \S+$/.test(fifth) ? parseGlpiDpkg(text) : parseDpkgQuery(text);
}
