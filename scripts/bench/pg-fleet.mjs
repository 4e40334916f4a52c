// A bench's fleet in PostgreSQL: a throwaway cluster with production's durability (fsync,
// full-page writes and synchronous commit on), the SQLite fleet moved into it once by
// the collector's own `migrate` command, and a database per run copied from that one.
// Also what the benches read back from the server: a database's size, and the CPU time
// and bytes written of the server's processes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startCluster } from '../pg/cluster.mjs';
import { collectorCommand } from './collector-cli.mjs';

const TICKS_PER_S = 100;

/** The bench's cluster; its first database is the one the fleet is moved into. */
export async function benchCluster(template = 'fleet_template', { statements = false } = {}) {
  const settings = statements ? ["shared_preload_libraries = 'pg_stat_statements'", 'pg_stat_statements.max = 1000'] : [];
  const cluster = await startCluster({ durable: true, database: template, settings });
  const urlOf = (database) => `postgres://postgres@127.0.0.1:${cluster.port}/${database}`;
  /** One statement on the maintenance database (CREATE and DROP DATABASE cannot run in the database they name). */
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: urlOf('postgres') });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return { ...cluster, template, urlOf, admin };
}

/**
 * Moves the SQLite `file` into the database `name` (created unless it is the cluster's
 * first) with `zhengban-collector migrate`, then vacuums and analyzes it: a database a
 * collector has served for a while has been through autovacuum, and without it the
 * first queries would plan without statistics and the first reads of each row would
 * write its hint bits (counted as the run's writes). Returns the seconds each part took.
 */
export async function moveFleet(cluster, file, name = cluster.template) {
  if (name !== cluster.template) await cluster.admin(`CREATE DATABASE ${name}`);
  const t0 = performance.now();
  const line = await collectorCommand(['migrate', '--from', file, '--to', cluster.urlOf(name)]);
  const moved = performance.now();
  const client = new pg.Client({ connectionString: cluster.urlOf(name) });
  await client.connect();
  try {
    await client.query('VACUUM (ANALYZE)');
  } finally {
    await client.end();
  }
  return { url: cluster.urlOf(name), line, migrateS: (moved - t0) / 1000, vacuumS: (performance.now() - moved) / 1000 };
}

/**
 * Makes the fleet's database a template no one connects to: CREATE DATABASE … TEMPLATE
 * refuses while another session is in it, and autovacuum leaves a database that does not
 * allow connections alone.
 */
export async function sealTemplate(cluster) {
  await cluster.admin(`ALTER DATABASE ${cluster.template} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
}

/**
 * A run's database, copied from the template file by file (STRATEGY FILE_COPY: a
 * checkpoint and a copy of the folder; PostgreSQL 15's default, WAL_LOG, would write the
 * whole fleet through the WAL). Returns its URL and the seconds the copy took.
 */
export async function copyDatabase(cluster, name) {
  const t0 = performance.now();
  await cluster.admin(`CREATE DATABASE ${name} TEMPLATE ${cluster.template} STRATEGY FILE_COPY`);
  return { url: cluster.urlOf(name), seconds: (performance.now() - t0) / 1000 };
}

export const dropDatabase = (cluster, name) => cluster.admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);

/** Runs `fn(client)` on a connection of its own to `url`. */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The database's size on disk (its files, free space in them included; the WAL is the cluster's, not in it). */
export const databaseBytes = (url) => withClient(url, async (c) => Number((await c.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n));

/** How many of the acknowledged snapshots the database holds. */
export const storedSnapshots = (url, acked) =>
  withClient(url, async (c) => {
    const { rows } = await c.query(
      `SELECT count(*)::int AS n FROM snapshots s
         JOIN unnest($1::text[], $2::text[], $3::bigint[]) AS a(snapshot_id, agent_id, seq)
           ON s.snapshot_id = a.snapshot_id AND s.agent_id = a.agent_id AND s.seq = a.seq`,
      [acked.map((i) => i.snapshotId), acked.map((i) => i.agentId), acked.map((i) => i.seq)],
    );
    return rows[0].n;
  });

function readStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  return { ppid: Number(fields[1]), fields, writeBytes: Number(/^write_bytes: (\d+)/m.exec(io)[1]) };
}

/**
 * The server's CPU time and bytes written so far, all its processes together. The
 * postmaster reaps its children, and the kernel then adds a child's CPU time (cutime,
 * cstime) and I/O counts to the postmaster's, so postmaster plus the children alive now
 * counts the backends and autovacuum workers that came and went too.
 */
export function serverStats(cluster) {
  const postmaster = Number(readFileSync(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const p = readStat(postmaster);
  // utime, stime, and the reaped children's cutime, cstime.
  let ticks = Number(p.fields[11]) + Number(p.fields[12]) + Number(p.fields[13]) + Number(p.fields[14]);
  let writeBytes = p.writeBytes;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const c = readStat(name);
      if (c.ppid !== postmaster) continue;
      ticks += Number(c.fields[11]) + Number(c.fields[12]);
      writeBytes += c.writeBytes;
    } catch {
      // Gone between the listing and the read: its counts are in the postmaster's once reaped.
    }
  }
  return { cpuMs: (ticks * 1000) / TICKS_PER_S, writeBytes };
}

/** Forgets the server's statement statistics (a cluster made with `statements`), so the next read covers what follows. */
export async function resetStatements(url) {
  await withClient(url, async (c) => {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await c.query('SELECT pg_stat_statements_reset()');
  });
}

/**
 * The `top` statements by server time since resetStatements, per snapshot of the `per`
 * acknowledged: what a statement costs the server for each one, and how often it runs.
 */
export async function topStatements(url, top, per) {
  return withClient(url, async (c) => {
    const r = await c.query(
      `SELECT calls::float8 AS calls, total_exec_time + total_plan_time AS ms, rows::float8 AS rows, regexp_replace(query, '\\s+', ' ', 'g') AS query
      FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`,
      [top],
    );
    return r.rows.map((x) => `    ${((x.ms * 1000) / per).toFixed(0).padStart(6)} µs ${(x.calls / per).toFixed(2).padStart(6)} calls ${(x.rows / per).toFixed(1).padStart(7)} rows  ${x.query.slice(0, 150)}`);
  });
}
