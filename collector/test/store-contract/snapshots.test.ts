import { describe, expect, it } from 'vitest';
import { responseJson } from '../../src/store/snapshot-repo.js';
import type { StoreTx } from '../../src/store/tx-types.js';
import { advanceOf, seedAgent } from './agent-seed.js';
import { AT, LATER, seededDb } from './registry-seed.js';
import { eachStoreDb } from './stores.js';

/** Snapshots as ingest stores them, the answers read back, and retention's slices. */

const day = (n: number) => `2026-10-${String(n).padStart(2, '0')}T08:00:00.000Z`;
const answer = (snapshotId: string, agentId: string, seq: number) => ({ snapshotId, agentId, seq, duplicate: false });

async function snapshot(tx: StoreTx, agentId: string, seq: number, receivedAt: string, responseJsonText = '{}'): Promise<string> {
  const snapshotId = `${agentId}-${seq}`;
  await tx.snapshots.insert({ snapshotId, agentId, seq, collectedAt: receivedAt, receivedAt, payloadGz: Buffer.from([0x1f, 0x8b, seq]), signature: 'sig', responseJson: responseJsonText });
  return snapshotId;
}

eachStoreDb((open) => {
  const t = seededDb(open);
  /** A verdict row as the engine writes one, by SQL both dialects read alike; the first is id 1. */
  const verdictOf = (agentId: string, snapshotId: string, status = 'licensed') =>
    t.db.exec(`INSERT INTO verdicts (agent_id, snapshot_id, status, rules_version, findings_json, decided_at)
      VALUES ('${agentId}', '${snapshotId}', '${status}', 'r1', '[]', '${LATER}')`);
  /** The snapshots retention has pruned, read through the audit log, the one table a repo lists rows of whatever they hold. */
  const pruned = async () => {
    await t.db.exec(`INSERT INTO audit_log (at, actor, action, target)
      SELECT pruned_at, 'test', 'pruned', snapshot_id FROM snapshots WHERE pruned_at IS NOT NULL AND payload_gz IS NULL AND signature = '' AND payload = ''`);
    const found = (await t.store.read.audit.list({ action: 'pruned', limit: 1000, offset: 0 })).map((e) => [e.target, e.at]);
    await t.db.exec("DELETE FROM audit_log WHERE action = 'pruned'");
    return found.sort();
  };

  describe('answers', () => {
    it('answers a stored snapshot with its sender and the verdict it names, whole; undefined for one never stored', async () => {
      await t.store.transaction((tx) => seedAgent(tx, t.units.finance, 'ag_1'));
      const id = await t.store.transaction((tx) => snapshot(tx, 'ag_1', 3, AT));
      await verdictOf('ag_1', id, 'unauthorized');
      await t.store.transaction((tx) => tx.snapshots.setResponse(id, answer(id, 'ag_1', 3), 1));
      expect(await t.store.read.snapshots.find(id)).toEqual({
        agentId: 'ag_1',
        response: { ...answer(id, 'ag_1', 3), verdict: { status: 'unauthorized', findings: [], rulesVersion: 'r1', decidedAt: LATER, snapshotId: id, collectedAt: AT } },
      });
      expect(await t.store.read.snapshots.find('never')).toBeUndefined();
    });

    it('answers a snapshot stored before answers named their verdict with the verdict it holds', async () => {
      await t.store.transaction((tx) => seedAgent(tx, t.units.finance, 'ag_1'));
      const whole = { ...answer('ag_1-1', 'ag_1', 1), verdict: { status: 'licensed', findings: [], rulesVersion: 'r0', decidedAt: AT } };
      await t.store.transaction((tx) => snapshot(tx, 'ag_1', 1, AT, JSON.stringify(whole)));
      expect(await t.store.read.snapshots.find('ag_1-1')).toEqual({ agentId: 'ag_1', response: whole });
    });

    it('refuses a snapshot id stored before, and a second snapshot of an agent at one seq', async () => {
      await t.store.transaction(async (tx) => {
        await seedAgent(tx, t.units.finance, 'ag_1');
        await seedAgent(tx, t.units.finance, 'ag_2');
        await snapshot(tx, 'ag_1', 1, AT);
      });
      await expect(t.store.transaction((tx) => tx.snapshots.insert({ snapshotId: 'ag_1-1', agentId: 'ag_2', seq: 1, collectedAt: AT, receivedAt: AT, payloadGz: Buffer.from([]), signature: '', responseJson: '{}' }))).rejects.toThrow();
      await expect(t.store.transaction((tx) => tx.snapshots.insert({ snapshotId: 'other', agentId: 'ag_1', seq: 1, collectedAt: AT, receivedAt: AT, payloadGz: Buffer.from([]), signature: '', responseJson: '{}' }))).rejects.toThrow();
      expect((await t.db.counts()).snapshots).toBe(1);
    });
  });

  describe('retention', () => {
    /** ag_1 reported on days 1 to 3 and twice lately, a verdict naming its day-2 snapshot; ag_2 once, on day 1. */
    const seedHistory = () =>
      t.store.transaction(async (tx) => {
        await seedAgent(tx, t.units.finance, 'ag_1');
        await seedAgent(tx, t.units.finance, 'ag_2');
        for (const [seq, at] of [[1, day(1)], [2, day(2)], [3, day(3)]] as const) await snapshot(tx, 'ag_1', seq, at);
        await snapshot(tx, 'ag_2', 1, day(1));
        await snapshot(tx, 'ag_1', 4, day(28));
        await snapshot(tx, 'ag_1', 5, day(29));
        await tx.agents.advance(advanceOf('ag_1', 5));
        await tx.agents.advance(advanceOf('ag_2', 1));
      });
    const slices = async (before: string, span: number) => {
      const out: { pruned: number; next: number | null }[] = [];
      for (let after: number | null = 0; after !== null; ) {
        const slice = await t.store.transaction((tx) => tx.snapshots.pruneSlice(after!, before, span, LATER));
        out.push(slice);
        after = slice.next;
      }
      return out;
    };

    it('prunes, a slice of `span` old snapshots at a time, each that is neither its machine’s latest nor named by a verdict', async () => {
      await seedHistory();
      await verdictOf('ag_1', 'ag_1-2');
      const out = await slices(day(10), 1);
      // In arrival order: ag_1-1 pruned, ag_1-2 named, ag_1-3 pruned, ag_2-1 its latest; then none that old is left.
      expect(out.map((s) => s.pruned)).toEqual([1, 0, 1, 0, 0]);
      expect(out.slice(0, -1).every((s) => typeof s.next === 'number')).toBe(true);
      expect(out.at(-1)).toEqual({ pruned: 0, next: null });
      expect(await pruned()).toEqual([['ag_1-1', LATER], ['ag_1-3', LATER]]);
    });

    it('keeps what was received since `before`, and prunes each snapshot once', async () => {
      await seedHistory();
      expect((await slices(day(29), 100)).map((s) => s.pruned)).toEqual([4, 0]);
      expect(await pruned()).toEqual(['ag_1-1', 'ag_1-2', 'ag_1-3', 'ag_1-4'].map((id) => [id, LATER]));
      expect((await slices(day(30), 100)).map((s) => s.pruned)).toEqual([0, 0]);
      // The row stays, and with it the answer a duplicate is given.
      expect(await t.db.counts()).toMatchObject({ snapshots: 6 });
    });

    it('answers at once when no snapshot is that old', async () => {
      expect(await t.store.transaction((tx) => tx.snapshots.pruneSlice(0, day(10), 2000, LATER))).toEqual({ pruned: 0, next: null });
      await seedHistory();
      expect(await t.store.transaction((tx) => tx.snapshots.pruneSlice(0, day(1), 2000, LATER))).toEqual({ pruned: 0, next: null });
    });

    it('walks a long history in many slices, none larger than `span`', async () => {
      await t.store.transaction(async (tx) => {
        await seedAgent(tx, t.units.finance, 'ag_1');
        for (let seq = 1; seq <= 400; seq++) await snapshot(tx, 'ag_1', seq, day(1 + (seq % 20)));
        await tx.agents.advance(advanceOf('ag_1', 400));
      });
      const out = await slices(day(30), 7);
      expect(out.every((s) => s.pruned <= 7)).toBe(true);
      expect(out.reduce((n, s) => n + s.pruned, 0)).toBe(399);
      expect((await pruned()).length).toBe(399);
    });
  });
});
