import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Verdict } from '@zhengban/shared';
import { T0, countRows, minimalSnapshot, tempDir } from '../../test/helper.js';
import { openStore } from './open.js';
import type { SqliteStore } from './sqlite-store.js';
import type { EngineTx } from './engine-types.js';
import type { IngestRecord } from './types.js';

let store: SqliteStore;
let dbFile: string;
let cleanup: () => void;
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000).toISOString();

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  dbFile = join(t.dir, 'z.db');
  store = openStore(dbFile);
});
afterEach(async () => {
  await store.close();
  cleanup();
});

const token = (hash: string, unitName = '财政局', maxUses: number | null = null) =>
  store.enrollment.create({ tokenHash: hash, unitName, createdAt: at(0), expiresAt: at(24), maxUses, actor: 'test' });

const agent = (id: string) => ({ id, publicKey: `PEM of ${id}`, hostname: id, hardwareUuid: null, machineId: null, serial: null, agentVersion: '0.1.0' });

const verdict = (status: Verdict['status']): Verdict => ({ status, findings: [], rulesVersion: 'r1', decidedAt: at(1) });

function record(agentId: string, seq: number, status: Verdict['status'] = 'licensed', software = minimalSnapshot().software) {
  const base = minimalSnapshot();
  const s = { ...base, agentId, seq, machine: { ...base.machine, hostname: agentId } };
  // As the engine makes it: naming the snapshot judged and when it was measured.
  const v: Verdict = { ...verdict(status), snapshotId: s.snapshotId, collectedAt: s.collectedAt };
  return {
    snapshotId: s.snapshotId,
    agentId,
    seq,
    collectedAt: s.collectedAt,
    receivedAt: at(seq),
    payloadGz: gzipSync(JSON.stringify(s)),
    signature: 'sig',
    stateHash: `state of ${agentId} ${JSON.stringify(software)}`,
    facts: { machine: s.machine, os: s.os, office: s.office, antivirus: s.antivirus },
    softwareHash: JSON.stringify(software),
    software,
    // The engine's part of the transaction, reduced to storing the given verdict.
    decide: (tx: EngineTx) => {
      tx.insertVerdict(agentId, {
        snapshotId: s.snapshotId,
        status: v.status,
        rulesVersion: v.rulesVersion,
        decidedAt: v.decidedAt,
        findingSetId: tx.findingSetId([]),
        entitlementSetId: tx.findingSetId(v.findings),
        trigger: 'snapshot',
        detail: null,
      });
      return v;
    },
  } satisfies IngestRecord;
}

describe('enrollment tokens', () => {
  it('creates the unit on first use, reuses it after, and audits each token', async () => {
    await token('h1');
    await token('h2');
    const tokens = await store.enrollment.list();
    expect(tokens.map((t) => [t.unit, t.uses, t.maxUses])).toEqual([
      ['财政局', 0, null],
      ['财政局', 0, null],
    ]);
    expect((await store.units.list()).map((u) => [u.name, u.parentId])).toEqual([['财政局', null]]);
    expect((await store.audit.list({ limit: 10, offset: 0 })).map((e) => e.action)).toEqual(['enrollment-token.create', 'enrollment-token.create']);
  });
});

describe('agents.enroll', () => {
  it('consumes one use and creates the agent', async () => {
    await token('h', '财政局', 1);
    expect(await store.agents.enroll('h', at(1), agent('ag_1'))).toEqual({ kind: 'enrolled', unit: '财政局' });
    expect((await store.enrollment.list())[0]?.uses).toBe(1);
    expect(await store.agents.findKey('ag_1')).toMatchObject({ id: 'ag_1', publicKey: 'PEM of ag_1', lastSeq: null });
  });

  it('refuses unknown, expired and used-up tokens without writing', async () => {
    await token('h', '财政局', 1);
    await store.agents.enroll('h', at(1), agent('ag_1'));
    const before = countRows(dbFile);
    expect(await store.agents.enroll('nope', at(1), agent('ag_2'))).toEqual({ kind: 'unknown-token' });
    expect(await store.agents.enroll('h', at(2), agent('ag_3'))).toEqual({ kind: 'used-up', maxUses: 1 });
    await token('h2');
    const mid = countRows(dbFile);
    expect(await store.agents.enroll('h2', at(24), agent('ag_4'))).toMatchObject({ kind: 'expired' });
    expect(countRows(dbFile)).toEqual(mid);
    expect(mid.agents).toBe(before.agents);
  });
});

describe('admin tokens', () => {
  it('finds a token by hash and records its use', async () => {
    await token('e');
    const unit = await store.units.findByName('财政局');
    const created = await store.adminTokens.create({ tokenHash: 't', role: 'viewer', unitId: unit!.id, createdAt: at(0), actor: 'cli' });
    expect(created).toMatchObject({ role: 'viewer', unit: '财政局', lastUsedAt: null });
    expect(await store.adminTokens.use('t', at(2))).toMatchObject({ id: created.id, unitId: unit!.id });
    expect((await store.adminTokens.list())[0]?.lastUsedAt).toBe(at(2));
    expect(await store.adminTokens.use('other', at(2))).toBeUndefined();
  });
});

