import type { TestProject } from 'vitest/node';
import { DEBIAN_PG_BIN, pgBinDir, startCluster } from '../../../scripts/pg/cluster.mjs';
import type { PgProvided } from './pg.js';

/**
 * One PostgreSQL cluster per test run, for the projects that list this file (collector,
 * e2e). Vitest loads each project's global setup as a module of its own, so the cluster
 * and the count of projects using it live on the main process's globalThis; the last
 * teardown stops it. ZHENGBAN_TEST_PG names a server to use instead (it must allow
 * CREATE DATABASE); it is not stopped.
 */
const KEY = Symbol.for('zhengban.test-pg');

interface Shared {
  users: number;
  ready: Promise<{ provided: PgProvided; stop?: () => Promise<void> }>;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const g = globalThis as { [KEY]?: Shared };
  const shared = (g[KEY] ??= { users: 0, ready: start() });
  shared.users++;
  const { provided, stop } = await shared.ready;
  project.provide('zhengbanPg', provided);
  return async () => {
    if (--shared.users > 0) return;
    delete g[KEY];
    await stop?.();
  };
}

async function start(): Promise<{ provided: PgProvided; stop?: () => Promise<void> }> {
  const external = process.env.ZHENGBAN_TEST_PG;
  if (external) return { provided: { url: external } };
  if (!pgBinDir()) {
    const reason = `PostgreSQL 15 is not installed: no initdb or pg_ctl in ${process.env.ZHENGBAN_PG_BIN || DEBIAN_PG_BIN} (apt-get install postgresql-15, or set ZHENGBAN_PG_BIN or ZHENGBAN_TEST_PG)`;
    // CI installs it (.ci/run): there a missing server is a broken machine, not a reason to pass.
    if (['true', '1'].includes(process.env.CI?.toLowerCase() ?? '')) throw new Error(`${reason}; CI must run the PostgreSQL tests`);
    console.warn(`PostgreSQL tests are skipped. ${reason}`);
    return { provided: { skip: reason } };
  }
  const cluster = await startCluster();
  return { provided: { url: cluster.url }, stop: cluster.stop };
}
