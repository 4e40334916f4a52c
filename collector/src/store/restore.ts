import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { ZhengbanError } from '@zhengban/shared';
import {
  copySnapshot, fileError, FileExistsError, inspectCopy, openFile, openSnapshot, removeDatabaseFiles, renameNoClobber, syncFolder, tempBeside,
  type CopyFacts,
} from './backup.js';
import { MIGRATIONS } from './migrations/index.js';
import { openStore } from './open.js';

export class DatabaseInUseError extends ZhengbanError {
  constructor(file: string) {
    super('E_DB_IN_USE', `${file} is open in another process (a running zhengban-collector serve, or another command): stop it, then restore`);
  }
}

export class BackupTooNewError extends ZhengbanError {
  constructor(file: string, found: number, known: number) {
    super('E_DB_TOO_NEW', `the backup ${file} is at schema version ${found}, but this collector knows only up to ${known}: restore it with a newer collector`);
  }
}

export interface RestoreOptions {
  from: string;
  db: string;
  /** Replace an existing database (it is kept); otherwise it is refused. */
  replace: boolean;
  now: Date;
}

export interface RestoreResult {
  /** The backup's own facts, before it was migrated. */
  facts: CopyFacts;
  /** The schema version the restored database has now. */
  schemaVersion: number;
  /** Where the database it replaced went, or null when there was none. */
  kept: string | null;
}

/**
 * Holds `file` for the restore, or says that another process has it. In WAL mode
 * `BEGIN EXCLUSIVE` tests nothing: it waits only for another writer, and an idle `serve`
 * holds no transaction. But every connection to a WAL database keeps a shared lock on the
 * file for as long as it is open (the pager ends only its WAL read transaction between
 * statements), and the exclusive locking mode takes an exclusive lock on the file at its
 * first access, so with busy_timeout 0 it fails at once while anyone else has the file
 * open. Closing this connection, then the only one, folds the WAL into the file and
 * deletes it: the file kept is whole by itself.
 */
function holdAlone(file: string): Database.Database {
  const inUse = (f: string, err: unknown) => ((err as { code?: string }).code === 'SQLITE_BUSY' ? new DatabaseInUseError(f) : fileError(f, err));
  return openFile(file, (db) => {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return db;
  }, inUse);
}

/** The schema this collector migrates to. */
const KNOWN = MIGRATIONS.at(-1)?.version ?? 0;

/** `2026-12-06T08:30:00.000Z` → `20261206T083000Z`. */
const stamp = (d: Date) => d.toISOString().replace(/[-:]|\.\d{3}/g, '');

/**
 * Puts the backup `from` in place of `db`. The backup is copied beside `db`, checked
 * (integrity, a schema this collector knows) and migrated to this collector's schema
 * there; only then is `db` moved aside to `db.before-restore-<time>` and the copy renamed
 * into its place. `db` is held alone from the start, so a running server is refused before
 * anything is copied; it is let go just before the two renames, which leaves a window of
 * two renames in which a server just starting could open the old file.
 */
export async function restoreDatabase(o: RestoreOptions): Promise<RestoreResult> {
  const replacing = existsSync(o.db);
  if (replacing && !o.replace) throw new FileExistsError(o.db, 'give --force to replace it (it is kept as FILE.before-restore-<time>)');
  const kept = replacing ? `${o.db}.before-restore-${stamp(o.now)}` : null;
  if (kept && existsSync(kept)) throw new FileExistsError(kept, 'try again in a second');
  const source = openSnapshot(o.from, 'backup');
  let held: Database.Database | null = null;
  const tmp = tempBeside(o.db);
  try {
    held = replacing ? holdAlone(o.db) : null;
    await copySnapshot(source, tmp);
    const facts = inspectCopy(tmp, `the backup ${o.from}`);
    if (facts.schemaVersion > KNOWN) throw new BackupTooNewError(o.from, facts.schemaVersion, KNOWN);
    // Migrated the way `serve` migrates on start, and closed: the copy is one file again.
    await openStore(tmp).close();
    held?.close();
    held = null;
    if (kept) await renameNoClobber(o.db, kept, 'try again in a second');
    // A -wal or -shm still here belongs to no database now (the old one's WAL was folded
    // into it when it was let go); left, SQLite would read a -wal into the restored file.
    await Promise.all(['-wal', '-shm'].map((s) => rm(o.db + s, { force: true })));
    await rename(tmp, o.db);
    await syncFolder(dirname(o.db));
    return { facts, schemaVersion: KNOWN, kept };
  } catch (err) {
    if (source.db.open) source.db.close();
    held?.close();
    await removeDatabaseFiles(tmp);
    throw err;
  }
}
