import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { MIGRATIONS } from './index.js';

/** A database at schema 13 with a unit and a machine, as a collector of that version left it. */
function atSchema13(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((m) => m.version <= 13));
  db.exec(`INSERT INTO units (id, name, created_at) VALUES (1, '青溪县', 't');
    INSERT INTO agents (id, unit_id, public_key, hostname, enrolled_at) VALUES ('a', 1, 'ka', 'pc-a', 't');`);
  return db;
}

describe('migration 0014 (spot checks)', () => {
  const db = atSchema13();
  migrate(db);
  const spotCheck = db.prepare(`INSERT INTO spot_checks (unit_id, created_at, created_by, ratio, min_machines, seed, population, strata_json, grading_json)
    VALUES (1, 't', 'cli', ?, 0, 's', 1, '[]', '{}')`);
  const entry = db.prepare(`INSERT INTO spot_check_machines (spot_check_id, no, origin, agent_id, unit_id, kind, hostname) VALUES (?, ?, ?, ?, 1, 'desktop', ?)`);
  const scan = db.prepare(`INSERT INTO spot_check_scans (spot_check_id, machine_entry, envelope_sha256, inspector, signed_at, snapshot_json, verdict_json, attached_at)
    VALUES (?, ?, ?, 'i', 't', '{}', '{}', 't')`);

  it('keeps a spot check open, with its machines numbered once and a machine the collector does not know', () => {
    const id = Number(spotCheck.run(0.1).lastInsertRowid);
    expect(db.prepare('SELECT state, recheck_of FROM spot_checks WHERE id = ?').get(id)).toEqual({ state: 'open', recheck_of: null });
    entry.run(id, 1, 'drawn', 'a', 'pc-a');
    entry.run(id, 2, 'on-site', null, 'found-on-site');
    expect(() => entry.run(id, 2, 'on-site', null, 'again')).toThrow(/UNIQUE constraint failed/);
    expect(() => entry.run(id, 3, 'drawn', 'a', 'pc-a')).toThrow(/UNIQUE constraint failed/);
    expect(db.prepare("SELECT label_matches, agent_present, unreported_json FROM spot_check_machines WHERE no = 2").get()).toEqual({ label_matches: 'not-checked', agent_present: 'not-checked', unreported_json: '[]' });
  });

  it('refuses a ratio out of range, an answer that is not one, and an envelope attached twice', () => {
    expect(() => spotCheck.run(0)).toThrow(/CHECK constraint failed/);
    expect(() => spotCheck.run(1.5)).toThrow(/CHECK constraint failed/);
    const id = Number(spotCheck.run(1).lastInsertRowid);
    const e = Number(entry.run(id, 1, 'drawn', 'a', 'pc-a').lastInsertRowid);
    expect(() => db.prepare("UPDATE spot_check_machines SET agent_present = 'maybe' WHERE id = ?").run(e)).toThrow(/CHECK constraint failed/);
    scan.run(id, e, 'ab'.repeat(32));
    expect(() => scan.run(id, e, 'ab'.repeat(32))).toThrow(/UNIQUE constraint failed: spot_check_scans\.spot_check_id, spot_check_scans\.envelope_sha256/);
    expect(() => db.prepare("INSERT INTO spot_check_unit_checks VALUES (?, 'yes', 'perhaps', NULL, 't', 'cli')").run(id)).toThrow(/CHECK constraint failed/);
  });
});
