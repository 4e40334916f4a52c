import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ResultsFolderError } from './errors.js';

/**
 * The files an inspection leaves on the stick, and nothing elsewhere: a bundle (one signed
 * inspection, for `zhengban-collector import`) and its sheet, named alike so the paper and
 * the record are easily paired.
 */
export interface Results {
  bundle: string;
  sheet: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `PC-01-20261120-160502`: the host name as a file name can hold it, and the PC's local time. */
export function resultStem(hostname: string, at: Date): string {
  const host = hostname.replace(/[\\/:*?"<>|\s\u0000-\u001f]+/g, '_').replace(/^[._]+|[._]+$/g, '').slice(0, 60) || 'pc';
  const day = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
  return `${host}-${day}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
}

/** The folder exists and takes a file: checked before the scan, which can take a minute. */
export async function checkResultsFolder(dir: string): Promise<void> {
  const probe = join(dir, `.tmp-probe-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(dir, { recursive: true });
    await (await open(probe, 'wx')).close();
  } catch (err) {
    throw new ResultsFolderError(`cannot write into ${dir}: ${(err as Error).message}`, err);
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}

async function writeSynced(file: string, text: string): Promise<void> {
  const fh = await open(file, 'wx', 0o644);
  try {
    await fh.writeFile(text);
    // A stick is often pulled out right after: the data is on it before the name is.
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** A stem no earlier result uses: `-2`, `-3` … for a second inspection within the second. */
function freeStem(dir: string, stem: string): string {
  for (let n = 1; ; n++) {
    const s = n === 1 ? stem : `${stem}-${n}`;
    if (!existsSync(join(dir, `${s}.bundle`)) && !existsSync(join(dir, `${s}.html`))) return s;
  }
}

/** Both files or neither: written under temporary names, then renamed. */
export async function writeResults(dir: string, stem: string, text: { bundle: string; sheet: string }): Promise<Results> {
  const free = freeStem(dir, stem);
  const out: Results = { bundle: join(dir, `${free}.bundle`), sheet: join(dir, `${free}.html`) };
  const tag = randomBytes(4).toString('hex');
  const tmp = { bundle: join(dir, `.tmp-${free}.bundle.${tag}`), sheet: join(dir, `.tmp-${free}.html.${tag}`) };
  try {
    await writeSynced(tmp.bundle, text.bundle);
    await writeSynced(tmp.sheet, text.sheet);
    await rename(tmp.bundle, out.bundle);
    await rename(tmp.sheet, out.sheet);
    return out;
  } catch (err) {
    await Promise.all([tmp.bundle, tmp.sheet, out.bundle].map((f) => rm(f, { force: true }).catch(() => {})));
    throw new ResultsFolderError(`cannot write the results into ${dir}: ${(err as Error).message}`, err);
  }
}
