import Database from 'better-sqlite3';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestResponse, assertValid, signBytes } from '@zhengban/shared';
import { workerIntake } from '../../src/service/intake-pool.js';
import { pruneSnapshots } from '../../src/service/retention.js';
import { T0, adminToken, enrolledAgent, postSnapshot, snapshotOf, testApp, type TestAgent, type TestApp } from '../helper.js';

let t: TestApp;
let agent: TestAgent;
beforeEach(async () => {
  t = await testApp();
  agent = await enrolledAgent(t);
});
afterEach(() => t.close());

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(t.dbFile, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

/** Posts the agent's snapshot `seq`, measured and received `n` minutes after T0, with changes; expects 202. */
async function send(seq: number, n: number, changes = {}) {
  t.clock.now = minutes(n);
  const snap = snapshotOf(agent, seq, { collectedAt: minutes(n).toISOString(), ...changes });
  const res = await postSnapshot(t, agent, snap, { gzip: true });
  expect(res.statusCode, res.body).toBe(202);
  return { snap, body: assertValid(IngestResponse, res.json(), 'the answer') };
}

describe('a snapshot that repeats the state its machine was judged from', () => {
  it('is stored and the machine heard from, and nothing is judged again', async () => {
    const first = await send(1, 0);
    const second = await send(2, 30);
    expect(second.body).toMatchObject({ snapshotId: second.snap.snapshotId, seq: 2, duplicate: false });
    // The verdict stands as decided on the first snapshot, and says so.
    expect(second.body.verdict).toEqual(first.body.verdict);
    expect(second.body.verdict.snapshotId).toBe(first.snap.snapshotId);
    expect(rows('SELECT snapshot_id FROM verdicts')).toHaveLength(1);
    const [a] = rows<{ last_seq: number; last_seen: string; last_snapshot_id: string; last_collected_at: string }>(
      'SELECT last_seq, last_seen, last_snapshot_id, last_collected_at FROM agents',
    );
    expect(a).toEqual({ last_seq: 2, last_seen: minutes(30).toISOString(), last_snapshot_id: second.snap.snapshotId, last_collected_at: minutes(30).toISOString() });
    expect(rows('SELECT snapshot_id FROM snapshots ORDER BY seq').map((r) => (r as { snapshot_id: string }).snapshot_id)).toEqual([first.snap.snapshotId, second.snap.snapshotId]);
  });

  it('keeps the exact signed bytes, gzipped as the agent sent them', async () => {
    const { snap } = await send(1, 0);
    const [r] = rows<{ payload: string; payload_gz: Buffer; signature: string }>('SELECT payload, payload_gz, signature FROM snapshots WHERE snapshot_id = ?', snap.snapshotId);
    const text = gunzipSync(r!.payload_gz).toString('utf8');
    expect(text).toBe(JSON.stringify(snap));
    expect(r!.payload).toBe('');
    expect(r!.signature).toBe(signBytes(Buffer.from(text), agent.keys.privateKeyPem));
  });

  it('is judged again when anything a verdict reads changed: the facts, the software, the registry, the day', async () => {
    await send(1, 0);
    const verdicts = () => rows('SELECT id FROM verdicts').length;
    await send(2, 10, { machine: { ...snapshotOf(agent, 1).machine, hostname: 'pc-01-renamed' } });
    expect(verdicts()).toBe(2);
    await send(3, 20, { machine: { ...snapshotOf(agent, 1).machine, hostname: 'pc-01-renamed' } });
    expect(verdicts()).toBe(2);
    const admin = await adminToken(t.store);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/lists', headers: { authorization: `Bearer ${admin}` }, payload: { list: 'deny', name: 'nothing-installed-here', reason: 'test' } });
    expect(res.statusCode, res.body).toBe(201);
    const renamed = { machine: { ...snapshotOf(agent, 1).machine, hostname: 'pc-01-renamed' } };
    const afterList = await send(4, 30, renamed);
    expect(verdicts()).toBe(3);
    expect(afterList.body.verdict.snapshotId).toBe(afterList.snap.snapshotId);
    // The next China day: licence dates are looked at by the day's first snapshot.
    await send(5, 24 * 60, renamed);
    expect(verdicts()).toBe(4);
    await send(6, 24 * 60 + 5, renamed);
    expect(verdicts()).toBe(4);
  });

  it('reads a repeat without parsing it, but checks its head, and reads a body in another order whole', async () => {
    const first = await send(1, 0);
    t.clock.now = minutes(10);
    const bad = await postSnapshot(t, agent, { ...snapshotOf(agent, 2), collectedAt: 'yesterday' }, { gzip: true });
    expect({ status: bad.statusCode, code: bad.json().code }).toEqual({ status: 400, code: 'E_SCHEMA' });
    // Pretty-printed: the same state in other bytes is judged again, and stands from then on.
    const pretty = JSON.stringify(snapshotOf(agent, 2, { collectedAt: minutes(10).toISOString() }), null, 2);
    const res = await postSnapshot(t, agent, pretty);
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().verdict.snapshotId).not.toBe(first.snap.snapshotId);
    expect(rows('SELECT id FROM verdicts')).toHaveLength(2);
  });

  it('answers a duplicate of a repeated snapshot with its stored answer', async () => {
    await send(1, 0);
    const { snap, body } = await send(2, 30);
    const again = await postSnapshot(t, agent, snap, { gzip: true });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...body, duplicate: true });
  });
});

