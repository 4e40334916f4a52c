import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { enrollWithToken } from '../../src/service/enroll-service.js';
import { advanceOf, seedAgent } from './agent-seed.js';
import { AT, LATER, seededDb } from './registry-seed.js';
import { eachStoreDb } from './stores.js';

/** Agents as enrollment and ingest write them, and the software generations staged for them. */

const newAgent = (id: string, publicKey = `key-${id}`) => ({ id, publicKey, hostname: id, hardwareUuid: null, machineId: null, serial: null, agentVersion: '0.1.0' });

eachStoreDb((open) => {
  const t = seededDb(open);

  describe('agents', () => {
    it('reads a new agent back: nothing reported yet, its counts as numbers; undefined for one never enrolled', async () => {
      await t.store.transaction((tx) => seedAgent(tx, t.units.finance, 'ag_1'));
      const stored = { id: 'ag_1', publicKey: 'key-ag_1', unitId: t.units.finance, lastSeq: null, softwareHash: null, stateHash: null, softwareGen: 0, softwareCount: 0, lastSnapshotId: null };
      expect(await t.store.read.agents.find('ag_1')).toEqual(stored);
      expect(await t.store.transaction((tx) => tx.agents.findForUpdate('ag_1'))).toEqual(stored);
      expect(await t.store.read.agents.key('ag_1')).toEqual({ id: 'ag_1', publicKey: 'key-ag_1', unitId: t.units.finance, lastSeq: null, stateHash: null });
      expect(await t.store.read.agents.find('ag_none')).toBeUndefined();
      expect(await t.store.transaction((tx) => tx.agents.findForUpdate('ag_none'))).toBeUndefined();
      expect(await t.store.read.agents.key('ag_none')).toBeUndefined();
    });

    it('names the agent enrolled first of those holding a key, and none for a key never enrolled', async () => {
      await t.store.transaction(async (tx) => {
        await seedAgent(tx, t.units.finance, 'ag_late', { publicKey: 'PEM', enrolledAt: LATER });
        await seedAgent(tx, t.units.finance, 'ag_early', { publicKey: 'PEM', enrolledAt: AT });
      });
      expect(await t.store.transaction((tx) => tx.agents.withKey('PEM'))).toBe('ag_early');
      expect(await t.store.read.agents.withKey('other PEM')).toBeUndefined();
    });

    it('advances only past its last seq, and writes the facts only then', async () => {
      await t.store.transaction((tx) => seedAgent(tx, t.units.finance, 'ag_1'));
      const advance = (seq: number, factsJson = JSON.stringify({ seq })) => t.store.transaction((tx) => tx.agents.advance(advanceOf('ag_1', seq, { factsJson })));
      expect(await advance(5)).toBe(true);
      expect(await advance(5, '{"replayed":true}')).toBe(false);
      expect(await advance(4, '{"replayed":true}')).toBe(false);
      expect(await t.store.read.agents.find('ag_1')).toEqual({
        id: 'ag_1', publicKey: 'key-ag_1', unitId: t.units.finance, lastSeq: 5, softwareHash: 'software of 5', stateHash: 'state of 5',
        softwareGen: 2 ** 40 + 5, softwareCount: 3, lastSnapshotId: 'ag_1-5',
      });
      const machine = await t.store.read.machines.get('ag_1', { staleBefore: AT });
      expect(machine).toMatchObject({ facts: { seq: 5 }, lastSeen: LATER, ip: '10.0.0.7', chassis: 'desktop', osName: 'Windows 11' });
      expect(await advance(6)).toBe(true);
      expect((await t.store.read.machines.get('ag_1', { staleBefore: AT }))?.facts).toEqual({ seq: 6 });
    });

    it('is touched only past its last seq, and never before its first snapshot', async () => {
      await t.store.transaction((tx) => seedAgent(tx, t.units.finance, 'ag_1'));
      const touch = (seq: number) =>
        t.store.transaction((tx) => tx.agents.touch({ agentId: 'ag_1', seq, lastSeen: LATER, lastIp: null, snapshotId: `s-${seq}`, collectedAt: LATER }));
      // A NULL last seq compares as unknown: the agent must be judged once before a snapshot can only touch it.
      expect(await touch(1)).toBe(false);
      await t.store.transaction((tx) => tx.agents.advance(advanceOf('ag_1', 1)));
      expect(await touch(2)).toBe(true);
      expect(await touch(2)).toBe(false);
      expect(await t.store.read.agents.find('ag_1')).toMatchObject({ lastSeq: 2, lastSnapshotId: 's-2', stateHash: 'state of 1' });
      expect(await touch(9)).toBe(true);
      expect(await t.store.read.agents.key('ag_1')).toMatchObject({ lastSeq: 9 });
    });

    it('holds an agent found for update until its transaction ends: a second one waits and sees its advance; a read does not wait', async () => {
      await t.store.transaction(async (tx) => {
        await seedAgent(tx, t.units.finance, 'ag_1');
        await tx.agents.advance(advanceOf('ag_1', 1));
      });
      const order: string[] = [];
      let held!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      const first = t.store.transaction(async (tx) => {
        await tx.agents.findForUpdate('ag_1');
        held();
        await sleep(150);
        await tx.agents.advance(advanceOf('ag_1', 2));
        order.push('first commits');
      });
      await holding;
      const read = t.store.read.agents.find('ag_1').then((a) => order.push(`read ${a?.lastSeq}`));
      const second = t.store.transaction(async (tx) => {
        const a = await tx.agents.findForUpdate('ag_1');
        order.push(`second finds ${a?.lastSeq}`);
      });
      await Promise.all([first, read, second]);
      expect(order).toEqual(['read 1', 'first commits', 'second finds 2']);
    });
  });

  describe('enrolling at once', () => {
    // Connections open before the race, so that neither enrollment is done before the other begins.
    const warm = () => Promise.all([1, 2, 3, 4].map(() => t.store.read.units.list()));

    it('spends the last use of a token once: one agent is enrolled, the other is told the token is used up', async () => {
      await t.store.transaction((tx) => tx.enrollments.insert({ tokenHash: 'once', unitId: t.units.finance, createdAt: AT, expiresAt: LATER, maxUses: 1, network: null }));
      await warm();
      const outcomes = await Promise.all(['ag_1', 'ag_2'].map((id) => enrollWithToken(t.store, 'once', AT, newAgent(id))));
      expect(outcomes.map((o) => o.kind).sort()).toEqual(['enrolled', 'used-up']);
      expect((await t.store.read.enrollments.list())[0]).toMatchObject({ uses: 1, maxUses: 1 });
      expect((await t.db.counts()).agents).toBe(1);
    });

    it('enrolls a key once, whatever the tokens: the other enrollment is told which agent holds it', async () => {
      await t.store.transaction(async (tx) => {
        for (const hash of ['a', 'b']) await tx.enrollments.insert({ tokenHash: hash, unitId: t.units.finance, createdAt: AT, expiresAt: LATER, maxUses: null, network: null });
      });
      await warm();
      const outcomes = await Promise.all([enrollWithToken(t.store, 'a', AT, newAgent('ag_1', 'PEM')), enrollWithToken(t.store, 'b', AT, newAgent('ag_2', 'PEM'))]);
      const enrolled = outcomes.findIndex((o) => o.kind === 'enrolled');
      expect(outcomes[1 - enrolled]).toEqual({ kind: 'key-enrolled', agentId: `ag_${enrolled + 1}` });
      expect((await t.db.counts()).agents).toBe(1);
    });
  });

  describe('staged software generations', () => {
    const staged = (agentId: string, gen: number, snapshotId: string | null = null, stagedAt: string | null = AT) => ({ agentId, gen, snapshotId, stagedAt });

    it('lists an agent’s by generation, or every agent’s; a generation staged twice keeps the first', async () => {
      await t.store.transaction(async (tx) => {
        await seedAgent(tx, t.units.finance, 'ag_2');
        await seedAgent(tx, t.units.finance, 'ag_1');
        await tx.staging.add(staged('ag_2', 2 ** 46, 'snap-x'));
        await tx.staging.add(staged('ag_1', 7, null, null));
        await tx.staging.add(staged('ag_1', 3, 'snap-y', LATER));
        await tx.staging.add(staged('ag_1', 7, 'snap-z', LATER));
      });
      const one = [staged('ag_1', 3, 'snap-y', LATER), staged('ag_1', 7, null, null)];
      expect(await t.store.read.staging.list('ag_1')).toEqual(one);
      const all = await t.store.read.staging.list();
      expect(all.sort((a, b) => a.agentId.localeCompare(b.agentId) || a.gen - b.gen)).toEqual([...one, staged('ag_2', 2 ** 46, 'snap-x')]);
      expect(await t.store.read.staging.list('ag_none')).toEqual([]);
    });

    it('removes one generation of one agent', async () => {
      await t.store.transaction(async (tx) => {
        await seedAgent(tx, t.units.finance, 'ag_1');
        await seedAgent(tx, t.units.finance, 'ag_2');
        await tx.staging.add(staged('ag_1', 1));
        await tx.staging.add(staged('ag_1', 2));
        await tx.staging.add(staged('ag_2', 1));
      });
      await t.store.transaction((tx) => tx.staging.remove('ag_1', 1));
      expect((await t.store.read.staging.list()).map((s) => [s.agentId, s.gen]).sort()).toEqual([['ag_1', 2], ['ag_2', 1]]);
    });
  });
});
