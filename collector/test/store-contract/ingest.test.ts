import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding, Verdict } from '@zhengban/shared';
import { enrollWithToken } from '../../src/service/enroll-service.js';
import type { IngestRecord } from '../../src/service/ingest-records.js';
import { ingestWriter } from '../../src/service/ingest-writer.js';
import { createAdminToken, createEnrollmentToken, useAdminToken } from '../../src/service/token-service.js';
import type { EngineTx } from '../../src/store/engine-types.js';
import type { Store } from '../../src/store/store.js';
import { T0, minimalSnapshot } from '../helper.js';
import { eachStoreDb, type ContractDb } from './stores.js';

const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000).toISOString();
const agent = (id: string) => ({ id, publicKey: `PEM of ${id}`, hostname: id, hardwareUuid: null, machineId: null, serial: null, agentVersion: '0.1.0' });
const verdict = (status: Verdict['status']): Verdict => ({ status, findings: [], rulesVersion: 'r1', decidedAt: at(1) });
const finding = (subject: string): Finding => ({ category: 'other', code: 'licensed', passed: true, subject, message: subject, messageZh: subject, facts: [`name = ${subject}`] });

function record(agentId: string, seq: number, status: Verdict['status'] = 'licensed', software = minimalSnapshot().software): IngestRecord {
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
    clientIp: null,
    payloadGz: gzipSync(JSON.stringify(s)),
    signature: 'sig',
    stateHash: `state of ${agentId} ${JSON.stringify(software)}`,
    facts: { machine: s.machine, os: s.os, office: s.office, antivirus: s.antivirus },
    softwareHash: JSON.stringify(software),
    software,
    // The engine's part of the transaction, reduced to storing the given verdict.
    decide: async (tx: EngineTx) => {
      await tx.insertVerdict(agentId, {
        snapshotId: s.snapshotId,
        status: v.status,
        rulesVersion: v.rulesVersion,
        decidedAt: v.decidedAt,
        findingSetId: await tx.findingSetId([]),
        entitlementSetId: await tx.findingSetId(v.findings),
        trigger: 'snapshot',
        detail: null,
      });
      return v;
    },
  };
}