describe('retention', () => {
  it('drops the signed text of old snapshots nothing points at, and keeps their rows', async () => {
    await send(1, 0);
    for (let seq = 2; seq <= 5; seq++) await send(seq, seq * 60);
    const before = rows<{ seq: number }>('SELECT seq FROM snapshots WHERE payload_gz IS NOT NULL ORDER BY seq').map((r) => r.seq);
    expect(before).toEqual([1, 2, 3, 4, 5]);
    // Keep just under three hours: snapshots 2 and 3 (received at 2 h and 3 h, now is 6 h) are old and named by nothing.
    t.clock.now = minutes(6 * 60);
    const pruned = await pruneSnapshots({ store: t.store, now: () => t.clock.now }, { keepMs: 3 * 3_600_000 - 1 });
    expect(pruned).toBe(2);
    const kept = rows<{ seq: number; whole: number; pruned_at: string | null }>(
      'SELECT seq, payload_gz IS NOT NULL AND signature <> \'\' AS whole, pruned_at FROM snapshots ORDER BY seq',
    );
    expect(kept).toEqual([
      { seq: 1, whole: 1, pruned_at: null }, // its verdict names it
      { seq: 2, whole: 0, pruned_at: minutes(360).toISOString() },
      { seq: 3, whole: 0, pruned_at: minutes(360).toISOString() },
      { seq: 4, whole: 1, pruned_at: null }, // within the three hours
      { seq: 5, whole: 1, pruned_at: null }, // the machine's latest
    ]);
    expect(await pruneSnapshots({ store: t.store, now: () => t.clock.now }, { keepMs: 3 * 3_600_000 - 1 })).toBe(0);
  });
});

describe('snapshots read in worker threads', () => {
  let w: TestApp;
  beforeEach(async () => {
    w = await testApp({ intake: workerIntake(2) });
  });
  afterEach(() => w.close());

  it('take the same path and give the same answers and refusals', async () => {
    const a = await enrolledAgent(w);
    const snap = snapshotOf(a, 1);
    const ok = await postSnapshot(w, a, snap, { gzip: true });
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.json().verdict.snapshotId).toBe(snap.snapshotId);
    const forged = await postSnapshot(w, a, snapshotOf(a, 2), { signature: signBytes(Buffer.from('other'), a.keys.privateKeyPem) });
    expect({ status: forged.statusCode, code: forged.json().code }).toEqual({ status: 401, code: 'E_SIGNATURE' });
    const invalid = await postSnapshot(w, a, { ...snapshotOf(a, 2), seq: 'two' } as never);
    expect({ status: invalid.statusCode, code: invalid.json().code }).toEqual({ status: 400, code: 'E_SCHEMA' });
    const broken = await postSnapshot(w, a, Buffer.from('{"not json'), {});
    expect({ status: broken.statusCode, code: broken.json().code }).toEqual({ status: 400, code: 'E_JSON' });
    const many = await Promise.all([2, 3, 4].map(async (seq) => {
      const other = await enrolledAgent(w, '财政局', `pc-${seq}`);
      return postSnapshot(w, other, snapshotOf(other, 1), { gzip: true });
    }));
    expect(many.map((r) => r.statusCode)).toEqual([202, 202, 202]);
  });
});
