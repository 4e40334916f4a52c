import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SoftwareItem } from '@zhengban/shared';
import { LEFT_OVER_AFTER_MS, sweepLeftovers, WRITE_AT_ONCE } from '../../src/service/ingest-writer.js';
import { openStore } from '../../src/store/open.js';
import { adminToken, enrolledAgent, postSnapshot, snapshotOf, T0, testApp, type TestAgent, type TestApp } from '../helper.js';

// A list long enough that ingest stages its rows before the transaction (ingest-store.ts).
const LONG = WRITE_AT_ONCE;

let t: TestApp;
let agent: TestAgent;
let admin: string;
beforeEach(async () => {
  t = await testApp();
  agent = await enrolledAgent(t);
  admin = await adminToken(t.store);
});
afterEach(() => t.close());

const programs = (tag: string, n = LONG): SoftwareItem[] =>
  Array.from({ length: n }, (_, i) => ({ name: `Program ${tag} ${i}`, version: `1.${i}`, publisher: 'Vendor', source: 'registry:HKLM' }));

/** Rows of machine_software by generation, and what software_staging still names, read from the file. */
function storage(): { rows: { gen: number; n: number }[]; current: number; staging: number; sets: number } {
  const db = new Database(t.dbFile, { readonly: true });
  try {
    return {
      rows: db.prepare('SELECT gen, count(*) AS n FROM machine_software GROUP BY gen').all() as { gen: number; n: number }[],
      current: (db.prepare('SELECT software_gen AS g FROM agents WHERE id = ?').get(agent.agentId) as { g: number }).g,
      staging: (db.prepare('SELECT count(*) AS n FROM software_staging').get() as { n: number }).n,
      sets: (db.prepare('SELECT count(*) AS n FROM software_change_sets').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

const api = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${admin}` } });

describe('a long software list', () => {
  it('that changes whole is stored, its old rows swept after the answer, its changes and new installs read as before', async () => {
    const keep = { name: 'WPS Office', version: '11.1', publisher: 'Kingsoft', source: 'registry:HKLM' };
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1, { software: [keep, ...programs('A')] }))).statusCode).toBe(202);
    await t.app.inject({ method: 'POST', url: '/api/v1/lists', headers: { authorization: `Bearer ${admin}` }, payload: { list: 'deny', name: '^Program B 7$', reason: '测试' } });
    const second = await postSnapshot(t, agent, snapshotOf(agent, 2, { software: [...programs('B'), { ...keep, version: '11.2' }] }));
    expect(second.statusCode).toBe(202);
    const other = second.json().verdict.findings.filter((f: { category: string }) => f.category === 'other');
    expect(other.map((f: { subject: string; code: string }) => [f.subject, f.code])).toEqual([['Program B 7', 'unauthorized-install']]);

    await t.store.settled();
    const s = storage();
    expect(s.rows).toEqual([{ gen: s.current, n: LONG + 1 }]);
    expect(s.staging).toBe(0);
    expect(s.sets).toBe(1);
    expect((await t.store.read.software.list(agent.agentId)).map((i) => i.name)).toEqual([...programs('B').map((p) => p.name), 'WPS Office']);

    const changes = await t.store.read.softwareChanges.list(agent.agentId, 2 * LONG + 5);
    expect(changes).toHaveLength(2 * LONG + 1);
    expect(changes.filter((c) => c.change === 'installed')).toHaveLength(LONG);
    expect(changes.filter((c) => c.change === 'removed')).toHaveLength(LONG);
    expect(changes.find((c) => c.change === 'changed')).toMatchObject({ name: 'WPS Office', versionBefore: '11.1' });
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
    expect((await api(`/machines/${agent.agentId}/changes?limit=3`)).json().changes.map((c: { change: string }) => c.change)).toEqual(['removed', 'removed', 'removed']);
  });

  it('refused at the last step (another writer took its seq meanwhile) leaves nothing behind', async () => {
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1, { software: programs('A') }))).statusCode).toBe(202);
    await t.store.settled();
    const before = storage();
    const posting = postSnapshot(t, agent, snapshotOf(agent, 2, { software: programs('B') }));
    await untilStaged();
    // A second process (a second collector on the same file) stores seq 2 first.
    const other = new Database(t.dbFile);
    other.prepare('UPDATE agents SET last_seq = 2 WHERE id = ?').run(agent.agentId);
    other.close();
    const res = await posting;
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('E_SEQ_REPLAY');
    await t.store.settled();
    expect(storage()).toEqual(before);
  });

  it('whose machine list another writer replaced meanwhile is compared again, inside one transaction', async () => {
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1, { software: programs('A') }))).statusCode).toBe(202);
    await t.store.settled();
    const posting = postSnapshot(t, agent, snapshotOf(agent, 2, { software: programs('B') }));
    await untilStaged();
    // A second process replaces the list (as its own at-once ingest would): new rows under a new generation.
    const other = new Database(t.dbFile);
    other.transaction(() => {
      const old = (other.prepare('SELECT software_gen AS g FROM agents WHERE id = ?').get(agent.agentId) as { g: number }).g;
      other.prepare("INSERT INTO machine_software (agent_id, gen, name, source) VALUES (?, 5, 'Program C 0', 'registry:HKLM')").run(agent.agentId);
      other.prepare('UPDATE agents SET software_gen = 5 WHERE id = ?').run(agent.agentId);
      other.prepare('DELETE FROM machine_software WHERE agent_id = ? AND gen = ?').run(agent.agentId, old);
    })();
    other.close();
    expect((await posting).statusCode).toBe(202);
    await t.store.settled();
    const s = storage();
    expect(s.rows).toEqual([{ gen: s.current, n: LONG }]);
    expect(s.staging).toBe(0);
    expect((await t.store.read.software.list(agent.agentId))[0]?.name).toBe('Program B 0');
  });
});

describe('rows a crash left', () => {
  it('are swept as a collector starts: a list being staged, its changes, and an old list', async () => {
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1, { software: programs('A', 3) }))).statusCode).toBe(202);
    await t.store.settled();
    const before = storage();
    await t.store.close();
    const db = new Database(t.dbFile);
    db.prepare("INSERT INTO software_staging (agent_id, gen, snapshot_id) VALUES (?, 77, 'never-stored'), (?, 78, NULL)").run(agent.agentId, agent.agentId);
    const row = db.prepare("INSERT INTO machine_software (agent_id, gen, name, source) VALUES (?, ?, 'x', 'registry:HKLM')");
    row.run(agent.agentId, 77);
    row.run(agent.agentId, 78);
    db.prepare("INSERT INTO software_change_sets (agent_id, snapshot_id, previous_snapshot_id, at, changes_json) VALUES (?, 'never-stored', 'p', ?, '[]')").run(agent.agentId, T0.toISOString());
    db.close();
    const reopened = openStore(t.dbFile);
    await sweepLeftovers(reopened);
    await reopened.close();
    expect(storage()).toEqual(before);
  });
});

describe('a list another process is staging', () => {
  it('is not swept as this one starts, and is once it is old enough to be left over', async () => {
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1, { software: programs('A', 3) }))).statusCode).toBe(202);
    await t.store.settled();
    const before = storage();
    const db = new Database(t.dbFile);
    const stagedAt = new Date(Date.now() - 60_000).toISOString();
    db.prepare("INSERT INTO software_staging (agent_id, gen, snapshot_id, staged_at) VALUES (?, 79, 'in-flight', ?)").run(agent.agentId, stagedAt);
    db.prepare("INSERT INTO machine_software (agent_id, gen, name, source) VALUES (?, 79, 'x', 'registry:HKLM')").run(agent.agentId);
    db.close();
    await sweepLeftovers(t.store);
    expect(storage()).toMatchObject({ staging: 1, rows: expect.arrayContaining([{ gen: 79, n: 1 }]) });
    await sweepLeftovers(t.store, Date.now() + LEFT_OVER_AFTER_MS);
    expect(storage()).toEqual(before);
  });
});

/** Waits until the snapshot in flight has started writing its rows, read through a second connection. */
async function untilStaged(): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    await new Promise((r) => setImmediate(r));
    const db = new Database(t.dbFile, { readonly: true });
    const staged = (db.prepare('SELECT count(*) AS n FROM software_staging WHERE snapshot_id IS NOT NULL').get() as { n: number }).n;
    db.close();
    if (staged > 0) return;
  }
  throw new Error('the snapshot never started staging');
}
