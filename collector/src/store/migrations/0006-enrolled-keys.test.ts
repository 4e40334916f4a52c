import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { MIGRATIONS } from './index.js';

describe('migration 0006 (enrolled keys)', () => {
  it('indexes public keys without failing on a database that already holds one key twice', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 5));
    db.exec(`INSERT INTO units (id, name, created_at) VALUES (1, 'u', 't');
      INSERT INTO agents (id, unit_id, public_key, hostname, enrolled_at) VALUES ('a', 1, 'same', 'pc-a', 't'), ('b', 1, 'same', 'pc-b', 't');`);
    expect(() => migrate(db)).not.toThrow();
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM agents WHERE public_key = ?').all('same') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/agents_public_key/);
  });
});
