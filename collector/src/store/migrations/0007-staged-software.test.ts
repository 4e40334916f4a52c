import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { MIGRATIONS } from './index.js';

/** A database at schema 6 with two machines, their lists and the change history they had then. */
function atSchema6(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.filter((m) => m.version <= 6));
  db.exec(`
    INSERT INTO units (id, name, created_at) VALUES (1, '财政局', 't');
    INSERT INTO agents (id, unit_id, public_key, hostname, enrolled_at) VALUES ('a', 1, 'ka', 'pc-a', 't'), ('b', 1, 'kb', 'pc-b', 't');
    INSERT INTO machine_software (agent_id, name, version, source) VALUES
      ('a', 'WPS Office', '12', 'registry:HKLM'), ('a', 'AutoCAD 2020', '23', 'registry:HKLM'), ('a', 'WinRAR', '6', 'registry:HKLM'),
      ('b', 'Chrome', '1', 'registry:HKLM');
    INSERT INTO software_changes (agent_id, snapshot_id, previous_snapshot_id, at, change, name, publisher, version_before, version_after) VALUES
      ('a', 's2', 's1', '2026-11-02', 'installed', 'WinRAR', NULL, NULL, '6'),
      ('a', 's2', 's1', '2026-11-02', 'installed', 'IDM', NULL, NULL, '6'),
      ('a', 's3', 's2', '2026-11-03', 'removed', 'IDM', NULL, '6', NULL),
      ('a', 's3', 's2', '2026-11-03', 'installed', 'AutoCAD 2020', 'Autodesk', NULL, '23'),
      ('a', 's4', 's3', '2026-11-04', 'changed', 'WPS Office', NULL, '11', '12'),
      ('b', 's9', 's8', '2026-11-05', 'removed', 'Chrome', NULL, '1', NULL),
      ('b', 's10', 's9', '2026-11-06', 'installed', 'Chrome', NULL, NULL, '1');`);
  return db;
}

describe('migration 0007 (staged software)', () => {
  const db = atSchema6();
  migrate(db);

  it('tells each program still on a machine when it was installed, from the history folded in order', () => {
    const rows = db.prepare('SELECT agent_id, name, gen, installed_snapshot_id, installed_at FROM machine_software ORDER BY agent_id, name').all();
    expect(rows).toEqual([
      { agent_id: 'a', name: 'AutoCAD 2020', gen: 0, installed_snapshot_id: 's3', installed_at: '2026-11-03' },
      { agent_id: 'a', name: 'WPS Office', gen: 0, installed_snapshot_id: null, installed_at: null },
      { agent_id: 'a', name: 'WinRAR', gen: 0, installed_snapshot_id: 's2', installed_at: '2026-11-02' },
      // Removed and installed again: the later install counts.
      { agent_id: 'b', name: 'Chrome', gen: 0, installed_snapshot_id: 's10', installed_at: '2026-11-06' },
    ]);
  });

  it('keeps every change, one set per snapshot in the order they came, and drops the per-change table', () => {
    const sets = db.prepare('SELECT agent_id, snapshot_id, previous_snapshot_id, at, changes_json FROM software_change_sets ORDER BY id').all() as { snapshot_id: string; changes_json: string }[];
    expect(sets.map((s) => s.snapshot_id)).toEqual(['s2', 's3', 's4', 's9', 's10']);
    expect(JSON.parse(sets[1]!.changes_json)).toEqual(expect.arrayContaining([['removed', 'IDM', null, '6', null], ['installed', 'AutoCAD 2020', 'Autodesk', null, '23']]));
    expect(sets.flatMap((s) => JSON.parse(s.changes_json))).toHaveLength(7);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'software_changes'").get()).toBeUndefined();
  });

  it("makes every existing list its machine's current one (generation 0) and stages nothing", () => {
    expect(db.prepare('SELECT DISTINCT software_gen AS g FROM agents').all()).toEqual([{ g: 0 }]);
    expect(db.prepare('SELECT count(*) AS n FROM software_staging').get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'machine_software_name'").get()).toBeUndefined();
  });
});
