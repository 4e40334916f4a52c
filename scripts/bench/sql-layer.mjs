#!/usr/bin/env node
// `npm run bench:sql-layer [-- --runs R] [--sqlite-tx N] [--pg-tx N] [--agents M] [--payload-bytes B] [--scenarios touch,reads] [--stores sqlite,pg] [--pg URL]`
//
// Which SQL layer the collector's store is written in: two repository sets behind one
// contract (SQL per dialect, each statement prepared once per connection) or a query
// builder that speaks both (Kysely). Measured on ingest's hot case, a snapshot that
// repeats its machine's state (service/ingest-writer.ts touchOne): in one transaction the
// agent row (locked on PostgreSQL), the duplicate check, the snapshot row, the agent
// touched. `reads` adds what a judged ingest reads besides (engine-repo.ts currentVerdict
// and machines).
//
// Four layers per store, on the same database, their runs interleaved (the order rotating
// each round) so the machine's noise falls on each alike:
//   repos       the project's repos as built, in store.transaction
//   unprepared  the same SQL in store.transaction, prepared per query (SQLite) or sent unnamed (PostgreSQL)
//   kysely      Kysely's builder, each query built as an app would
//   kysely-raw  the same SQL through Kysely's driver and transaction, no builder
// Every layer of a store sends the statements that store's repos send (PostgreSQL's read
// a verdict and a machine in one statement each, SQLite's in two), so repos → unprepared
// is the cost of preparing, unprepared → kysely-raw that of the transaction machinery,
// kysely-raw → kysely that of the builder. A PostgreSQL repo still a PLACEHOLDER is
// stood in for by its statement sent named, as query.ts sends them.
//
// Commits are durable (SQLite's synchronous = FULL as openStore sets it, a cluster started
// with `durable`), so the wall time carries the disk's flush, which other work on the
// machine makes vary from run to run; the CPU columns carry the layer (this process's, and
// PostgreSQL's when the cluster is started here). Printed per run, then median and
// min–max per layer. Figures only: nothing here passes or fails.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { openStore } from '../../collector/dist/store/open.js';
import { openPgStore } from '../../collector/dist/store/pg/open.js';
import { PG_TYPES } from '../../collector/dist/store/pg/types.js';
import { responseJson } from '../../collector/dist/store/snapshot-repo.js';
import { STORED_VERDICT_SQL, VERDICT_FINDINGS_COLUMNS, storedVerdict } from '../../collector/dist/store/verdict-findings.js';
import { startCluster } from '../pg/cluster.mjs';

const { values: o } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'sqlite-tx': { type: 'string', default: '20000' },
    'pg-tx': { type: 'string', default: '5000' },
    agents: { type: 'string', default: '1000' },
    'payload-bytes': { type: 'string', default: '2048' },
    scenarios: { type: 'string', default: 'touch,reads' },
    stores: { type: 'string', default: 'sqlite,pg' },
    pg: { type: 'string' },
  },
});
const [RUNS, SQLITE_TX, PG_TX, AGENTS, PAYLOAD] = [o.runs, o['sqlite-tx'], o['pg-tx'], o.agents, o['payload-bytes']].map(Number);
const scenarios = o.scenarios.split(',');
const stores = o.stores.split(',');
if (![RUNS, SQLITE_TX, PG_TX, AGENTS, PAYLOAD].every((x) => Number.isInteger(x) && x > 0) || !scenarios.every((s) => s === 'touch' || s === 'reads') || !stores.every((s) => s === 'sqlite' || s === 'pg')) {
  console.error('bench:sql-layer: --runs, --sqlite-tx, --pg-tx, --agents and --payload-bytes are whole numbers above 0; --scenarios of touch,reads; --stores of sqlite,pg');
  process.exit(1);
}
const LAYERS = ['repos', 'unprepared', 'kysely', 'kysely-raw'];

// ---- the statements each store's repos send (store/*-repo.ts, store/pg/*-repo.ts); every layer of a store sends these ----

