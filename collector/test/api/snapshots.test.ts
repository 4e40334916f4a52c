import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestResponse, assertValid, generateKeyPair, signBytes } from '@zhengban/shared';
import { RULES_VERSION } from '../../src/classify/index.js';
import { T0, countRows, enrolledAgent, postSnapshot, snapshotOf, testApp, type TestAgent, type TestApp } from '../helper.js';

let t: TestApp;
let agent: TestAgent;
beforeEach(async () => {
  t = await testApp({ limits: { bodyBytes: 256 * 1024, decompressedBytes: 512 * 1024 } });
  agent = await enrolledAgent(t);
});
afterEach(() => t.close());

/** Sends, expects a refusal with this status and code, and checks nothing was stored. */
async function expectRefused(send: () => ReturnType<typeof postSnapshot>, status: number, code: string) {
  const before = countRows(t.dbFile);
  const res = await send();
  expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
  expect(res.json().message).toEqual(expect.any(String));
  expect(countRows(t.dbFile)).toEqual(before);
  return res;
}

describe('POST /api/v1/snapshots', () => {
  it('accepts a signed snapshot with 202 and the verdict, after storing it', async () => {
    const snap = snapshotOf(agent, 1);
    const res = await postSnapshot(t, agent, snap);
    expect(res.statusCode).toBe(202);
    const body = assertValid(IngestResponse, res.json(), 'answer');
    expect(body).toMatchObject({ snapshotId: snap.snapshotId, agentId: agent.agentId, seq: 1, duplicate: false });
    expect(body.verdict.rulesVersion).toContain(RULES_VERSION);
    expect(body.verdict.decidedAt).toBe(T0.toISOString());
    expect(countRows(t.dbFile)).toMatchObject({ snapshots: 1, verdicts: 1, machine_software: 1 });
  });

  it('stores the exact bytes that were signed', async () => {
    const text = `{   \n\t${JSON.stringify(snapshotOf(agent, 1), null, 3).slice(1)}`;
    expect((await postSnapshot(t, agent, text)).statusCode).toBe(202);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(t.dbFile, { readonly: true });
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync((db.prepare('SELECT payload_gz FROM snapshots').get() as { payload_gz: Buffer }).payload_gz).toString('utf8')).toBe(text);
    db.close();
  });

  it('answers the same snapshotId again with 200, the stored answer and duplicate:true', async () => {
    const snap = snapshotOf(agent, 1);
    const first = (await postSnapshot(t, agent, snap)).json();
    t.clock.now = new Date(T0.getTime() + 3_600_000);
    const before = countRows(t.dbFile);
    const again = await postSnapshot(t, agent, snap);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first, duplicate: true });
    expect(countRows(t.dbFile)).toEqual(before);
  });

  it('stores a snapshot sent twice at once only once', async () => {
    const snap = snapshotOf(agent, 1);
    const [a, b] = await Promise.all([postSnapshot(t, agent, snap), postSnapshot(t, agent, snap)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 202]);
    expect({ ...a.json(), duplicate: false }).toEqual({ ...b.json(), duplicate: false });
    expect(countRows(t.dbFile)).toMatchObject({ snapshots: 1, verdicts: 1 });
  });

  it('accepts a gzip body, verifying the decompressed bytes', async () => {
    const res = await postSnapshot(t, agent, snapshotOf(agent, 1), { gzip: true });
    expect(res.statusCode).toBe(202);
  });

  it('accepts late snapshots (spooled for days) and advances seq', async () => {
    const old = new Date(T0.getTime() - 10 * 86_400_000).toISOString();
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1, { collectedAt: old }))).statusCode).toBe(202);
    expect((await postSnapshot(t, agent, snapshotOf(agent, 2))).statusCode).toBe(202);
  });

  it('refuses an unknown or missing agent with 401 E_UNKNOWN_AGENT', async () => {
    await expectRefused(() => postSnapshot(t, agent, snapshotOf(agent, 1), { agentId: 'ag_nobody' }), 401, 'E_UNKNOWN_AGENT');
    await expectRefused(() => postSnapshot(t, agent, snapshotOf(agent, 1), { headers: { 'x-zhengban-agent': '' } }), 401, 'E_UNKNOWN_AGENT');
  });

  it('refuses a signature from another key, a malformed one and a missing one with 401 E_SIGNATURE', async () => {
    const bytes = Buffer.from(JSON.stringify(snapshotOf(agent, 1)));
    const other = signBytes(bytes, generateKeyPair().privateKeyPem);
    await expectRefused(() => postSnapshot(t, agent, bytes, { signature: other }), 401, 'E_SIGNATURE');
    await expectRefused(() => postSnapshot(t, agent, bytes, { signature: 'abc' }), 401, 'E_SIGNATURE');
    await expectRefused(() => postSnapshot(t, agent, bytes, { signature: '' }), 401, 'E_SIGNATURE');
  });

  it('refuses a body changed after signing, even by one space', async () => {
    const bytes = Buffer.from(JSON.stringify(snapshotOf(agent, 1)));
    const signature = signBytes(bytes, agent.keys.privateKeyPem);
    const tampered = Buffer.from(bytes.toString().replace('"seq":1', '"seq": 1'));
    await expectRefused(() => postSnapshot(t, agent, tampered, { signature }), 401, 'E_SIGNATURE');
  });

  it('refuses a replayed or older seq with 409 E_SEQ_REPLAY naming both numbers', async () => {
    expect((await postSnapshot(t, agent, snapshotOf(agent, 5))).statusCode).toBe(202);
    const same = await expectRefused(() => postSnapshot(t, agent, snapshotOf(agent, 5)), 409, 'E_SEQ_REPLAY');
    expect(same.json().message).toMatch(/seq 5 .*last accepted seq 5/);
    const older = await expectRefused(() => postSnapshot(t, agent, snapshotOf(agent, 3)), 409, 'E_SEQ_REPLAY');
    expect(older.json().message).toMatch(/seq 3 .*seq 5/);
  });

  it('refuses signed bytes that are not JSON, or not UTF-8, with 400 E_JSON', async () => {
    await expectRefused(() => postSnapshot(t, agent, '{"schemaVersion":1,'), 400, 'E_JSON');
    await expectRefused(() => postSnapshot(t, agent, Buffer.from([0x7b, 0xff, 0x7d])), 400, 'E_JSON');
  });

  it('refuses a schema-invalid snapshot with 400 E_SCHEMA naming the paths', async () => {
    const bad = { ...snapshotOf(agent, 1), seq: -1, machine: { hostname: 'pc', chassis: 'tower' } };
    const res = await expectRefused(() => postSnapshot(t, agent, JSON.stringify(bad)), 400, 'E_SCHEMA');
    expect(res.json().message).toContain('/seq');
    expect(res.json().message).toContain('/machine/chassis');
  });

  it('refuses any field the schema does not name, at the top or nested, writing nothing (E_SCHEMA)', async () => {
    const before = countRows(t.dbFile);
    const snap = snapshotOf(agent, 1);
    // 100,000 levels of nesting, written as text: JSON.stringify itself would overflow the stack.
    const deep = `${JSON.stringify(snap).slice(0, -1)},"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const cases: [string, string][] = [
      [JSON.stringify({ ...snap, padding: 'x'.repeat(200 * 1024) }), '/padding'],
      [JSON.stringify({ ...snap, machine: { ...snap.machine, extra: 1 } }), '/machine/extra'],
      [JSON.stringify({ ...snap, os: { ...snap.os, activation: { ...snap.os.activation, note: 'x' } } }), '/os/activation/note'],
      [deep, '/deep'],
    ];
    for (const [body, where] of cases) {
      const res = await expectRefused(() => postSnapshot(t, agent, body), 400, 'E_SCHEMA');
      expect(res.json().message).toContain(where);
    }
    expect(countRows(t.dbFile)).toEqual(before);
  });

  it('refuses a seq that is not a safe integer, so an agent can always report again', async () => {
    const res = await expectRefused(() => postSnapshot(t, agent, JSON.stringify({ ...snapshotOf(agent, 1), seq: 1e300 })), 400, 'E_SCHEMA');
    expect(res.json().message).toContain('/seq');
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1))).statusCode).toBe(202);
  });

  it('reads format 1 from older agents, and refuses an unknown format naming the ones it reads', async () => {
    const { observations: _none, ...v1 } = { ...snapshotOf(agent, 1), schemaVersion: 1, observations: undefined };
    expect((await postSnapshot(t, agent, JSON.stringify(v1))).statusCode).toBe(202);
    const res = await expectRefused(() => postSnapshot(t, agent, JSON.stringify({ ...snapshotOf(agent, 2), schemaVersion: 7 })), 400, 'E_SCHEMA');
    expect(res.json().message).toMatch(/schemaVersion must be one of 1, 2/);
  });

  it('refuses a snapshot naming another agent than the sender', async () => {
    await expectRefused(() => postSnapshot(t, agent, snapshotOf(agent, 1, { agentId: 'ag_other' })), 400, 'E_AGENT_MISMATCH');
    await expectRefused(() => postSnapshot(t, agent, snapshotOf(agent, 1, { agentId: null })), 400, 'E_AGENT_MISMATCH');
  });

  it('refuses a snapshot collected more than 24 h in the future with 400 E_CLOCK_SKEW', async () => {
    const future = new Date(T0.getTime() + 25 * 3_600_000).toISOString();
    await expectRefused(() => postSnapshot(t, agent, snapshotOf(agent, 1, { collectedAt: future })), 400, 'E_CLOCK_SKEW');
    const nearFuture = new Date(T0.getTime() + 23 * 3_600_000).toISOString();
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1, { collectedAt: nearFuture }))).statusCode).toBe(202);
  });

  it('refuses an oversized body with 413 before looking at the agent', async () => {
    const big = Buffer.alloc(300 * 1024, 0x20);
    await expectRefused(() => postSnapshot(t, agent, big, { agentId: 'ag_nobody' }), 413, 'E_TOO_LARGE');
  });

  it('refuses a gzip body that inflates beyond the cap with 413, and a corrupt one with 400', async () => {
    const bomb = Buffer.alloc(600 * 1024, 0x20);
    const headers = { 'content-encoding': 'gzip' };
    await expectRefused(
      () => t.app.inject({ method: 'POST', url: '/api/v1/snapshots', headers: { ...headers, 'content-type': 'application/json', 'x-zhengban-agent': agent.agentId, 'x-zhengban-signature': 'x' }, payload: gzipSync(bomb) }),
      413,
      'E_TOO_LARGE',
    );
    await expectRefused(
      () => t.app.inject({ method: 'POST', url: '/api/v1/snapshots', headers: { ...headers, 'content-type': 'application/json', 'x-zhengban-agent': agent.agentId }, payload: Buffer.from('not gzip') }),
      400,
      'E_GZIP',
    );
  });

  it('refuses an unknown Content-Encoding with 415 and a non-JSON content type with 415', async () => {
    await expectRefused(() => postSnapshot(t, agent, snapshotOf(agent, 1), { headers: { 'content-encoding': 'br' } }), 415, 'E_ENCODING');
    await expectRefused(() => postSnapshot(t, agent, snapshotOf(agent, 1), { headers: { 'content-type': 'text/plain' } }), 415, 'E_MEDIA_TYPE');
  });

  it('updates the machine, and skips software rows when the list is unchanged', async () => {
    await postSnapshot(t, agent, snapshotOf(agent, 1));
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(t.dbFile, { readonly: true });
    const rowids = () => db.prepare('SELECT rowid FROM machine_software').all();
    const first = rowids();
    await postSnapshot(t, agent, snapshotOf(agent, 2));
    expect(rowids()).toEqual(first);
    db.close();
    const m = await t.store.read.machines.get(agent.agentId, { staleBefore: T0.toISOString() });
    expect(m).toMatchObject({ lastSeq: 2, softwareCount: 1 });
  });
});
