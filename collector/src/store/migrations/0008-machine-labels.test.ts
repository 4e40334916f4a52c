import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { MIGRATIONS } from './index.js';

/** A database at schema 7 with two machines, as a collector of that version left it. */
function atSchema7(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.filter((m) => m.version <= 7));
  db.exec(`INSERT INTO units (id, name, created_at) VALUES (1, '财政局', 't');
    INSERT INTO agents (id, unit_id, public_key, hostname, enrolled_at) VALUES ('a', 1, 'ka', 'pc-a', 't'), ('b', 1, 'kb', 'pc-b', 't');`);
  return db;
}

describe('migration 0008 (machine labels)', () => {
  const db = atSchema7();
  migrate(db);
  const set = db.prepare('UPDATE agents SET asset_number = ? WHERE id = ?');

  it('gives every existing machine an empty user and asset number', () => {
    expect(db.prepare('SELECT id, user_name, asset_number FROM agents ORDER BY id').all()).toEqual([
      { id: 'a', user_name: null, asset_number: null },
      { id: 'b', user_name: null, asset_number: null },
    ]);
  });

  it('refuses one asset number on two machines, whatever its ASCII case, but lets any number of machines have none', () => {
    set.run('ZC-0012', 'a');
    expect(() => set.run('zc-0012', 'b')).toThrow(/UNIQUE constraint failed: agents\.asset_number/);
    set.run(null, 'a');
    set.run('ZC-0012', 'b');
    expect(db.prepare('SELECT count(*) AS n FROM agents WHERE asset_number IS NULL').get()).toEqual({ n: 1 });
  });

  it('finds a machine by its asset number through the index', () => {
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM agents WHERE asset_number = ?').all('zc-0012') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/agents_asset_number/);
    expect(db.prepare('SELECT id FROM agents WHERE asset_number = ?').get('zc-0012')).toEqual({ id: 'b' });
  });
});