const AGENT_COLUMNS = ['id', 'public_key', 'unit_id', 'last_seq', 'software_hash', 'state_hash', 'software_gen', 'software_count', 'last_snapshot_id'];
const MACHINE_FROM = `SELECT a.id, a.unit_id, u.name AS unit, s.snapshot_id, s.collected_at, s.basis_id, s.finding_set_id AS a_set_id,
  v.status, v.finding_set_id, v.entitlement_set_id, CASE WHEN v.finding_set_id IS NULL THEN v.findings_json END AS whole_json`;
const MACHINE_JOINS = `FROM agents a JOIN units u ON u.id = a.unit_id LEFT JOIN machine_assessments s ON s.agent_id = a.id
  LEFT JOIN verdicts v ON v.id = a.verdict_id`;
/** A machine's outcomes per product in its row (pg/engine-repo.ts), where SQLite reads them in a second statement. */
const PG_OUTCOMES = `(SELECT array_agg(i.product_id ORDER BY i.product_id COLLATE "C", i.idx) AS products,
    array_agg(i.outcome_json ORDER BY i.product_id COLLATE "C", i.idx) AS outcomes
  FROM machine_installs i WHERE i.agent_id = a.id AND i.outcome_json IS NOT NULL)`;
const SQL = {
  agent: `SELECT ${AGENT_COLUMNS.join(', ')} FROM agents WHERE id = ?`,
  snapshot: 'SELECT agent_id, response_json FROM snapshots WHERE snapshot_id = ?',
  insert: `INSERT INTO snapshots (snapshot_id, agent_id, seq, collected_at, received_at, payload, payload_gz, signature, response_json)
    VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)`,
  touch: 'UPDATE agents SET last_seq = ?, last_seen = ?, last_ip = ?, last_snapshot_id = ?, last_collected_at = ? WHERE id = ? AND last_seq < ?',
  verdictId: 'SELECT verdict_id FROM agents WHERE id = ?',
  verdict: STORED_VERDICT_SQL,
  // One machine, as ingest asks: one `?`.
  machines: `${MACHINE_FROM} ${MACHINE_JOINS} WHERE a.id IN (?)`,
  installs: 'SELECT agent_id, product_id, outcome_json FROM machine_installs WHERE agent_id IN (?) AND outcome_json IS NOT NULL',
};
const dollars = (sql) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
const PG_SQL = {
  agent: `${dollars(SQL.agent)} FOR UPDATE`,
  snapshot: dollars(SQL.snapshot),
  insert: dollars(SQL.insert),
  touch: dollars(SQL.touch),
  currentVerdict: `SELECT v.id, v.status, v.rules_version, v.decided_at, v.snapshot_id, s.collected_at, ${VERDICT_FINDINGS_COLUMNS}
    FROM agents a JOIN verdicts v ON v.id = a.verdict_id LEFT JOIN snapshots s ON s.snapshot_id = v.snapshot_id WHERE a.id = $1`,
  // A named statement has one text for every batch size: the ids as an array.
  machines: `${MACHINE_FROM}, o.products, o.outcomes ${MACHINE_JOINS} LEFT JOIN LATERAL ${PG_OUTCOMES} o ON true
    WHERE a.id = ANY($1::text[]) ORDER BY a.id COLLATE "C"`,
};
const PG_NAMES = Object.fromEntries(Object.keys(PG_SQL).map((k) => [k, `bench.${k}`]));
/** Params in the order of SQL.insert and SQL.touch. */
const insertParams = (r) => [r.snapshotId, r.agentId, r.seq, r.collectedAt, r.receivedAt, r.payloadGz, r.signature, r.responseJson];
const touchParams = (r) => [r.seq, r.receivedAt, r.clientIp, r.snapshotId, r.collectedAt, r.agentId, r.seq];

// ---- rows to what the repos answer, so every layer does the same work after the query ----

const toAgent = (r) =>
  r && { id: r.id, publicKey: r.public_key, unitId: r.unit_id, lastSeq: r.last_seq, softwareHash: r.software_hash, stateHash: r.state_hash, softwareGen: r.software_gen, softwareCount: r.software_count, lastSnapshotId: r.last_snapshot_id };
