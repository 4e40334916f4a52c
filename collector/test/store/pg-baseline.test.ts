import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect } from 'vitest';
import { migrate } from '../../src/store/migrate.js';
import { migratePg } from '../../src/store/pg/migrate.js';
import { PG_TYPES } from '../../src/store/pg/types.js';
import { pgTest } from '../support/pg.js';

/**
 * What the schema comparison cannot see: the baseline's hand-translated CHECKs, triggers
 * and NOCASE indexes behave as SQLite's. The same statements (written in the SQL both
 * dialects read) run on both stores and must get the same answers.
 */
async function bothStores(url: string) {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite);
  const client = new pg.Client({ connectionString: url, types: PG_TYPES });
  await client.connect();
  await migratePg(client);
  const outcome = async (sql: string) => {
    const s = (() => {
      try {
        sqlite.exec(sql);
        return 'ok';
      } catch {
        return 'refused';
      }
    })();
    const p = await client.query(sql).then(() => 'ok', () => 'refused');
    return `${s === p ? s : `SQLite ${s}, PostgreSQL ${p}`}: ${sql}`;
  };
  const rows = async (sql: string) => ({ sqlite: sqlite.prepare(sql).all(), pg: (await client.query(sql)).rows });
  return { client, outcome, rows, close: async () => (sqlite.close(), await client.end()) };
}

const SEED = [
  "INSERT INTO units (name, created_at) VALUES ('财政局', 't'), ('教育局', 't')",
  "INSERT INTO agents (id, unit_id, public_key, hostname, enrolled_at) VALUES ('a1', 1, 'k1', 'PC-1', 't'), ('a2', 1, 'k2', 'pc-2', 't'), ('a3', 2, 'k3', 'PC-3', 't')",
  "INSERT INTO licences (product_id, model, unit_id, created_at, updated_at) VALUES ('office', 'retail', 1, 't', 't'), ('office', 'retail', 1, 't', 't')",
];