eachStoreDb((open) => {
  let db: ContractDb;
  let store: Store;
  beforeEach(async () => {
    db = await open();
    store = db.store;
  });
  const token = (hash: string, unitName = '财政局', maxUses: number | null = null) =>
    createEnrollmentToken(store, { tokenHash: hash, unitName, createdAt: at(0), expiresAt: at(24), maxUses, actor: 'test' });
  const commit = (r: IngestRecord) => ingestWriter(store).commit(r);

  describe('enrollment tokens', () => {
    it('creates the unit on first use, reuses it after, and audits each token', async () => {
      await token('h1');
      await token('h2');
      const tokens = await store.read.enrollments.list();
      expect(tokens.map((t) => [t.unit, t.uses, t.maxUses])).toEqual([
        ['财政局', 0, null],
        ['财政局', 0, null],
      ]);
      expect((await store.read.units.list()).map((u) => [u.name, u.parentId])).toEqual([['财政局', null]]);
      expect((await store.read.audit.list({ limit: 10, offset: 0 })).map((e) => e.action)).toEqual(['enrollment-token.create', 'enrollment-token.create']);
    });
  });

  describe('enrolling an agent', () => {
    it('consumes one use and creates the agent', async () => {
      await token('h', '财政局', 1);
      expect(await enrollWithToken(store, 'h', at(1), agent('ag_1'))).toEqual({ kind: 'enrolled', unit: '财政局' });
      expect((await store.read.enrollments.list())[0]?.uses).toBe(1);
      expect(await store.read.agents.key('ag_1')).toMatchObject({ id: 'ag_1', publicKey: 'PEM of ag_1', lastSeq: null });
    });

    it('refuses unknown, expired and used-up tokens and an enrolled key without writing', async () => {
      await token('h', '财政局', 1);
      await enrollWithToken(store, 'h', at(1), agent('ag_1'));
      const before = await db.counts();
      expect(await enrollWithToken(store, 'nope', at(1), agent('ag_2'))).toEqual({ kind: 'unknown-token' });
      expect(await enrollWithToken(store, 'h', at(2), agent('ag_3'))).toEqual({ kind: 'used-up', maxUses: 1 });
      await token('h2');
      const mid = await db.counts();
      expect(await enrollWithToken(store, 'h2', at(24), agent('ag_4'))).toMatchObject({ kind: 'expired' });
      expect(await enrollWithToken(store, 'h2', at(2), { ...agent('ag_5'), publicKey: 'PEM of ag_1' })).toEqual({ kind: 'key-enrolled', agentId: 'ag_1' });
      expect(await db.counts()).toEqual(mid);
      expect(mid.agents).toBe(before.agents);
    });
  });

  describe('admin tokens', () => {
    it('finds a token by hash and records its use', async () => {
      await token('e');
      const unit = await store.read.units.findByName('财政局');
      const created = await createAdminToken(store, { tokenHash: 't', role: 'viewer', unitId: unit!.id, createdAt: at(0), actor: 'cli' });
      expect(created).toMatchObject({ role: 'viewer', unit: '财政局', lastUsedAt: null });
      expect(await useAdminToken(store, 't', at(2))).toMatchObject({ id: created.id, unitId: unit!.id });
      expect((await store.read.adminTokens.list())[0]?.lastUsedAt).toBe(at(2));
      expect(await useAdminToken(store, 'other', at(2))).toBeUndefined();
    });
  });

  describe('ingest', () => {
    beforeEach(async () => {
      await token('h');
      await enrollWithToken(store, 'h', at(0), agent('ag_1'));
    });

    it('stores snapshot, verdict, software and machine state together', async () => {
      const r = record('ag_1', 1);
      const v = { ...verdict('licensed'), snapshotId: r.snapshotId, collectedAt: r.collectedAt };
      const response = { snapshotId: r.snapshotId, agentId: 'ag_1', seq: r.seq, duplicate: false, verdict: v };
      expect(await commit(r)).toEqual({ kind: 'stored', softwareRewritten: true, verdict: v });
      expect(await db.counts()).toMatchObject({ snapshots: 1, verdicts: 1, machine_software: 1 });
      expect(await store.read.snapshots.find(r.snapshotId)).toEqual({ agentId: 'ag_1', response });
      const m = await store.read.machines.get('ag_1', { staleBefore: at(0) });
      expect(m).toMatchObject({ status: 'licensed', lastSeq: 1, lastSnapshotId: r.snapshotId, softwareCount: 1, lastSeen: at(1) });
      expect(await store.read.software.list('ag_1')).toEqual(r.software);
    });

    it('answers a duplicate from the store and a replayed seq with the last seq, writing nothing', async () => {
      const r = record('ag_1', 5);
      await commit(r);
      const before = await db.counts();
      expect(await commit(r)).toEqual({ kind: 'duplicate', response: { snapshotId: r.snapshotId, agentId: r.agentId, seq: r.seq, duplicate: false, verdict: { ...verdict('licensed'), snapshotId: r.snapshotId, collectedAt: r.collectedAt } } });
      expect(await commit(record('ag_1', 5))).toEqual({ kind: 'seq-replay', lastSeq: 5 });
      expect(await commit(record('ag_1', 4))).toEqual({ kind: 'seq-replay', lastSeq: 5 });
      expect(await db.counts()).toEqual(before);
    });

    it('refuses a snapshot id already used by another agent', async () => {
      await token('h2');
      await enrollWithToken(store, 'h2', at(0), agent('ag_2'));
      const r = record('ag_1', 1);
      await commit(r);
      expect(await commit({ ...r, agentId: 'ag_2' })).toEqual({ kind: 'snapshot-conflict' });
    });

    it('rewrites software rows only when the list changed', async () => {
      const software = [
        { name: 'WPS Office', version: '11.1', publisher: '金山办公', source: 'registry:HKLM' },
        { name: 'bash', source: 'dpkg' },
      ];
      expect(await commit(record('ag_1', 1, 'licensed', software))).toMatchObject({ softwareRewritten: true });
      expect(await commit(record('ag_1', 2, 'unauthorized', software))).toMatchObject({ softwareRewritten: false });
      expect(await store.read.software.list('ag_1')).toEqual(software);
      expect(await commit(record('ag_1', 3, 'licensed', software.slice(1)))).toMatchObject({ softwareRewritten: true });
      expect(await db.counts()).toMatchObject({ machine_software: 1 });
      expect(await store.read.software.list('ag_1')).toEqual([{ name: 'bash', source: 'dpkg' }]);
    });

    it('keeps each agent in order when its snapshots arrive together, and commits every one', async () => {
      const outcomes = await Promise.all([1, 2, 3, 4].map((seq) => commit(record('ag_1', seq))));
      expect(outcomes.map((o) => o.kind)).toEqual(['stored', 'stored', 'stored', 'stored']);
      expect(await store.read.agents.key('ag_1')).toMatchObject({ lastSeq: 4 });
      expect(await db.counts()).toMatchObject({ snapshots: 4, verdicts: 4 });
    });
  });

  describe('machines', () => {
    beforeEach(async () => {
      await token('a', '财政局');
      await token('b', '教育局');
      await enrollWithToken(store, 'a', at(0), agent('ag_1'));
      await enrollWithToken(store, 'a', at(0), agent('ag_2'));
      await enrollWithToken(store, 'b', at(0), agent('ag_3'));
      await commit(record('ag_1', 1, 'licensed'));
      await commit(record('ag_3', 30, 'unauthorized'));
    });
    const ids = async (f: Partial<Parameters<Store['read']['machines']['list']>[0]>) =>
      (await store.read.machines.list({ staleBefore: at(10), limit: 50, offset: 0, ...f })).rows.map((r) => r.id);

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
      const unit = await store.read.units.findByName('财政局');
      expect(await ids({ scopeUnitId: unit!.id })).toEqual(['ag_1', 'ag_2']);
      expect(await ids({ scopeUnitId: unit!.id, unit: '教育局' })).toEqual([]);
      const page = await store.read.machines.list({ staleBefore: at(10), limit: 1, offset: 1 });
      expect(page.total).toBe(3);
      expect(page.rows.map((r) => r.id)).toEqual(['ag_2']);
    });

    it('scopes to a unit subtree once units have parents', async () => {
      await db.exec("UPDATE units SET parent_id = (SELECT id FROM units WHERE name = '财政局') WHERE name = '教育局'");
      const top = await store.read.units.findByName('财政局');
      expect(await ids({ scopeUnitId: top!.id })).toEqual(['ag_1', 'ag_2', 'ag_3']);
      expect(await store.read.machines.get('ag_3', { scopeUnitId: top!.id, staleBefore: at(0) })).toBeDefined();
    });
  });

  describe("the caller's transaction", () => {
    it('stores a finding set once by content and reads it back', async () => {
      const [a, again, b] = await store.transaction(async ({ engine }) => [await engine.findingSetId([finding('A')]), await engine.findingSetId([finding('A')]), await engine.findingSetId([finding('B')])]);
      expect(again).toBe(a);
      expect(b).not.toBe(a);
      expect(await store.transaction(({ engine }) => engine.findingSet(a!))).toEqual([finding('A')]);
    });

    it('writes nothing of a transaction that throws, and forgets the ids it handed out', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.engine.findingSetId([finding('A')]);
          await tx.audit.record({ at: at(0), actor: 'test', action: 'test.write', target: null, detail: null });
          throw new Error('ingest failed');
        }),
      ).rejects.toThrow('ingest failed');
      expect(await store.read.audit.list({ limit: 10, offset: 0 })).toEqual([]);
      const [b, a] = await store.transaction(async ({ engine }) => [await engine.findingSetId([finding('B')]), await engine.findingSetId([finding('A')])]);
      expect(a).not.toBe(b);
      expect(await store.transaction(async ({ engine }) => [await engine.findingSet(a!), await engine.findingSet(b!)])).toEqual([[finding('A')], [finding('B')]]);
    });

    it('keeps transactions that run together apart: one that throws takes nothing of the others with it', async () => {
      const write = (n: number, fail: boolean) =>
        store.transaction(async (tx) => {
          await tx.audit.record({ at: at(n), actor: 'test', action: `test.${n}`, target: null, detail: null });
          if (fail) throw new Error(`write ${n} failed`);
          return n;
        });
      const results = await Promise.allSettled([write(1, false), write(2, true), write(3, false)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.read.audit.list({ limit: 10, offset: 0 })).map((e) => e.action).sort()).toEqual(['test.1', 'test.3']);
    });
  });
});