const toMachine = (r, outcomes) => ({
  agentId: r.id,
  unitId: r.unit_id,
  unit: r.unit,
  assessment: r.basis_id === null ? null : { snapshotId: r.snapshot_id, collectedAt: r.collected_at, basisId: r.basis_id, findingSetId: r.a_set_id },
  outcomes,
  current: r.status === null ? null : { status: r.status, findingSetId: r.finding_set_id, entitlementSetId: r.entitlement_set_id, wholeJson: r.whole_json },
});
function sqliteMachines(rows, installs) {
  const outcomes = new Map();
  for (const x of installs) {
    if (!outcomes.has(x.agent_id)) outcomes.set(x.agent_id, new Map());
    outcomes.get(x.agent_id).set(x.product_id, x.outcome_json);
  }
  return rows.map((r) => toMachine(r, outcomes.get(r.id) ?? new Map()));
}
const pgMachines = (rows) => rows.map((r) => toMachine(r, new Map((r.products ?? []).map((p, i) => [p, r.outcomes[i]]))));

// ---- the operations of one transaction, per layer ----

/** Ops over raw SQL: `q.all(key, params)` answers rows, `q.run(key, params)` the rows changed. */
const rawOps = (q, pgDialect) => ({
  findAgent: async (id) => toAgent((await q.all('agent', [id]))[0]),
  findSnapshot: async (sid) => (await q.all('snapshot', [sid]))[0],
  insertSnapshot: (r) => q.run('insert', insertParams(r)),
  touchAgent: async (r) => (await q.run('touch', touchParams(r))) === 1,
  currentVerdict: async (id) => {
    if (pgDialect) {
      const r = (await q.all('currentVerdict', [id]))[0];
      return r && { id: r.id, verdict: storedVerdict(r) };
    }
    const v = (await q.all('verdictId', [id]))[0]?.verdict_id ?? null;
    const r = v === null ? undefined : (await q.all('verdict', [v]))[0];
    return r && { id: v, verdict: storedVerdict(r) };
  },
  machines: async (ids) => (pgDialect ? pgMachines(await q.all('machines', [ids])) : sqliteMachines(await q.all('machines', ids), await q.all('installs', ids))),
});

const sqlitePreparedEach = (db) => ({ all: (k, p) => db.prepare(SQL[k]).all(p), run: (k, p) => db.prepare(SQL[k]).run(p).changes });
const pgSent = (client, named) => {
  const send = (k, p) => client.query({ ...(named ? { name: PG_NAMES[k] } : {}), text: PG_SQL[k], values: p });
  return { all: async (k, p) => (await send(k, p)).rows, run: async (k, p) => (await send(k, p)).rowCount };
};
const kyselyRaw = (trx, pgDialect) => {
  const exec = (k, p) => trx.executeQuery(CompiledQuery.raw(pgDialect ? PG_SQL[k] : SQL[k], p));
  return { all: async (k, p) => (await exec(k, p)).rows, run: async (k, p) => Number((await exec(k, p)).numAffectedRows) };
};

/** The contract's repos; a PostgreSQL method not written yet (a PLACEHOLDER repo) is its named statement instead. */
function reposOps(tx, standIn) {
  const real = repoMethods(tx);
  const raw = standIn && rawOps(pgSent(pgClientOf(tx), true), true);
  return Object.fromEntries(Object.entries(real).map(([k, f]) => [k, f || raw?.[k] || missing(k)]));
}
/** Each op through the repos, or false where the store's repo has no such method yet. */
function repoMethods(tx) {
  const has = (repo, method) => typeof tx[repo][method] === 'function';
  return {
    findAgent: has('agents', 'findForUpdate') && ((id) => tx.agents.findForUpdate(id)),
    findSnapshot: has('snapshots', 'find') && ((sid) => tx.snapshots.find(sid)),
    insertSnapshot: has('snapshots', 'insert') && ((r) => tx.snapshots.insert(r)),
    touchAgent: has('agents', 'touch') && ((r) => tx.agents.touch({ agentId: r.agentId, seq: r.seq, lastSeen: r.receivedAt, lastIp: r.clientIp, snapshotId: r.snapshotId, collectedAt: r.collectedAt })),
    currentVerdict: has('engine', 'currentVerdict') && ((id) => tx.engine.currentVerdict(id)),
    machines: has('engine', 'machines') && ((ids) => tx.engine.machines(ids)),
  };
}
const missing = (op) => () => Promise.reject(new Error(`the store has no ${op}`));
// The transaction's client: every PostgreSQL repo holds it as `q`, the way pgRepos hands it out.
const pgClientOf = (tx) => tx.audit.q;

