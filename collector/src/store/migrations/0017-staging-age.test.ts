import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { MIGRATIONS } from './index.js';

describe('migration 0017 (staging age)', () => {
  it('keeps what was staged before it, with no age: left over, whatever its snapshot', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 16));
    db.exec("INSERT INTO units (name, created_at) VALUES ('u', 't')");
    db.exec("INSERT INTO agents (id, public_key, hostname, unit_id, enrolled_at) VALUES ('a', 'k', 'h', 1, 't')");
    db.exec("INSERT INTO software_staging (agent_id, gen, snapshot_id) VALUES ('a', 7, 's')");
    expect(migrate(db)[0]).toBe(17);
    expect(db.prepare('SELECT agent_id, gen, snapshot_id, staged_at FROM software_staging').all()).toEqual([{ agent_id: 'a', gen: 7, snapshot_id: 's', staged_at: null }]);
  });
});
