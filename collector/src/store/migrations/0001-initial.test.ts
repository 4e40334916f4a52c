import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { initial } from './0001-initial.js';

function columns(db: Database.Database, table: string) {
  return db.pragma(`table_info(${table})`) as { name: string; notnull: 0 | 1 }[];
}

describe('migration 0001 (initial)', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [initial]);

  it('creates the tables of the first schema', () => {
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(names).toEqual(['admin_tokens', 'agents', 'audit_log', 'enrollment_tokens', 'machine_software', 'snapshots', 'units', 'verdicts']);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('leaves units ready for a tree: parent_id exists and is nullable', () => {
    const parent = columns(db, 'units').find((c) => c.name === 'parent_id');
    expect(parent?.notnull).toBe(0);
  });

  it('keeps the machine columns the software hash-skip and the detail view need', () => {
    const names = columns(db, 'agents').map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['software_hash', 'last_seq', 'last_seen', 'last_snapshot_id', 'verdict_id', 'facts_json']));
  });

  it('refuses a viewer token without a unit', () => {
    expect(() =>
      db.prepare("INSERT INTO admin_tokens (token_hash, role, created_at) VALUES ('h', 'viewer', 'now')").run(),
    ).toThrow(/CHECK constraint/);
  });

  it('enforces foreign keys', () => {
    expect(() =>
      db.prepare("INSERT INTO enrollment_tokens (token_hash, unit_id, created_at, expires_at) VALUES ('h', 42, 'a', 'b')").run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