/** Each query built with Kysely, in the shape of the dialect's repos (one statement where the PostgreSQL repo has one). */
function kyselyOps(trx, pgDialect) {
  const findingSets = (eb) => [
    eb.selectFrom('finding_sets as f').select('f.json').whereRef('f.id', '=', 'v.finding_set_id').as('v_set_json'),
    eb.selectFrom('finding_sets as f').select('f.json').whereRef('f.id', '=', 'v.entitlement_set_id').as('v_entitlement_json'),
  ];
  const VERDICT = ['v.status', 'v.rules_version', 'v.decided_at', 'v.snapshot_id', 's.collected_at', 'v.findings_json as v_findings_json'];
  const machinesQuery = (ids) =>
    trx
      .selectFrom('agents as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .leftJoin('machine_assessments as s', 's.agent_id', 'a.id')
      .leftJoin('verdicts as v', 'v.id', 'a.verdict_id')
      .select(['a.id', 'a.unit_id', 'u.name as unit', 's.snapshot_id', 's.collected_at', 's.basis_id', 's.finding_set_id as a_set_id', 'v.status', 'v.finding_set_id', 'v.entitlement_set_id'])
      .select((eb) => eb.case().when('v.finding_set_id', 'is', null).then(eb.ref('v.findings_json')).end().as('whole_json'))
      .where('a.id', 'in', ids);
  return {
    findAgent: async (id) => {
      const q = trx.selectFrom('agents').select(AGENT_COLUMNS).where('id', '=', id);
      return toAgent(await (pgDialect ? q.forUpdate() : q).executeTakeFirst());
    },
    findSnapshot: (sid) => trx.selectFrom('snapshots').select(['agent_id', 'response_json']).where('snapshot_id', '=', sid).executeTakeFirst(),
    insertSnapshot: (r) =>
      trx
        .insertInto('snapshots')
        .values({ snapshot_id: r.snapshotId, agent_id: r.agentId, seq: r.seq, collected_at: r.collectedAt, received_at: r.receivedAt, payload: '', payload_gz: r.payloadGz, signature: r.signature, response_json: r.responseJson })
        .execute(),
    touchAgent: async (r) => {
      const done = await trx
        .updateTable('agents')
        .set({ last_seq: r.seq, last_seen: r.receivedAt, last_ip: r.clientIp, last_snapshot_id: r.snapshotId, last_collected_at: r.collectedAt })
        .where('id', '=', r.agentId)
        .where('last_seq', '<', r.seq)
        .executeTakeFirst();
      return done.numUpdatedRows === 1n;
    },
    currentVerdict: async (id) => {
      if (pgDialect) {
        const r = await trx
          .selectFrom('agents as a')
          .innerJoin('verdicts as v', 'v.id', 'a.verdict_id')
          .leftJoin('snapshots as s', 's.snapshot_id', 'v.snapshot_id')
          .select(['v.id', ...VERDICT])
          .select(findingSets)
          .where('a.id', '=', id)
          .executeTakeFirst();
        return r && { id: r.id, verdict: storedVerdict(r) };
      }
      const v = (await trx.selectFrom('agents').select('verdict_id').where('id', '=', id).executeTakeFirst())?.verdict_id ?? null;
      const r =
        v === null
          ? undefined
          : await trx.selectFrom('verdicts as v').leftJoin('snapshots as s', 's.snapshot_id', 'v.snapshot_id').select(VERDICT).select(findingSets).where('v.id', '=', v).executeTakeFirst();
      return r && { id: v, verdict: storedVerdict(r) };
    },
    machines: async (ids) => {
      if (pgDialect) {
        const outcomes = trx
          .selectFrom('machine_installs as i')
          .select([
            sql`array_agg(i.product_id ORDER BY i.product_id COLLATE "C", i.idx)`.as('products'),
            sql`array_agg(i.outcome_json ORDER BY i.product_id COLLATE "C", i.idx)`.as('outcomes'),
          ])
          .whereRef('i.agent_id', '=', 'a.id')
          .where('i.outcome_json', 'is not', null)
          .as('o');
        const rows = await machinesQuery(ids)
          .leftJoinLateral(outcomes, (join) => join.onTrue())
          .select(['o.products', 'o.outcomes'])
          .orderBy(sql`a.id collate "C"`)
          .execute();
        return pgMachines(rows);
      }
      const rows = await machinesQuery(ids).execute();
      const installs = await trx.selectFrom('machine_installs').select(['agent_id', 'product_id', 'outcome_json']).where('agent_id', 'in', ids).where('outcome_json', 'is not', null).execute();
      return sqliteMachines(rows, installs);
    },
  };
}

// ---- one ingest, as touchOne runs it ----

function ingest(reads) {
  return async (ops, r) => {
    const agent = await ops.findAgent(r.agentId);
    if (!agent) throw new Error(`agent ${r.agentId} vanished`);
    if (await ops.findSnapshot(r.snapshotId)) throw new Error(`snapshot ${r.snapshotId} is a duplicate`);
    if (agent.lastSeq !== null && r.seq <= agent.lastSeq) throw new Error(`seq ${r.seq} replayed`);
    if (reads) {
      if (!(await ops.currentVerdict(r.agentId))) throw new Error(`agent ${r.agentId} has no verdict`);
      const m = await ops.machines([r.agentId]);
      // Both installs' outcomes: every layer read the same rows.
      if (m.length !== 1 || m[0].outcomes.size !== 2) throw new Error(`machine ${r.agentId} not read whole`);
    }
    await ops.insertSnapshot(r);
    if (!(await ops.touchAgent(r))) throw new Error(`agent ${r.agentId} seq moved`);
  };
}

/** The next snapshot of the next machine, round the fleet: seq one past its last, like a morning's repeats. */
function records(agentIds) {
  const seqs = new Array(agentIds.length).fill(0);
  const payloadGz = randomBytes(PAYLOAD); // a gzipped snapshot does not compress further
  const signature = randomBytes(64).toString('base64');
  const tag = randomUUID().slice(0, 8);
  let n = 0;
  return () => {
    const i = n++ % agentIds.length;
    const at = new Date().toISOString();
    const r = { agentId: agentIds[i], seq: ++seqs[i], snapshotId: `${tag}-${n}`, collectedAt: at, receivedAt: at, clientIp: '10.1.2.3', payloadGz, signature };
    r.responseJson = responseJson({ snapshotId: r.snapshotId, agentId: r.agentId, seq: r.seq, duplicate: false }, 1);
    return r;
  };
}

// ---- the fleet: one unit, machines each with a snapshot, a verdict and two installs, in plain SQL both stores take ----

async function seed(exec) {
  const at = new Date().toISOString();
  const [{ id: unitId }] = await exec('INSERT INTO units (name, created_at) VALUES (?, ?) RETURNING id', [`bench ${randomUUID()}`, at]);
  const ids = [];
  for (let i = 0; i < AGENTS; i++) {
    const id = `bench-${randomUUID()}`;
    const snapshotId = `seed-${id}`;
    await exec(`INSERT INTO agents (id, unit_id, public_key, hostname, enrolled_at, last_seq, last_seen, last_snapshot_id, state_hash, software_hash)
      VALUES (?, ?, ?, ?, ?, 0, ?, ?, 'state', 'software')`, [id, unitId, `key ${id}`, `PC-${i}`, at, at, snapshotId]);
    await exec(`INSERT INTO snapshots (snapshot_id, agent_id, seq, collected_at, received_at, payload, payload_gz, signature, response_json)
      VALUES (?, ?, 0, ?, ?, '', NULL, '', '{}')`, [snapshotId, id, at, at]);
    const [{ id: verdictId }] = await exec(`INSERT INTO verdicts (agent_id, snapshot_id, status, rules_version, findings_json, decided_at)
      VALUES (?, ?, 'licensed', 'bench', '[]', ?) RETURNING id`, [id, snapshotId, at]);
    await exec("UPDATE agents SET verdict_id = ?, status = 'licensed' WHERE id = ?", [verdictId, id]);
    // Windows and Office judged, as on most machines: `machines` reads their outcomes.
    for (const [idx, product] of ['windows-10-pro', 'office-2016-pro-plus'].entries()) {
      await exec('INSERT INTO machine_installs (agent_id, idx, product_id, outcome_json) VALUES (?, ?, ?, ?)', [id, idx, product, '{"kind":"licensed"}']);
    }
    ids.push(id);
  }
  return ids;
}

// ---- measuring ----

/**
 * CPU milliseconds a PostgreSQL cluster has used: the postmaster's own and that of its
 * children, running ones read live and exited ones (an autovacuum worker) from the
 * postmaster's count of children it reaped, so a child ending mid-run takes nothing away.
 */
function clusterCpuMs(dir) {
  const postmaster = readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0];
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // it exited meanwhile, and is in the postmaster's cutime once reaped
    }
    // Counted from the state field after "(comm) " (proc(5)): ppid 1, utime 11, stime 12, cutime 13, cstime 14.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    if (pid === postmaster) ticks += f[11] + f[12] + f[13] + f[14];
    else if (String(f[1]) === postmaster) ticks += f[11] + f[12];
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

