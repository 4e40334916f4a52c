import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UsageError } from '../service/errors.js';
import { isPostgresUrl } from '../store/pg/open.js';
import { backupDatabase, type CopyFacts } from '../store/backup.js';
import { restoreDatabase } from '../store/restore.js';
import { DEFAULT_DB, type Io } from './io.js';
import { dbOption } from './options.js';

interface BackupOptions {
  db: string;
  out: string;
  force?: boolean;
}

interface RestoreOptions {
  db: string;
  from: string;
  force?: boolean;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function describe(f: CopyFacts): string {
  const m = f.machines;
  return `${m.total} machines (${m.licensed} licensed, ${m.unauthorized} unauthorized, ${m.pending} not judged yet), ${f.verdicts} verdicts`;
}

function differentFiles(db: string, other: string, flag: string): void {
  if (isPostgresUrl(db)) throw new UsageError('backup and restore copy a SQLite file; back up a PostgreSQL database with pg_dump (docs/postgres.md)');
  if (resolve(db) === resolve(other)) throw new UsageError(`${flag} names the database itself (${db}): give another file`);
}

/** A copy of the database while `serve` runs, checked, under --out only when whole. */
export async function backup(o: BackupOptions, io: Io): Promise<void> {
  differentFiles(o.db, o.out, '--out');
  const started = performance.now();
  const facts = await backupDatabase({ db: o.db, out: o.out, replace: o.force === true });
  io.out(`backed up ${o.db} to ${o.out}: ${facts.bytes} bytes (${mib(facts.bytes)}), schema version ${facts.schemaVersion}, integrity_check ok`);
  io.out(`${describe(facts)}; took ${seconds(started)}`);
}

/** A backup in place of the database, which must not be in use; the one replaced is kept. */
export async function restore(o: RestoreOptions, io: Io, now = new Date()): Promise<void> {
  differentFiles(o.db, o.from, '--from');
  const started = performance.now();
  const r = await restoreDatabase({ from: o.from, db: o.db, replace: o.force === true, now });
  const migrated = r.schemaVersion === r.facts.schemaVersion ? '' : `, migrated to ${r.schemaVersion}`;
  io.out(`restored ${o.db} from ${o.from}: schema version ${r.facts.schemaVersion}${migrated}, integrity_check ok`);
  io.out(`${describe(r.facts)}; took ${seconds(started)}`);
  io.out(r.kept ? `the database it replaced is kept as ${r.kept}` : 'there was no database to replace');
}

export function registerBackupCommands(program: Command, io: Io): void {
  program
    .command('backup')
    .description('a consistent copy of the database, also while serve runs: written beside --out, checked (integrity_check, schema version), then renamed')
    .addOption(new Option('--db <file>', 'the SQLite database to back up').default(DEFAULT_DB))
    .requiredOption('--out <file>', 'the backup file (its folder is created)')
    .option('--force', 'replace an existing --out file')
    .action((o: BackupOptions) => backup(o, io));
  program
    .command('restore')
    .description('put a backup in place of the database (stop serve first); the one replaced is kept as FILE.before-restore-<time>, an older backup is migrated')
    .requiredOption('--from <file>', 'the backup file')
    .addOption(dbOption())
    .option('--force', 'replace an existing database')
    .action((o: RestoreOptions) => restore(o, io));
}
