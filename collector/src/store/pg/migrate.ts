import pg, { type ClientBase, type Pool } from 'pg';
import { DatabaseTooNewError, MigrationError } from '../migrate.js';
import { PG_MIGRATIONS, type PgMigration } from './migrations/index.js';

/**
 * The advisory lock every migrating collector takes: the ASCII of "zhengban" as a
 * bigint, kept as text because it is above 2^53.
 */
const MIGRATION_LOCK = '8820411395060425070';

/**
 * Brings a PostgreSQL database up to the last migration; returns the versions applied.
 * Several collectors may start at once on one database: each migration runs in its own
 * transaction under `pg_advisory_xact_lock`, and the version is read again under the
 * lock, so a step one collector applied while another waited is not applied twice. A
 * failed step rolls back whole and leaves `schema_version` at the step before it.
 * `schema_version` is this runner's own table (SQLite keeps the number in `user_version`):
 * one row per version applied, and the database is at the highest.
 */
export async function migratePg(db: Pool | ClientBase, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  if (!(db instanceof pg.Pool)) return migrateOn(db, migrations);
  const client = await db.connect();
  try {
    return await migrateOn(client, migrations);
  } finally {
    client.release();
  }
}

async function migrateOn(client: ClientBase, migrations: readonly PgMigration[]): Promise<number[]> {
  const known = migrations.at(-1)?.version ?? 0;
  const applied: number[] = [];
  for (;;) {
    await client.query('BEGIN');
    let step: PgMigration | undefined;
    try {
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK]);
      // Created under the lock: two sessions running CREATE TABLE IF NOT EXISTS at once can both try to create it.
      if (applied.length === 0) {
        await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
          version    integer PRIMARY KEY,
          name       text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now())`);
      }
      const current = await currentVersion(client);
      if (current > known) throw new DatabaseTooNewError(current, known);
      step = migrations.find((m) => m.version > current);
      if (step) {
        await client.query(step.sql);
        await step.backfill?.(client);
        await client.query('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [step.version, step.name]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      if (err instanceof DatabaseTooNewError || !step) throw err;
      throw new MigrationError({ version: step.version, name: step.name, sql: step.sql }, err);
    }
    if (!step) return applied;
    applied.push(step.version);
  }
}

/** The highest version applied; 0 for a database no collector has migrated. */
export async function currentVersion(client: ClientBase | Pool): Promise<number> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('schema_version')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_version');
  return r.rows[0]?.v ?? 0;
}