describe.concurrent('the PostgreSQL baseline', () => {
  pgTest('refuses and accepts what SQLite does', async ({ pgDb }) => {
    const s = await bothStores(pgDb.url);
    try {
      // A refused insert uses up an identity value in PostgreSQL and not a rowid in
      // SQLite, so rows made after one are found by what they hold, not by their id.
      const spotCheck = '(SELECT max(id) FROM spot_checks)';
      const expected: [string, string][] = [
        ...SEED.map((sql): [string, string] => ['ok', sql]),
        ['ok', "UPDATE agents SET asset_number = 'ZC-0012' WHERE id = 'a1'"],
        ['refused', "UPDATE agents SET asset_number = 'zc-0012' WHERE id = 'a2'"],
        ['ok', "UPDATE agents SET asset_number = 'ZC-0013' WHERE id = 'a2'"],
        ['refused', "UPDATE agents SET legacy_verdict = 2 WHERE id = 'a1'"],
        ['refused', "INSERT INTO admin_tokens (token_hash, role, created_at) VALUES ('h1', 'viewer', 't')"],
        ['ok', "INSERT INTO admin_tokens (token_hash, role, created_at) VALUES ('h2', 'admin', 't')"],
        ['refused', "INSERT INTO licence_events (licence_id, kind, date, actor, created_at) VALUES (1, 'disposal', 'd', 'x', 't')"],
        ['refused', "INSERT INTO licence_events (licence_id, kind, disposal, date, actor, created_at) VALUES (1, 'disposal', 'reallocation', 'd', 'x', 't')"],
        ['ok', "INSERT INTO licence_events (licence_id, kind, disposal, date, actor, created_at) VALUES (1, 'disposal', 'transfer', 'd', 'x', 't')"],
        ['refused', "INSERT INTO licence_events (licence_id, kind, disposal, date, actor, created_at) VALUES (1, 'purchase', 'scrap', 'd', 'x', 't')"],
        ['refused', "INSERT INTO spot_checks (unit_id, created_at, created_by, ratio, min_machines, seed, population, strata_json, grading_json) VALUES (1, 't', 'x', 0, 1, 's', 1, '[]', '{}')"],
        ['ok', "INSERT INTO spot_checks (unit_id, created_at, created_by, ratio, min_machines, seed, population, strata_json, grading_json) VALUES (1, 't', 'x', 0.5, 1, 's', 1, '[]', '{}')"],
        ['ok', `INSERT INTO spot_check_machines (spot_check_id, no, origin, agent_id, unit_id, kind, hostname) VALUES (${spotCheck}, 1, 'drawn', 'a1', 1, 'desktop', 'PC-1')`],
        ['refused', `INSERT INTO spot_check_machines (spot_check_id, no, origin, agent_id, unit_id, kind, hostname) VALUES (${spotCheck}, 2, 'drawn', 'a1', 1, 'desktop', 'PC-1')`],
        ['ok', `INSERT INTO spot_check_machines (spot_check_id, no, origin, unit_id, kind, hostname) VALUES (${spotCheck}, 3, 'on-site', 1, 'laptop', 'X')`],
        ['ok', `INSERT INTO spot_check_machines (spot_check_id, no, origin, unit_id, kind, hostname) VALUES (${spotCheck}, 4, 'on-site', 1, 'laptop', 'Y')`],
        ['refused', `INSERT INTO spot_check_machines (spot_check_id, no, origin, unit_id, kind, hostname) VALUES (${spotCheck}, 4, 'on-site', 1, 'laptop', 'Z')`],
        ['refused', "INSERT INTO machine_moves (agent_id, from_unit_id, to_unit_id, at, actor) VALUES ('a1', 1, 99, 't', 'x')"],
        ['refused', "INSERT INTO units (name, created_at, kind) VALUES ('乡', 't', 'village')"],
      ];
      const answers = [];
      for (const [, sql] of expected) answers.push(await s.outcome(sql));
      expect(answers).toEqual(expected.map(([outcome, sql]) => `${outcome}: ${sql}`));
    } finally {
      await s.close();
    }
  });

  pgTest('counts seats in use through its triggers as SQLite does', async ({ pgDb }) => {
    const s = await bothStores(pgDb.url);
    try {
      for (const sql of [
        ...SEED,
        "INSERT INTO seat_allocations (agent_id, product_id, licence_id, since) VALUES ('a1', 'office', 1, 't'), ('a2', 'office', 1, 't'), ('a3', 'office', 1, 't')",
        "UPDATE seat_allocations SET licence_id = 2 WHERE agent_id = 'a2'",
        "UPDATE seat_allocations SET since = 'u' WHERE agent_id = 'a3'",
        "DELETE FROM seat_allocations WHERE agent_id = 'a1'",
      ]) expect(await s.outcome(sql)).toMatch(/^ok/);
      const used = await s.rows('SELECT licence_id, used FROM licence_seats_used ORDER BY licence_id');
      expect(used.pg).toEqual([{ licence_id: 1, used: 1 }, { licence_id: 2, used: 1 }]);
      expect(used.pg).toEqual(used.sqlite);
      // A licence's seats and its count go with it.
      expect(await s.outcome('DELETE FROM licences WHERE id = 2')).toMatch(/^ok/);
      const after = await s.rows('SELECT licence_id, used FROM licence_seats_used ORDER BY licence_id');
      expect(after.pg).toEqual(after.sqlite);
    } finally {
      await s.close();
    }
  });

  pgTest('gives back numbers for bigint columns through PG_TYPES, and flags as 0 and 1', async ({ pgDb }) => {
    const s = await bothStores(pgDb.url);
    try {
      for (const sql of SEED) await s.outcome(sql);
      await s.outcome("UPDATE licences SET downgrade = 1, price_fen = 1099511627776 WHERE id = 1");
      const r = await s.rows('SELECT id, unit_id, downgrade, price_fen, seats FROM licences ORDER BY id');
      expect(r.pg).toEqual(r.sqlite);
      expect(r.pg[0]).toEqual({ id: 1, unit_id: 1, downgrade: 1, price_fen: 1099511627776, seats: null });
      await expect(s.client.query('SELECT 9007199254740993::bigint AS n')).rejects.toThrow(/beyond JavaScript's safe integers/);
    } finally {
      await s.close();
    }
  });

  pgTest('stores an outline longer than a btree entry, once', async ({ pgDb }) => {
    const s = await bothStores(pgDb.url);
    try {
      const outline = JSON.stringify(Array.from({ length: 300 }, (_, i) => ['software', `Program ${randomBytes(6).toString('base64')}`, 'denied', 0, `p-${i}`]));
      const insert = 'INSERT INTO finding_outlines (json) VALUES ($1) ON CONFLICT DO NOTHING';
      expect((await s.client.query(insert, [outline])).rowCount).toBe(1);
      expect((await s.client.query(insert, [outline])).rowCount).toBe(0);
      expect((await s.client.query('SELECT id FROM finding_outlines WHERE json = $1', [outline])).rows).toEqual([{ id: 1 }]);
    } finally {
      await s.close();
    }
  });

  // The PostgreSQL repos' spelling of SQLite's queries, which these indexes were made for.
  pgTest.for([
    ['agents_hostname', 'SELECT id FROM agents ORDER BY lower(hostname) COLLATE "C", id LIMIT 5', []],
    ['agents_asset_number', 'SELECT id FROM agents WHERE lower(asset_number) = lower($1)', ['ZC-0012']],
    ['machine_installs_waiting', `SELECT count(*) FROM machine_installs WHERE product_id = $1
      AND (outcome_json::jsonb) ->> 'kind' = 'over-allocated' AND (outcome_json::jsonb) ->> 'licenceId' = $2::text`, ['office', 7]],
  ] as const)('serves its twin query from %s', async ([index, sql, params], { pgDb }) => {
    const s = await bothStores(pgDb.url);
    try {
      await s.client.query('SET enable_seqscan = off');
      const plan = await s.client.query(`EXPLAIN ${sql}`, [...params]);
      expect(plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n')).toContain(index);
    } finally {
      await s.close();
    }
  });
});
