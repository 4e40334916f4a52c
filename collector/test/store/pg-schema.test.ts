import Database from 'better-sqlite3';
import pg from 'pg';
import { beforeAll, describe, expect } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { migratePg } from '../../src/store/pg/migrate.js';
import { PG_TYPES } from '../../src/store/pg/types.js';
import { pgTest } from '../support/pg.js';
import { pgShape, schemaDiff, sqliteShape, type SchemaShape } from './schema-shape.js';

/**
 * The two stores' schemas, compared after every migration of each has run: a SQLite
 * migration that lands without its PostgreSQL twin (or a twin that differs) fails here,
 * naming what one side has and the other lacks.
 */
function sqliteAfter(migrations = MIGRATIONS): SchemaShape {
  const db = new Database(':memory:');
  try {
    migrate(db, migrations);
    return sqliteShape(db);
  } finally {
    db.close();
  }
}

async function pgAfterMigrations(url: string): Promise<SchemaShape> {
  const client = new pg.Client({ connectionString: url, types: PG_TYPES });
  await client.connect();
  try {
    await migratePg(client);
    return await pgShape(client);
  } finally {
    await client.end();
  }
}

describe.concurrent('the PostgreSQL schema', () => {
  let sqlite: SchemaShape;
  beforeAll(() => {
    sqlite = sqliteAfter();
  });

  pgTest('is the SQLite schema: tables, columns, keys, indexes, triggers and seed rows', async ({ pgDb }) => {
    const pgSchema = await pgAfterMigrations(pgDb.url);
    expect(schemaDiff(sqlite, pgSchema)).toEqual([]);
    // The comparison saw the schema, not two empty maps.
    expect(pgSchema.size).toBeGreaterThan(400);
    expect([...pgSchema.keys()].filter((k) => k.startsWith('table '))).toHaveLength(35);
  });

  pgTest('comparison names a SQLite migration that has no PostgreSQL twin', async ({ pgDb }) => {
    const next = MIGRATIONS.at(-1)!.version + 1;
    const withExtra = sqliteAfter([
      ...MIGRATIONS,
      {
        version: next,
        name: 'without-twin',
        sql: `ALTER TABLE agents ADD COLUMN room TEXT NOT NULL DEFAULT '';
          CREATE INDEX agents_room ON agents(room COLLATE NOCASE) WHERE room <> '';
          CREATE TABLE notes (id INTEGER PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE, body TEXT);
          INSERT INTO meta (key, value) VALUES ('notes_revision', '0');`,
      },
    ]);
    const diff = schemaDiff(withExtra, await pgAfterMigrations(pgDb.url));
    expect(diff).toEqual(
      expect.arrayContaining([
        "PostgreSQL lacks column agents.room (text not null default ''), which SQLite has",
        'PostgreSQL lacks index agents_room (on agents (room nocase) partial), which SQLite has',
        'PostgreSQL lacks table notes (columns id, agent_id, body), which SQLite has',
        'PostgreSQL lacks foreign key notes (agent_id) (references agents (id) on delete cascade), which SQLite has',
        expect.stringMatching(/^rows of meta: SQLite .*notes_revision.*, PostgreSQL /),
      ]),
    );
  });

  pgTest('comparison names what PostgreSQL has and SQLite lacks', async ({ pgDb }) => {
    const client = new pg.Client({ connectionString: pgDb.url, types: PG_TYPES });
    await client.connect();
    try {
      await migratePg(client);
      await client.query('ALTER TABLE units ADD COLUMN motto text; CREATE INDEX units_motto ON units (motto)');
      const diff = schemaDiff(sqlite, await pgShape(client));
      expect(diff).toContain('SQLite lacks column units.motto (text), which PostgreSQL has');
      expect(diff).toContain('SQLite lacks index units_motto (on units (motto)), which PostgreSQL has');
    } finally {
      await client.end();
    }
  });
});
