import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';

/** A database at schema 10 with two API tokens, as a collector of that version left it. */
function atSchema10(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((m) => m.version <= 10));
  db.exec(`INSERT INTO admin_tokens (id, token_hash, role, created_at) VALUES (1, 'h1', 'admin', 't'), (2, 'h2', 'admin', 't');`);
  return db;
}

describe('migration 0011 (sessions)', () => {
  const db = atSchema10();
  migrate(db);
  const insert = db.prepare("INSERT INTO sessions (session_hash, admin_token_id, csrf_token, created_at, expires_at) VALUES (?, ?, 'c', 't0', 't1')");

  it('starts with no session, and keeps each session hash once', () => {
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    insert.run('s1', 1);
    expect(() => insert.run('s1', 2)).toThrow(/UNIQUE constraint failed: sessions\.session_hash/);
  });

  it('refuses a session of a token that does not exist, and ends the sessions of a token deleted', () => {
    expect(() => insert.run('s9', 9)).toThrow(/FOREIGN KEY constraint failed/);
    insert.run('s2', 2);
    insert.run('s3', 2);
    db.prepare('DELETE FROM admin_tokens WHERE id = 2').run();
    expect(db.prepare('SELECT session_hash FROM sessions ORDER BY id').all()).toEqual([{ session_hash: 's1' }]);
  });

  it('finds the expired sessions through an index, for the sweep at sign-in', () => {
    const plan = db.prepare('EXPLAIN QUERY PLAN DELETE FROM sessions WHERE expires_at <= ?').all('t') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/sessions_expires/);
  });
});
