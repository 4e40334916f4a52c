import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, MigrationError, migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openStore } from './open.js';
import { tempDir } from '../../test/helper.js';
import { join } from 'node:path';

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migrate', () => {
  it('numbers migrations 1, 2, 3 … with no gap', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('brings an empty db to the last version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
  });

  it('is a no-op the second time', () => {
    const db = new Database(':memory:');
    migrate(db);
    const before = tables(db);
    expect(migrate(db)).toEqual([]);
    expect(tables(db)).toEqual(before);
  });

  it('refuses a db from a newer collector, naming both versions', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 99');
    expect(() => migrate(db)).toThrow(DatabaseTooNewError);
    expect(() => migrate(db)).toThrow(new RegExp(`version 99.*only up to ${MIGRATIONS.length}`));
    expect(tables(db)).toEqual([]);
  });

  it('refuses such a file at open, too', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'z.db');
      const db = new Database(file);
      db.pragma('user_version = 99');
      db.close();
      expect(() => openStore(file)).toThrow(expect.objectContaining({ code: 'E_DB_TOO_NEW' }));
    } finally {
      cleanup();
    }
  });

  it('rolls a failing migration back whole, leaving user_version where it was', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE t (a); SELECT nope FROM nowhere;' }];
    expect(() => migrate(db, broken)).toThrow(MigrationError);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(tables(db)).not.toContain('t');
  });
});
