// Input: `clamscan --version`, engine/database version/database date:
//   ClamAV 1.0.7/27412/Fri Sep 20 10:39:39 2024
//   ClamAV 0.103.8                     ← no database could be read
import { clean } from '../../text.js';
import { definitionsCurrent } from './definitions.js';
import type { StatusFacts } from './status.js';

export interface ClamscanVersion {
  engine: string;
  dbVersion?: string;
  /** The daily database's build time, as printed (the machine's local time, read as UTC: a day off does not matter against a week). */
  dbDate?: Date;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function parseClamscanVersion(text: string): ClamscanVersion | undefined {
  const m = /^ClamAV\s+([^/\s]+)(?:\/(\d+)(?:\/(.+))?)?\s*$/m.exec(text);
  if (!m) return undefined;
  const out: ClamscanVersion = { engine: m[1]! };
  if (m[2]) out.dbVersion = m[2];
  const date = m[3] ? parseCtime(m[3].trim()) : undefined;
  if (date) out.dbDate = date;
  return out;
}

/** C `ctime` text, `Fri Sep 20 10:39:39 2024`. */
function parseCtime(text: string): Date | undefined {
  const m = /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})$/.exec(text);
  const month = m ? MONTHS.indexOf(m[1]!) : -1;
  if (!m || month < 0) return undefined;
  return new Date(Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])));
}

/**
 * Version and definitions from clamscan. Definitions older than a week are out of
 * date; without a database date ClamAV does not tell, so upToDate stays unknown.
 */
export function clamavStatus(v: ClamscanVersion, now: Date): StatusFacts {
  const out: StatusFacts = {};
  const engine = clean(v.engine, 100);
  if (engine) out.version = engine;
  if (v.dbDate) out.upToDate = definitionsCurrent(v.dbDate, now);
  return out;
}
