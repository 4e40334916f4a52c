import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding, Verdict } from '@zhengban/shared';
import { buildApp } from '../../src/app.js';
import { rejudgeOwed } from '../../src/service/rejudge-service.js';
import { openStore } from '../../src/store/open.js';
import { windowsPro } from '../licences/licence-helper.js';
import { buy, call, dbValue, engineApp, entitlement, history, latest, machine, rejudgePending, report, winPro, type EngineApp } from './engine-helper.js';

// How verdicts are stored (migration 4): findings and assessment bases once by content; a
// verdict points at the set of its assessment's findings and the set of its entitlement findings.

let t: EngineApp;
beforeEach(async () => {
  t = await engineApp();
});
afterEach(async () => {
  await t.close();
});

const count = (table: 'finding_sets' | 'assessment_bases') => dbValue<{ n: number }>(t, `SELECT count(*) AS n FROM ${table}`).n;
const rows = (agentId: string) => {
  const db = new Database(t.dbFile, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT v.finding_set_id, v.entitlement_set_id, v.findings_json, f.json AS entitlement
          FROM verdicts v LEFT JOIN finding_sets f ON f.id = v.entitlement_set_id WHERE v.agent_id = ? ORDER BY v.id DESC`,
      )
      .all(agentId) as { finding_set_id: number | null; entitlement_set_id: number | null; findings_json: string; entitlement: string | null }[];
  } finally {
    db.close();
  }
};
const quotesRegistry = (f: Finding) => f.facts.some((x) => /^(licence|entitlement) = /.test(x));
const assessed = (v: Verdict) => v.findings.filter((f) => !quotesRegistry(f));

describe('verdict storage', () => {
  it("keeps what the assessment found once, and a licence re-judge stores only each verdict's entitlement findings, shared", async () => {
    const a = await machine(t, '财政局', 'czj-01');
    const b = await machine(t, '教育局', 'jyj-01');
    const answered = await report(t, a, winPro());
    await report(t, b, winPro());
    // Two PCs in the same state share one basis and one set of assessment findings; the
    // verdict read back is the one the agent was answered.
    expect(count('assessment_bases')).toBe(1);
    expect(rows(a.agentId)[0]!.finding_set_id).toBe(rows(b.agentId)[0]!.finding_set_id);
    expect((await latest(t, a.agentId)).verdict.findings).toEqual(answered.findings);

    const { rejudged } = await buy(t, windowsPro(t.units.city));
    expect(rejudged).toMatchObject({ machines: 2, changed: 2, statusChanged: 2 });
    expect(count('assessment_bases')).toBe(1);
    const [now, before] = rows(a.agentId);
    expect(now!.finding_set_id).toBe(before!.finding_set_id);
    expect(now!.findings_json).toBe('[]');
    expect((JSON.parse(now!.entitlement!) as Finding[]).map((f) => [f.category, f.code])).toEqual([['os', 'licensed']]);
    // Both hold a seat of the same licence, in the same words.
    expect(rows(b.agentId)[0]!.entitlement_set_id).toBe(now!.entitlement_set_id);

    const [latestRecord, first] = await history(t, a.agentId);
    expect(entitlement(latestRecord!.verdict, 'os').code).toBe('licensed');
    expect(entitlement(first!.verdict, 'os').code).toBe('no-entitlement');
    expect(assessed(latestRecord!.verdict)).toEqual(assessed(first!.verdict));
    expect(assessed(first!.verdict).length).toBeGreaterThan(0);
  });

  it('adds a basis only when what the assessment finds changes', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    await report(t, pc, winPro());
    await report(t, pc, winPro());
    expect(count('assessment_bases')).toBe(1);
    expect(new Set(rows(pc.agentId).map((r) => r.finding_set_id)).size).toBe(1);
    await report(t, pc, winPro({ state: 'notification', reason: 'the grace period ended' }));
    expect(count('assessment_bases')).toBe(2);
  });

  it('leaves a machine untouched when a catalog change finds nothing new on it', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    await report(t, pc, winPro());
    // Triggers count the engine's writes to what it keeps per machine.
    const db = new Database(t.dbFile);
    db.exec(`CREATE TABLE engine_writes (what TEXT);
      CREATE TRIGGER installs_deleted AFTER DELETE ON machine_installs BEGIN INSERT INTO engine_writes VALUES ('install'); END;
      CREATE TRIGGER assessment_written AFTER UPDATE ON machine_assessments BEGIN INSERT INTO engine_writes VALUES ('assessment'); END;
      CREATE TRIGGER install_written AFTER INSERT ON machine_installs BEGIN INSERT INTO engine_writes VALUES ('install'); END;`);
    db.close();
    const product = { id: 'unused-tool', name: 'Unused Tool', nameZh: '无用工具', category: 'other', vendor: 'Nobody', vendorZh: '无', domestic: false, licence: 'commercial', rules: [{ id: 'unused-tool/name', on: 'software', name: '^Unused Tool$' }] };
    const res = await call(t, 'POST', '/catalog/products', t.admin, product);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().rejudged).toMatchObject({ machines: 1, changed: 0 });
    expect(dbValue<{ n: number }>(t, 'SELECT count(*) AS n FROM engine_writes').n).toBe(0);
  });
});

describe('upgrading a collector whose verdicts were stored whole (before migration 4)', () => {
  /** Turns the file back into schema 3 (undoing migrations 9 to 4): every verdict holds all its findings, assessments keep theirs. */
  async function downgrade(): Promise<void> {
    const whole = new Map<number, string>();
    for (const agentId of (new Database(t.dbFile, { readonly: true }).prepare('SELECT id FROM agents').all() as { id: string }[]).map((r) => r.id)) {
      for (const r of await history(t, agentId)) whole.set(r.id, JSON.stringify(r.verdict.findings));
    }
    await t.app.close();
    const db = new Database(t.dbFile);
    try {
      db.pragma('foreign_keys = OFF');
      db.transaction(() => {
        const set = db.prepare('UPDATE verdicts SET findings_json = ? WHERE id = ?');
        for (const [id, json] of whole) set.run(json, id);
        db.exec(`
          ALTER TABLE catalog_entries DROP COLUMN position;
          ALTER TABLE software_staging DROP COLUMN staged_at;
          DROP TABLE inspectors;
          DROP INDEX bundle_imports_sha;
          DROP TABLE bundle_imports;
          DROP INDEX agents_network;
          ALTER TABLE agents DROP COLUMN network;
          ALTER TABLE enrollment_tokens DROP COLUMN network;
          DROP TABLE spot_check_unit_checks;
          DROP INDEX spot_check_scans_machine;
          DROP TABLE spot_check_scans;
          DROP INDEX spot_check_machines_agent;
          DROP TABLE spot_check_machines;
          DROP INDEX spot_checks_unit;
          DROP TABLE spot_checks;
          DROP INDEX verdicts_snapshot;
          DROP INDEX machine_installs_waiting;
          DROP INDEX machine_software_installed;
          DROP TRIGGER seat_taken;
          DROP TRIGGER seat_freed;
          DROP TRIGGER seat_moved;
          DROP TABLE licence_seats_used;
          ALTER TABLE agents DROP COLUMN state_hash;
          ALTER TABLE agents DROP COLUMN last_collected_at;
          ALTER TABLE snapshots DROP COLUMN payload_gz;
          ALTER TABLE snapshots DROP COLUMN pruned_at;
          DROP TABLE IF EXISTS sessions;
          DROP INDEX agents_report;
          DROP INDEX agents_hostname;
          DROP INDEX agents_last_seen;
          ALTER TABLE agents DROP COLUMN last_ip;
          ALTER TABLE agents DROP COLUMN outline_id;
          ALTER TABLE agents DROP COLUMN entitlement_outline_id;
          ALTER TABLE agents DROP COLUMN legacy_verdict;
          DROP TABLE trend_days;
          DROP TABLE trend_days_done;
          ALTER TABLE units DROP COLUMN sector;
          ALTER TABLE finding_sets DROP COLUMN outline_id;
          DROP TABLE finding_outlines;
          DROP INDEX agents_asset_number;
          ALTER TABLE agents DROP COLUMN asset_number;
          ALTER TABLE agents DROP COLUMN user_name;
          DROP INDEX agents_public_key;
          DROP TABLE software_staging;
          DROP TABLE software_change_sets;
          CREATE TABLE software_changes (
            id INTEGER PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES agents(id), snapshot_id TEXT NOT NULL,
            previous_snapshot_id TEXT NOT NULL, at TEXT NOT NULL, change TEXT NOT NULL, name TEXT NOT NULL,
            publisher TEXT, version_before TEXT, version_after TEXT);
          CREATE INDEX software_changes_agent ON software_changes(agent_id, id);
          CREATE INDEX machine_software_name ON machine_software(name);
          DROP INDEX machine_software_agent;
          ALTER TABLE machine_software DROP COLUMN gen;
          ALTER TABLE machine_software DROP COLUMN installed_snapshot_id;
          ALTER TABLE machine_software DROP COLUMN installed_previous_snapshot_id;
          ALTER TABLE machine_software DROP COLUMN installed_at;
          CREATE INDEX machine_software_agent ON machine_software(agent_id);
          ALTER TABLE agents DROP COLUMN software_gen;
          CREATE TABLE verdicts_v3 (
            id INTEGER PRIMARY KEY, agent_id TEXT NOT NULL REFERENCES agents(id), snapshot_id TEXT NOT NULL REFERENCES snapshots(snapshot_id),
            status TEXT NOT NULL, rules_version TEXT NOT NULL, findings_json TEXT NOT NULL, decided_at TEXT NOT NULL,
            trigger TEXT NOT NULL DEFAULT 'snapshot', trigger_detail TEXT);
          INSERT INTO verdicts_v3 SELECT id, agent_id, snapshot_id, status, rules_version, findings_json, decided_at, trigger, trigger_detail FROM verdicts;
          DROP TABLE verdicts;
          ALTER TABLE verdicts_v3 RENAME TO verdicts;
          CREATE INDEX verdicts_agent ON verdicts(agent_id, id);
          DROP INDEX agents_first_seen;
          DROP TABLE finding_sets;
          DROP TABLE assessment_bases;
          ALTER TABLE agents ADD COLUMN facts_json TEXT;
          ALTER TABLE agents ADD COLUMN assessment_json TEXT;
          UPDATE agents SET facts_json = (SELECT f.facts_json FROM machine_facts f WHERE f.agent_id = agents.id),
            assessment_json = '{"findings":[],"installs":[]}';
          DROP TABLE machine_facts;
          DROP TABLE machine_assessments;`);
        db.pragma('user_version = 3');
      })();
    } finally {
      db.close();
    }
  }

  it('reads the old verdicts as they were, assesses every machine again at start, and adds no verdict that changes nothing', async () => {
    const a = await machine(t, '财政局', 'czj-01');
    const b = await machine(t, '教育局', 'jyj-01');
    await report(t, a, winPro());
    await report(t, b, winPro({ channel: 'OEM:DM' }));
    await buy(t, windowsPro(t.units.finance));
    const before = await history(t, a.agentId);
    expect(before).toHaveLength(2);
    await downgrade();

    const store = openStore(t.dbFile);
    const app = await buildApp({ store, now: () => t.clock.now });
    t = { ...t, app, store };
    expect(rejudgePending(t)).toMatch(/migration 4/);
    expect(dbValue<{ n: number }>(t, 'SELECT count(*) AS n FROM machine_assessments').n).toBe(0);
    expect(dbValue<{ n: number }>(t, 'SELECT count(*) AS n FROM machine_facts').n).toBe(2);
    expect(await history(t, a.agentId)).toEqual(before);

    const owed = await rejudgeOwed(app.registry);
    expect(owed?.owed).toMatch(/migration 4/);
    expect(owed?.rejudged).toMatchObject({ machines: 2, changed: 0 });
    expect(rejudgePending(t)).toBe('');
    expect(await history(t, a.agentId)).toEqual(before);
    expect(await rejudgeOwed(app.registry)).toBeUndefined();

    // Judged from the new assessments from here on: the licence deleted, then a snapshot.
    const [licence] = (await call(t, 'GET', '/licences', t.admin)).json().licences as { id: number }[];
    const del = await call(t, 'DELETE', `/licences/${licence!.id}`, t.admin);
    expect(del.json().rejudged).toMatchObject({ changed: 1, statusChanged: 1 });
    const [now] = await history(t, a.agentId);
    expect(now!.verdict.status).toBe('unauthorized');
    expect(assessed(now!.verdict)).toEqual(assessed(before[0]!.verdict));
    expect(rows(a.agentId)[0]!.finding_set_id).not.toBeNull();
    await report(t, b, winPro({ channel: 'OEM:DM' }));
    expect((await latest(t, b.agentId)).verdict.status).toBe('licensed');
  });
});
