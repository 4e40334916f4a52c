// Input: /opt/360safe/vlibs/ver.ini, the 360 终端安全 virus library's version file. A
// 等保 check script reads its `date=` line with `date -d`; the rest of the file and the
// date's exact format are unverified, so the common date forms are accepted:
//   date=2024-09-20   date=20240920   date=2024.09.20 10:39:39
import { parseIni } from '../../ini.parse.js';
import { definitionsCurrent } from './definitions.js';
import type { StatusFacts } from './status.js';

/** The library's date, from the first `date` key in any section. */
export function parseVlibsDate(text: string): Date | undefined {
  for (const pairs of Object.values(parseIni(text))) {
    const hit = Object.entries(pairs).find(([k]) => k.toLowerCase() === 'date');
    const m = hit && /^(\d{4})[-./]?(\d{2})[-./]?(\d{2})(?:\D|$)/.exec(hit[1]);
    if (!m) continue;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.getUTCMonth() === Number(m[2]) - 1) return d;
  }
  return undefined;
}

export function qihoo360Status(date: Date | undefined, now: Date): StatusFacts {
  return date ? { upToDate: definitionsCurrent(date, now) } : {};
}
