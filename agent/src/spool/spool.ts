import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { assertValid, parseJson, SignedEnvelope } from '@zhengban/shared';
import { TEMP_PREFIX, writeFileAtomic } from '../state/atomic-write.js';
import { answerName, parseSpoolName, spoolName } from './names.js';

export interface SpoolItem {
  name: string;
  file: string;
  seq: number;
}

/** Why the collector will never take an item; written beside it in `rejected/`. */
export interface Rejection {
  status: number | null;
  code: string;
  message: string;
  rejectedAt: string;
}

export interface SpoolOptions {
  dir: string;
  rejectedDir: string;
  maxItems: number;
  /** One line for stderr: dropped or rejected items must never vanish silently. */
  warn: (line: string) => void;
  now?: () => Date;
}

/** Temp files younger than this may belong to a writer still running beside us. */
const TEMP_MAX_AGE_MS = 10 * 60_000;

/**
 * Signed envelopes waiting for the collector, one file each. Bounded: when full the
 * oldest go first, since the newest facts are the ones worth judging.
 */
export class Spool {
  private readonly now: () => Date;

  constructor(private readonly opts: SpoolOptions) {
    this.now = opts.now ?? (() => new Date());
  }

  get dir(): string {
    return this.opts.dir;
  }

  async add(envelope: SignedEnvelope, seq: number): Promise<SpoolItem> {
    await mkdir(this.opts.dir, { recursive: true, mode: 0o700 });
    const items = await this.list();
    for (const old of items.slice(0, Math.max(0, items.length - this.opts.maxItems + 1))) {
      await rm(old.file, { force: true });
      this.opts.warn(`spool full (${this.opts.maxItems} items): dropped the oldest snapshot, seq ${old.seq} (${old.name})`);
    }
    const name = spoolName(seq, this.now());
    const file = join(this.opts.dir, name);
    await writeFileAtomic(file, `${JSON.stringify(envelope)}\n`, 0o600);
    return { name, file, seq };
  }

  /** Oldest first; temp files and anything else in the folder are ignored. */
  async list(): Promise<SpoolItem[]> {
    return listItems(this.opts.dir);
  }

  async depth(): Promise<number> {
    return (await this.list()).length;
  }

  async rejectedCount(): Promise<number> {
    return (await listItems(this.opts.rejectedDir)).length;
  }

  /** Highest seq in the spool or rejected folder: a floor for the next seq if state.json was lost. */
  async highestSeq(): Promise<number> {
    const all = [...(await this.list()), ...(await listItems(this.opts.rejectedDir))];
    return all.reduce((max, i) => Math.max(max, i.seq), 0);
  }

  async read(item: SpoolItem): Promise<SignedEnvelope> {
    const text = await readFile(item.file, 'utf8');
    return assertValid(SignedEnvelope, parseJson(text, `spool file ${item.name}`), `spool file ${item.name}`);
  }

  async remove(item: SpoolItem): Promise<void> {
    await rm(item.file, { force: true });
  }

  /** Moves the item to `rejected/` with the answer beside it; that folder is bounded too. */
  async reject(item: SpoolItem, rejection: Omit<Rejection, 'rejectedAt'>): Promise<string> {
    const dir = this.opts.rejectedDir;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const record: Rejection = { ...rejection, rejectedAt: this.now().toISOString() };
    await writeFileAtomic(join(dir, answerName(item.name)), `${JSON.stringify(record, null, 2)}\n`, 0o600);
    await rename(item.file, join(dir, item.name));
    const kept = await listItems(dir);
    for (const old of kept.slice(0, Math.max(0, kept.length - this.opts.maxItems))) {
      await rm(old.file, { force: true });
      await rm(join(dir, answerName(old.name)), { force: true });
    }
    return join(dir, item.name);
  }

  /** Removes temp files a crash left behind, in both folders. */
  async cleanTemp(maxAgeMs = TEMP_MAX_AGE_MS): Promise<number> {
    let removed = 0;
    for (const dir of [this.opts.dir, this.opts.rejectedDir]) {
      for (const name of await namesIn(dir)) {
        if (!name.startsWith(TEMP_PREFIX)) continue;
        const file = join(dir, name);
        const info = await stat(file).catch(() => null);
        if (info && this.now().getTime() - info.mtimeMs >= maxAgeMs) {
          await rm(file, { force: true });
          removed++;
        }
      }
    }
    return removed;
  }
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function listItems(dir: string): Promise<SpoolItem[]> {
  const items: SpoolItem[] = [];
  for (const name of (await namesIn(dir)).sort()) {
    const seq = parseSpoolName(name);
    if (seq !== null) items.push({ name, file: join(dir, name), seq });
  }
  return items;
}
