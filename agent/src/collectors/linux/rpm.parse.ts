// Input, our format (RPM_FORMAT below), one package per line, tab-separated:
//   bash	x86_64	5.1.8-3.fc35	1668012345	7739660	Fedora Project
//   gpg-pubkey	(none)	9867c58f-601c49ca	1668012350	0	(none)
// GLPI's format starts with the same six columns and adds SUMMARY and GROUP, so the
// same parser reads its recordings (the extra columns are ignored):
//   gjs	x86_64	1.32.0-1.mga2	1332868101	176167	Mageia.Org	JavaScript bindings …	Unspecified
import type { SoftwareItem } from '@zhengban/shared';
import { clean, clip, lines, uint, type Parsed, type SkippedLine } from '../text.js';

export const RPM_FORMAT = '%{NAME}\\t%{ARCH}\\t%{VERSION}-%{RELEASE}\\t%{INSTALLTIME}\\t%{SIZE}\\t%{VENDOR}\\n';

const FIELDS = 6;
/** Date's own limit (year 275760), so a garbled INSTALLTIME cannot throw. */
const MAX_EPOCH_S = 8.64e12;

/** rpm prints `(none)` for a tag the package does not carry. */
function tag(value: string | undefined, max: number): string | undefined {
  const v = clean(value, max);
  return v === '(none)' ? undefined : v;
}

/** Parses `rpm -qa --queryformat RPM_FORMAT` output (or GLPI's longer format). */
export function parseRpmQuery(text: string): Parsed<SoftwareItem> {
  const items: SoftwareItem[] = [];
  const skipped: SkippedLine[] = [];
  for (const { no, text: line, unterminated } of lines(text)) {
    const f = line.split('\t');
    if (unterminated) {
      skipped.push({ line: no, text: line, why: 'output ends inside this line' });
      continue;
    }
    if (f.length < FIELDS || !f[0]?.trim()) {
      skipped.push({ line: no, text: line, why: `expected at least ${FIELDS} tab-separated fields` });
      continue;
    }
    const name = f[0].trim();
    // Imported signing keys sit in the rpm database as packages; they are not software.
    if (name === 'gpg-pubkey') continue;
    const item: SoftwareItem = { name: clip(name, 500), source: 'rpm' };
    const version = tag(f[2], 200);
    if (version) item.version = version;
    const vendor = tag(f[5], 300);
    if (vendor) item.publisher = vendor;
    const arch = tag(f[1], 50);
    if (arch) item.arch = arch;
    const installed = uint(f[3]);
    if (installed !== undefined && installed > 0 && installed < MAX_EPOCH_S) item.installDate = new Date(installed * 1000).toISOString();
    const size = uint(f[4]);
    if (size !== undefined) item.sizeBytes = size;
    items.push(item);
  }
  return { items, skipped };
}
