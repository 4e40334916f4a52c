import { expect } from 'vitest';
import { migrateDatabase } from '../../src/commands/migrate.js';
import { openStore } from '../../src/store/open.js';
import { openPgStore } from '../../src/store/pg/open.js';
import type { Store } from '../../src/store/store.js';
import { call, licenceApp } from '../licences/licence-helper.js';
import { enrolledAgent, postSnapshot, runCliCaptured, snapshotOf, T0 } from '../helper.js';
import { pgTest } from '../support/pg.js';

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
};

/** A county on SQLite: units, people's machines reporting, a licence, a list entry, an audit trail. */
async function county(): Promise<{ dbFile: string; cleanup: () => Promise<void> }> {
  const t = await licenceApp();
  const a = await enrolledAgent(t, '财政局', 'czj-01');
  const b = await enrolledAgent(t, '教育局', 'jyj-01');
  expect((await postSnapshot(t, a, snapshotOf(a, 1))).statusCode).toBe(202);
  expect((await postSnapshot(t, b, snapshotOf(b, 1))).statusCode).toBe(202);
  expect((await call(t, 'POST', '/licences', t.admin, { productId: 'windows', model: 'oem', seats: 1, unitId: t.units.city })).statusCode).toBe(201);
  expect((await postSnapshot(t, a, snapshotOf(a, 2))).statusCode).toBe(202);
  expect((await call(t, 'POST', '/lists', t.admin, { list: 'deny', name: '^KMSpico', reason: '破解工具' })).statusCode).toBe(201);
  await t.app.close();
  return { dbFile: t.dbFile, cleanup: t.close };
}

/** What the API shows of a store, which must be the same after the move. */
async function view(store: Store) {
  const staleBefore = T0.toISOString();
  return {
    units: await store.read.units.list(),
    machines: await store.read.machines.list({ staleBefore, limit: 100, offset: 0 }),
    audit: await store.read.audit.list({ limit: 100, offset: 0 }),
    licences: await store.read.licences.list({ limit: 100, offset: 0 }),
    groups: await store.read.reports.machineGroups(new Date(T0.getTime() + 86_400_000).toISOString(), staleBefore),
    revision: await store.read.meta.revision('registry'),
  };
}

pgTest('moves a county from SQLite into PostgreSQL with nothing lost, and says what it moved', async ({ pgDb }) => {
  const c = await county();
  try {
    const sqlite = openStore(c.dbFile);
    const before = await view(sqlite);
    await sqlite.close();

    const r = io();
    const copied = await migrateDatabase({ from: c.dbFile, to: pgDb.url }, r.io);
    expect(copied.find((t) => t.table === 'agents')?.rows).toBe(2);
    expect(r.out.at(-1)).toMatch(/^moved \d+ rows in \d+ tables from .* to postgres:\/\/.*; every table's count checked$/);

    const pgStore = await openPgStore(pgDb.url);
    try {
      expect(await view(pgStore)).toEqual(before);
      // The identities moved past the ids copied: the next licence takes a new one.
      const next = await pgStore.transaction((tx) => tx.licences.insert({ productId: 'office', edition: null, versionFrom: null, versionTo: null, downgrade: false, model: 'retail', kmsHosts: [], seats: 1, unitId: 1, validFrom: null, validUntil: null, vendor: null, purchaseOrder: null, priceFen: null, notes: null }, T0.toISOString()));
      expect(next).toBeGreaterThan(Math.max(...before.licences.licences.map((l) => l.id)));
    } finally {
      await pgStore.close();
    }

    // Into a database that holds data: refused, and nothing changes.
    const again = await runCliCaptured(['migrate', '--from', c.dbFile, '--to', pgDb.url]);
    expect(again.code).not.toBe(0);
    expect(again.err.join('\n')).toMatch(/E_TARGET_NOT_EMPTY|already holds data/);
  } finally {
    await c.cleanup();
  }
});

pgTest('refuses what is not a SQLite file and a PostgreSQL URL, with one line', async ({ pgDb }) => {
  for (const [args, message] of [
    [['--from', '/nonexistent/z.db', '--to', pgDb.url], /no database at/],
    [['--from', pgDb.url, '--to', pgDb.url], /--from is the SQLite file/],
    [['--from', '/tmp/x.db', '--to', '/tmp/y.db'], /--to must be a postgres:\/\/ URL/],
  ] as const) {
    const r = await runCliCaptured(['migrate', ...args]);
    expect(r.code).not.toBe(0);
    expect(r.err.join('\n')).toMatch(message);
  }
});
