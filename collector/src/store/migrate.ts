import type { Database } from 'better-sqlite3';
import { ZhengbanError } from '@zhengban/shared';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export class DatabaseTooNewError extends ZhengbanError {
  constructor(found: number, known: number) {
    super(
      'E_DB_TOO_NEW',
      `the database is at schema version ${found}, but this collector knows only up to ${known}: upgrade the collector`,
    );
  }
}

export class MigrationError extends ZhengbanError {
  constructor(migration: Migration, cause: unknown) {
    super('E_MIGRATION', `migration ${migration.version} (${migration.name}) failed: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Applies every migration above `PRAGMA user_version`, each in its own synchronous
 * transaction that also bumps user_version, so a crash leaves the db at a known step.
 * Returns the versions applied.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  const known = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > known) throw new DatabaseTooNewError(current, known);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    try {
      db.transaction(() => {
        db.exec(m.sql);
        m.backfill?.(db);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (err) {
      throw new MigrationError(m, err);
    }
    applied.push(m.version);
  }
  return applied;
}