async function timed(layer, n, nextRecord, body, serverCpu) {
  const cpu0 = process.cpuUsage();
  const server0 = serverCpu?.();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const r = nextRecord();
    await layer.transaction((ops) => body(ops, r));
  }
  const us = Number(process.hrtime.bigint() - t0) / 1e3;
  const cpu = process.cpuUsage(cpu0);
  return { tps: (n * 1e6) / us, us: us / n, cpu: (cpu.user + cpu.system) / n, ...(serverCpu ? { server: ((serverCpu() - server0) * 1e3) / n } : {}) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
const spread = (xs) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function measure(store, layers, n, nextRecord, serverCpu) {
  for (const scenario of scenarios) {
    const body = ingest(scenario === 'reads');
    console.log(`\n${store} · ${scenario} · ${n.toLocaleString('en-US')} transactions a run, ${RUNS} runs; load average ${load()}`);
    for (const name of LAYERS) await timed(layers[name], Math.ceil(n / 10), nextRecord, body);
    const results = Object.fromEntries(LAYERS.map((name) => [name, []]));
    for (let run = 0; run < RUNS; run++) {
      for (let k = 0; k < LAYERS.length; k++) {
        const name = LAYERS[(run + k) % LAYERS.length];
        const m = await timed(layers[name], n, nextRecord, body, serverCpu);
        results[name].push(m);
        const server = m.server === undefined ? '' : `  server CPU ${fmt(m.server)} µs/tx`;
        console.log(`  run ${run + 1} ${name.padEnd(10)} ${fmt(m.tps).padStart(7)} tx/s ${fmt(m.us).padStart(7)} µs/tx  CPU ${fmt(m.cpu)} µs/tx${server}  (load ${loadavg()[0].toFixed(2)})`);
      }
    }
    const head = ['layer', 'tx/s', 'µs/tx', 'CPU µs/tx', ...(serverCpu ? ['server CPU µs/tx'] : []), 'vs repos: µs/tx', 'CPU'];
    const base = (key) => median(results.repos.map((m) => m[key]));
    const ratio = (ms, key) => `×${(median(ms.map((m) => m[key])) / base(key)).toFixed(2)}`;
    const rows = LAYERS.map((name) => {
      const ms = results[name];
      return [name, spread(ms.map((m) => m.tps)), spread(ms.map((m) => m.us)), spread(ms.map((m) => m.cpu)), ...(serverCpu ? [spread(ms.map((m) => m.server))] : []), ratio(ms, 'us'), ratio(ms, 'cpu')];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    console.log(`  median (min–max) of ${RUNS} runs; load average ${load()}`);
    for (const r of [head, ...rows]) console.log(`  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd());
  }
}

async function sqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'zhengban-bench-sql-layer-'));
  const file = join(dir, 'collector.db');
  const store = openStore(file);
  // Kysely's own connection to the file, with the settings openStore gives the store's, so a commit costs both the same.
  const kdb = new Database(file);
  for (const p of ['journal_mode = WAL', 'foreign_keys = ON', 'busy_timeout = 5000', 'synchronous = FULL', 'wal_autocheckpoint = 10000']) kdb.pragma(p);
  const kysely = new Kysely({ dialect: new SqliteDialect({ database: kdb }) });
  try {
    kdb.exec('BEGIN');
    const ids = await seed(async (sql, params) => {
      const s = kdb.prepare(sql);
      return s.reader ? s.all(params) : (s.run(params), []);
    });
    kdb.exec('COMMIT');
    // SqliteStore keeps its connection to itself; SQL prepared per query must run on the one its transaction holds.
    const db = store.db;
    const layers = {
      repos: { transaction: (fn) => store.transaction((tx) => fn(reposOps(tx, false))) },
      unprepared: { transaction: (fn) => store.transaction(() => fn(rawOps(sqlitePreparedEach(db), false))) },
      kysely: { transaction: (fn) => kysely.transaction().execute((trx) => fn(kyselyOps(trx, false))) },
      'kysely-raw': { transaction: (fn) => kysely.transaction().execute((trx) => fn(rawOps(kyselyRaw(trx, false), false))) },
    };
    console.log(`\nSQLite ${db.prepare('SELECT sqlite_version() AS v').get().v} (better-sqlite3), WAL, synchronous = FULL, in ${file}; ${ids.length} machines`);
    await measure('sqlite', layers, SQLITE_TX, records(ids));
  } finally {
    await kysely.destroy();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres() {
  const cluster = o.pg ? undefined : await startCluster({ durable: true });
  const url = o.pg ?? cluster.url;
  let store;
  let kysely;
  try {
    store = await openPgStore(url);
    const ids = await store.transaction(async (tx) => {
      const client = pgClientOf(tx);
      return seed(async (sql, params) => (await client.query(dollars(sql), params)).rows);
    });
    // Kysely's own pool, with the store's type parsers, so both read the same values.
    kysely = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 10, types: PG_TYPES }) }) });
    const standIns = Object.entries(repoMethods(store.read)).filter(([, f]) => !f).map(([k]) => k);
    const layers = {
      repos: { transaction: (fn) => store.transaction((tx) => fn(reposOps(tx, true))) },
      unprepared: { transaction: (fn) => store.transaction((tx) => fn(rawOps(pgSent(pgClientOf(tx), false), true))) },
      kysely: { transaction: (fn) => kysely.transaction().execute((trx) => fn(kyselyOps(trx, true))) },
      'kysely-raw': { transaction: (fn) => kysely.transaction().execute((trx) => fn(rawOps(kyselyRaw(trx, true), true))) },
    };
    const version = (await kysely.executeQuery(CompiledQuery.raw('SHOW server_version'))).rows[0].server_version;
    console.log(`\nPostgreSQL ${version} (node-postgres ${versionOf('pg')}), ${cluster ? 'a durable throwaway cluster (fsync, synchronous_commit on)' : url}; ${ids.length} machines`);
    console.log(standIns.length ? `  repos: PLACEHOLDER repos stood in for by their statement sent named (query.ts): ${standIns.join(', ')}` : '  repos: every operation through the PostgreSQL repos');
    await measure('postgres', layers, PG_TX, records(ids), cluster && (() => clusterCpuMs(cluster.dir)));
  } finally {
    await kysely?.destroy();
    await store?.close();
    await cluster?.stop();
  }
}

const versionOf = (pkg) => JSON.parse(readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
console.log(`bench:sql-layer — node ${process.version}, kysely ${versionOf('kysely')}, better-sqlite3 ${versionOf('better-sqlite3')}; ${cpus().length} CPUs; load average ${load()}`);
console.log('layers: repos = the project\'s repos in store.transaction; unprepared = the same SQL there, prepared per query (SQLite) or unnamed (PostgreSQL);');
console.log('        kysely = Kysely\'s builder in its transaction; kysely-raw = the same SQL as unprepared through Kysely\'s driver and transaction');
if (stores.includes('sqlite')) await sqlite();
if (stores.includes('pg')) await postgres();
console.log(`\nload average at the end ${load()}`);