describe('ingest.commit', () => {
  beforeEach(async () => {
    await token('h');
    await store.agents.enroll('h', at(0), agent('ag_1'));
  });

  it('stores snapshot, verdict, software and machine state together', async () => {
    const r = record('ag_1', 1);
    const v = { ...verdict('licensed'), snapshotId: r.snapshotId, collectedAt: r.collectedAt };
    const response = { snapshotId: r.snapshotId, agentId: 'ag_1', seq: r.seq, duplicate: false, verdict: v };
    expect(await store.ingest.commit(r)).toEqual({ kind: 'stored', softwareRewritten: true, verdict: v });
    expect(countRows(dbFile)).toMatchObject({ snapshots: 1, verdicts: 1, machine_software: 1 });
    expect(await store.ingest.findResponse('ag_1', r.snapshotId)).toEqual(response);
    expect(await store.ingest.findResponse('ag_other', r.snapshotId)).toBeUndefined();
    const m = await store.machines.get('ag_1', { staleBefore: at(0) });
    expect(m).toMatchObject({ status: 'licensed', lastSeq: 1, lastSnapshotId: r.snapshotId, softwareCount: 1, lastSeen: at(1) });
    expect(await store.machines.softwareOf('ag_1')).toEqual(r.software);
  });

  it('answers a duplicate from the store and a replayed seq with the last seq, writing nothing', async () => {
    const r = record('ag_1', 5);
    await store.ingest.commit(r);
    const before = countRows(dbFile);
    expect(await store.ingest.commit(r)).toEqual({ kind: 'duplicate', response: { snapshotId: r.snapshotId, agentId: r.agentId, seq: r.seq, duplicate: false, verdict: { ...verdict('licensed'), snapshotId: r.snapshotId, collectedAt: r.collectedAt } } });
    expect(await store.ingest.commit(record('ag_1', 5))).toEqual({ kind: 'seq-replay', lastSeq: 5 });
    expect(await store.ingest.commit(record('ag_1', 4))).toEqual({ kind: 'seq-replay', lastSeq: 5 });
    expect(countRows(dbFile)).toEqual(before);
  });

  it('refuses a snapshot id already used by another agent', async () => {
    await token('h2');
    await store.agents.enroll('h2', at(0), agent('ag_2'));
    const r = record('ag_1', 1);
    await store.ingest.commit(r);
    expect(await store.ingest.commit({ ...r, agentId: 'ag_2' })).toEqual({ kind: 'snapshot-conflict' });
  });

  it('skips rewriting software rows when the software hash is unchanged', async () => {
    const software = [
      { name: 'WPS Office', version: '11.1', publisher: '金山办公', source: 'registry:HKLM' },
      { name: 'bash', source: 'dpkg' },
    ];
    expect(await store.ingest.commit(record('ag_1', 1, 'licensed', software))).toMatchObject({ softwareRewritten: true });
    const db = new Database(dbFile, { readonly: true });
    const rowids = () => db.prepare('SELECT rowid FROM machine_software ORDER BY rowid').all();
    const first = rowids();
    expect(await store.ingest.commit(record('ag_1', 2, 'unauthorized', software))).toMatchObject({ softwareRewritten: false });
    expect(rowids()).toEqual(first);
    expect(await store.ingest.commit(record('ag_1', 3, 'licensed', software.slice(1)))).toMatchObject({ softwareRewritten: true });
    expect(rowids()).toHaveLength(1);
    db.close();
    expect(await store.machines.softwareOf('ag_1')).toEqual([{ name: 'bash', source: 'dpkg' }]);
  });
});

describe('machines.list', () => {
  beforeEach(async () => {
    await token('a', '财政局');
    await token('b', '教育局');
    await store.agents.enroll('a', at(0), agent('ag_1'));
    await store.agents.enroll('a', at(0), agent('ag_2'));
    await store.agents.enroll('b', at(0), agent('ag_3'));
    await store.ingest.commit(record('ag_1', 1, 'licensed'));
    await store.ingest.commit(record('ag_3', 30, 'unauthorized'));
  });
  const ids = async (f: Partial<Parameters<SqliteStore['machines']['list']>[0]>) =>
    (await store.machines.list({ staleBefore: at(10), limit: 50, offset: 0, ...f })).rows.map((r) => r.id);

  it('filters by status, pending and stale', async () => {
    expect(await ids({ status: 'licensed' })).toEqual(['ag_1']);
    expect(await ids({ status: 'unauthorized' })).toEqual(['ag_3']);
    expect(await ids({ status: 'pending' })).toEqual(['ag_2']);
    // ag_1 last seen at +1 h, ag_2 never (enrolled at 0); ag_3 seen at +30 h.
    expect(await ids({ status: 'stale' })).toEqual(['ag_1', 'ag_2']);
  });

  it('filters by unit and scope, and pages with a total', async () => {
    expect(await ids({ unit: '教育局' })).toEqual(['ag_3']);
    expect(await ids({ unit: 'nowhere' })).toEqual([]);
    const unit = await store.units.findByName('财政局');
    expect(await ids({ scopeUnitId: unit!.id })).toEqual(['ag_1', 'ag_2']);
    expect(await ids({ scopeUnitId: unit!.id, unit: '教育局' })).toEqual([]);
    const page = await store.machines.list({ staleBefore: at(10), limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.id)).toEqual(['ag_2']);
  });

  it('scopes to a unit subtree once units have parents', async () => {
    const db = new Database(dbFile);
    db.prepare("UPDATE units SET parent_id = (SELECT id FROM units WHERE name = '财政局') WHERE name = '教育局'").run();
    db.close();
    const top = await store.units.findByName('财政局');
    expect(await ids({ scopeUnitId: top!.id })).toEqual(['ag_1', 'ag_2', 'ag_3']);
    expect(await store.machines.get('ag_3', { scopeUnitId: top!.id, staleBefore: at(0) })).toBeDefined();
  });
});
