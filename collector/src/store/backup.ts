import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { link, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { ZhengbanError } from '@zhengban/shared';

/**
 * Copies of the whole database file, for `backup` and `restore`. Like open.ts and
 * migrate.ts this works on the file, not on a table group, so it is not a repo; its SQL
 * is pragmas and one count.
 */

export class DatabaseMissingError extends ZhengbanError {
  constructor(file: string, what: string) {
    super('E_DB_MISSING', `there is no ${what} at ${file}`);
  }
}

export class NotZhengbanDatabaseError extends ZhengbanError {
  constructor(file: string, reason: string, cause?: unknown) {
    super('E_NOT_ZHENGBAN_DB', `${file} is not a zhengban database: ${reason}`, cause === undefined ? {} : { cause });
  }
}

export class FileExistsError extends ZhengbanError {
  constructor(file: string, hint = 'give --force to replace it') {
    super('E_EXISTS', `${file} already exists: ${hint}`);
  }
}

/** A copy (or the backup a restore reads) that SQLite finds damaged, or not what it was copied from. */
export class IntegrityError extends ZhengbanError {
  constructor(what: string, problem: string) {
    super('E_INTEGRITY', `${what} fails the check: ${problem}`);
  }
}

/** What a checked copy holds, read from the copy itself. */
export interface CopyFacts {
  bytes: number;
  schemaVersion: number;
  machines: { total: number; licensed: number; unauthorized: number; pending: number };
  verdicts: number;
}

export interface StepHooks {
  /**
   * Pages copied a step, better-sqlite3's 100 by default; steps yield the event loop
   * between them. Larger ones were no faster: 2.1–3.2 s for 1.2 GB from 100 to 16,384.
   */
  pagesPerStep?: number;
  /** Called after each step (a test fails a copy mid-way here). */
  onStep?: (progress: { totalPages: number; remainingPages: number }) => void;
}

/** SQLite's answer to a file it cannot read as a database, as one of our errors. */
export function fileError(file: string, err: unknown): ZhengbanError {
  const code = (err as { code?: string }).code;
  const message = (err as Error).message;
  if (code === 'SQLITE_NOTADB') return new NotZhengbanDatabaseError(file, message, err);
  if (code?.startsWith('SQLITE_CORRUPT')) return new IntegrityError(file, message);
  return new ZhengbanError('E_DB_OPEN', `cannot open the database ${file}: ${message}`, { cause: err });
}

/**
 * Opens an existing database file and readies it with `ready`; a failure closes it and
 * is answered as one of our errors, by `explain` (which may know more than `fileError`).
 */
export function openFile<T>(file: string, ready: (db: Database.Database) => T, explain = fileError): T {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (err) {
    throw explain(file, err);
  }
  try {
    return ready(db);
  } catch (err) {
    db.close();
    throw err instanceof ZhengbanError ? err : explain(file, err);
  }
}

/** A zhengban database inside a read transaction: one moment of it. */
export interface Snapshot {
  db: Database.Database;
  schemaVersion: number;
}

/**
 * Opens the zhengban database `file` and starts the read transaction a copy is taken in:
 * in WAL mode that holds one moment of the database and lets `serve` go on writing.
 * Without it a write by any other connection between two steps of the copy restarts it
 * from the first page; measured, a copy under a steady writer never finished.
 * `query_only` rather than a read-only connection: no statement can change the file, and
 * closing the last connection still removes the -wal and -shm, which a read-only one
 * would leave behind.
 */
export function openSnapshot(file: string, what: string): Snapshot {
  if (!existsSync(file)) throw new DatabaseMissingError(file, what);
  return openFile(file, (db) => {
    db.pragma('query_only = ON');
    db.exec('BEGIN');
    // The first read starts the snapshot.
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('units', 'agents', 'verdicts')").get() as { n: number };
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (tables.n < 3 || schemaVersion < 1) throw new NotZhengbanDatabaseError(file, 'it has no zhengban schema (units, agents, verdicts and a schema version)');
    return { db, schemaVersion };
  });
}

/** Copies the snapshot into `dest`, a new file (its folder is created), with SQLite's online backup, and closes it. */
export async function copySnapshot(s: Snapshot, dest: string, hooks: StepHooks = {}): Promise<void> {
  try {
    await mkdir(dirname(dest), { recursive: true });
    await s.db.backup(dest, {
      progress: (p) => {
        hooks.onStep?.(p);
        return hooks.pagesPerStep ?? 100;
      },
    });
  } finally {
    s.db.close();
  }
}

/**
 * Checks a copy and counts what it holds. The copy carries the source's WAL flag; it is
 * put in rollback-journal mode so that a backup is one file that opens anywhere, read-only
 * too, with no -wal beside it (`openStore` puts a restored one back in WAL).
 */
export function inspectCopy(file: string, what: string): CopyFacts {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const problems = (db.pragma('integrity_check(5)') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (problems.join() !== 'ok') throw new IntegrityError(what, `PRAGMA integrity_check says ${problems.join('; ')}`);
    const m = db
      .prepare(`SELECT count(*) AS total, coalesce(sum(status = 'licensed'), 0) AS licensed, coalesce(sum(status = 'unauthorized'), 0) AS unauthorized,
                       (SELECT count(*) FROM verdicts) AS verdicts
                FROM agents`)
      .get() as { total: number; licensed: number; unauthorized: number; verdicts: number };
    return {
      bytes: statSync(file).size,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      machines: { total: m.total, licensed: m.licensed, unauthorized: m.unauthorized, pending: m.total - m.licensed - m.unauthorized },
      verdicts: m.verdicts,
    };
  } catch (err) {
    throw err instanceof ZhengbanError ? err : fileError(what, err);
  } finally {
    db.close();
  }
}

/** A hidden name beside `file`, on the same file system, so the final rename is atomic. */
export const tempBeside = (file: string): string => join(dirname(file), `.${basename(file)}.${randomUUID().slice(0, 8)}.tmp`);

/** Removes a database file and whatever SQLite keeps beside it. */
export const removeDatabaseFiles = (file: string): Promise<unknown> =>
  Promise.all(['', '-journal', '-wal', '-shm'].map((s) => rm(file + s, { force: true })));

/**
 * Gives `from` the name `to` unless `to` exists: a hard link fails when the name is
 * taken, so nothing that appears meanwhile is overwritten. A file system without hard
 * links (some network shares) gets a check and a rename.
 */
export async function renameNoClobber(from: string, to: string, hint?: string): Promise<void> {
  try {
    await link(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' || existsSync(to)) throw new FileExistsError(to, hint);
    return rename(from, to);
  }
  await rm(from);
}

/** Makes the renames in `folder` survive a power cut (a folder cannot be opened for sync on Windows). */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fd = await open(folder, 'r');
  try {
    await fd.sync();
  } finally {
    await fd.close();
  }
}

export interface BackupOptions extends StepHooks {
  db: string;
  out: string;
  /** Replace an existing `out`; otherwise it is refused. */
  replace: boolean;
}

/**
 * Backs `db` up to `out` while `serve` may be writing to it: copied into a temporary
 * file beside `out`, checked there, and renamed to `out` only when whole, so `out` is
 * never a half-written file. Nothing is written when the source is missing or is not a
 * zhengban database.
 */
export async function backupDatabase(o: BackupOptions): Promise<CopyFacts> {
  if (!o.replace && existsSync(o.out)) throw new FileExistsError(o.out);
  const source = openSnapshot(o.db, 'database');
  const tmp = tempBeside(o.out);
  try {
    await copySnapshot(source, tmp, o);
    const facts = inspectCopy(tmp, `the copy of ${o.db}`);
    if (facts.schemaVersion !== source.schemaVersion) throw new IntegrityError(`the copy of ${o.db}`, `its schema version is ${facts.schemaVersion}, the database's ${source.schemaVersion}`);
    if (o.replace) await rename(tmp, o.out);
    else await renameNoClobber(tmp, o.out);
    await syncFolder(dirname(o.out));
    return facts;
  } catch (err) {
    await removeDatabaseFiles(tmp);
    throw err;
  }
}
