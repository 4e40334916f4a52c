import { describe, expect, it } from 'vitest';
import type { Assessment } from '../../src/classify/assessment.js';
import type { SoftwareItem } from '@zhengban/shared';
import { outlineOf, verdictFindings } from '../../src/classify/combine.js';
import { assessment, covered, finding, install, reported, verdictRow } from './engine-seed.js';
import { AT, LATER, seedMachine, seededStore } from './registry-seed.js';
import { eachStore } from './stores.js';

/** The verdict engine's assessments, verdicts and inputs, as every store keeps them (engine-seats.test.ts: seats). */

const sw = (name: string, changes: Partial<SoftwareItem> = {}): SoftwareItem => ({ name, source: 'registry:HKLM', ...changes });

eachStore((open) => {
  const t = seededStore(open);

  describe('assessments', () => {
    it('are stored by content: machines in the same state share a basis and a finding set, each naming its snapshot', async () => {
      const findings = [finding('licensed', 'Windows 11 Pro'), finding('no-entitlement', 'WPS Office', 'office')];
      const a = assessment('snap-pc-1', [install('windows'), install('wps-office', { category: 'office', edition: null })], findings);
      const [one, two] = await t.store.transaction(async (tx) => {
        await reported(tx, t.units.finance, 'pc-1');
        await reported(tx, t.units.education, 'pc-2');
        return [await tx.engine.saveAssessment('pc-1', a), await tx.engine.saveAssessment('pc-2', { ...a, snapshotId: 'snap-pc-2', collectedAt: LATER })];
      });
      expect(one).toEqual({ snapshotId: 'snap-pc-1', collectedAt: AT, basisId: one!.basisId, findingSetId: one!.findingSetId, basis: { installs: a.installs, outline: outlineOf(findings) } });
      expect([two!.basisId, two!.findingSetId, two!.snapshotId, two!.collectedAt]).toEqual([one!.basisId, one!.findingSetId, 'snap-pc-2', LATER]);
      // A later transaction finds the stored content by its hash, and reads it back whole.
      const again = await t.store.transaction(async ({ engine }) => ({
        setId: await engine.findingSetId(findings),
        empty: await engine.findingSetId([]),
        set: await engine.findingSet(one!.findingSetId),
        basis: await engine.basis(one!.basisId),
        bases: await engine.basisIds(),
      }));
      expect(again.setId).toBe(one!.findingSetId);
      expect(again.empty).not.toBe(one!.findingSetId);
      expect(again.set).toEqual(findings);
      expect(again.basis).toEqual(one!.basis);
      expect(again.bases).toEqual(new Map([['pc-1', one!.basisId], ['pc-2', one!.basisId]]));
      const machines = await t.store.read.engine.machines(['pc-2', 'pc-1']);
      expect(machines.map((m) => [m.agentId, m.unitId, m.unit, m.assessment, m.current])).toEqual([
        ['pc-1', t.units.finance, '财政局', { snapshotId: 'snap-pc-1', collectedAt: AT, basisId: one!.basisId, findingSetId: one!.findingSetId }, null],
        ['pc-2', t.units.education, '教育局', { snapshotId: 'snap-pc-2', collectedAt: LATER, basisId: one!.basisId, findingSetId: one!.findingSetId }, null],
      ]);
    });

    it('rewrite the installs that demand a seat when the basis moves, keeping the outcome of a product still installed', async () => {
      const windows = install('windows');
      const office = install('ms-office', { category: 'office', edition: 'pro-plus', release: '2021' });
      const firmware = install('windows-oem', { implicit: 'oem-firmware' });
      await t.store.transaction(async (tx) => {
        await reported(tx, t.units.finance, 'pc-1', { at: LATER });
        await tx.engine.saveAssessment('pc-1', assessment('snap-pc-1', [windows, firmware, office, install('visio', { kmsHost: 'kms.gov.local' })]));
        await tx.engine.saveOutcomes([
          { agentId: 'pc-1', productId: 'windows', outcome: covered(1) },
          { agentId: 'pc-1', productId: 'ms-office', outcome: covered(2) },
        ]);
      });
      const demands = await t.store.read.engine.demandsOf('pc-1');
      // By product; the firmware's OEM key covers its install without the registry: no demand.
      expect(demands).toEqual([
        { agentId: 'pc-1', productId: 'ms-office', edition: 'pro-plus', release: '2021', kmsHost: null, unitId: t.units.finance, firstSeen: LATER, outcomeJson: JSON.stringify(covered(2)) },
        { agentId: 'pc-1', productId: 'visio', edition: 'pro', release: '11', kmsHost: 'kms.gov.local', unitId: t.units.finance, firstSeen: LATER, outcomeJson: null },
        { agentId: 'pc-1', productId: 'windows', edition: 'pro', release: '11', kmsHost: null, unitId: t.units.finance, firstSeen: LATER, outcomeJson: JSON.stringify(covered(1)) },
      ]);
      const outcomes = async () => (await t.store.read.engine.machines(['pc-1']))[0]!.outcomes;
      expect(await outcomes()).toEqual(new Map([['windows', JSON.stringify(covered(1))], ['ms-office', JSON.stringify(covered(2))]]));

      // Office gone, Windows now Enterprise: a new basis; Windows keeps its outcome until seats are allocated again.
      const moved = assessment('snap-pc-1', [{ ...windows, edition: 'enterprise' }]);
      const saved = await t.store.transaction((tx) => tx.engine.saveAssessment('pc-1', moved));
      expect((await t.store.read.engine.demandsOf('pc-1')).map((d) => [d.productId, d.edition, d.outcomeJson])).toEqual([['windows', 'enterprise', JSON.stringify(covered(1))]]);
      expect(await outcomes()).toEqual(new Map([['windows', JSON.stringify(covered(1))]]));

      // The same assessment again writes nothing; a later snapshot of the same state moves only the snapshot.
      const same = await t.store.transaction((tx) => tx.engine.saveAssessment('pc-1', moved));
      expect(same.basisId).toBe(saved.basisId);
      await t.store.transaction(async (tx) => {
        await tx.snapshots.insert({ snapshotId: 'snap-pc-1b', agentId: 'pc-1', seq: 2, collectedAt: LATER, receivedAt: LATER, payloadGz: Buffer.from([]), signature: '', responseJson: '{}' });
        await tx.engine.saveAssessment('pc-1', { ...moved, snapshotId: 'snap-pc-1b', collectedAt: LATER });
      });
      const [m] = await t.store.read.engine.machines(['pc-1']);
      expect(m!.assessment).toEqual({ snapshotId: 'snap-pc-1b', collectedAt: LATER, basisId: saved.basisId, findingSetId: saved.findingSetId });
      expect(m!.outcomes).toEqual(new Map([['windows', JSON.stringify(covered(1))]]));
    });

    it('are stored in a batch as one at a time would store them: new, repeated, moved, fewer installs, content new and known', async () => {
      const windows = install('windows');
      const office = install('ms-office', { category: 'office', edition: 'pro-plus', release: '2021' });
      const visio = install('visio', { kmsHost: 'kms.gov.local' });
      const firmware = install('windows-oem', { implicit: 'oem-firmware' });
      const first = (id: string) => assessment(`snap-${id}`, [windows, office, visio]);
      const unique = (pair: number) => [finding('not-activated', `Windows 11 Pro #${pair}`)];
      // What machines are assessed as the second time, by pair (2k and 2k + 1 alike, one saved
      // singly, the other in the batch): the same as the first; moved to fewer installs, the
      // outcome of the one left kept; moved with findings of the pair's own, the outcomes of
      // Office and Windows kept; or the same installs with findings no machine had before.
      const second = (id: string): Assessment => {
        const n = Math.floor(Number(id.slice(3)) / 2);
        if (n % 4 === 0) return first(id);
        if (n % 4 === 1) return assessment(`snap-${id}`, [{ ...windows, edition: 'enterprise' }]);
        if (n % 4 === 2) return assessment(`snap-${id}`, [firmware, office, windows], unique(n));
        return { ...first(id), findings: [finding('licensed', 'Windows 11 Pro'), finding('no-entitlement', 'Visio', 'office')] };
      };
      const ids = Array.from({ length: 1010 }, (_, i) => `pc-${i}`);
      await t.store.transaction(async (tx) => {
        for (const id of ids) await reported(tx, t.units.finance, id);
        // Machines from pc-1000 on are assessed for the first time in the batch.
        for (const id of ids.slice(0, 1000)) await tx.engine.saveAssessment(id, first(id));
        await tx.engine.saveOutcomes(ids.slice(0, 1000).flatMap((id) => [
          { agentId: id, productId: 'windows', outcome: covered(1) },
          { agentId: id, productId: 'ms-office', outcome: covered(2) },
        ]));
      });
      const one = ids.filter((_, i) => i % 2 === 0);
      const many = ids.filter((_, i) => i % 2 === 1);
      // The batch first, so content new to the database is added by it (and found by the singles after).
      const stored = await t.store.transaction(async ({ engine }) => {
        const batched = await engine.saveAssessments(many.map((id) => ({ agentId: id, assessment: second(id) })));
        for (const id of one) await engine.saveAssessment(id, second(id));
        expect(await engine.saveAssessments([])).toEqual([]);
        return { batched };
      });
      expect(stored.batched).toHaveLength(many.length);
      const read = t.store.read.engine;
      const looks = async (id: string) => {
        const [m] = await read.machines([id]);
        const demands = (await read.demandsOf(id)).map((d) => [d.productId, d.edition, d.kmsHost, d.outcomeJson]);
        return { assessment: m!.assessment, outcomes: m!.outcomes, demands };
      };
      // Each batched machine looks as the machine saved singly beside it does, and the ids answered are the ones stored.
      for (const [k, id] of many.entries()) {
        const [mine, theirs] = [await looks(id), await looks(one[k]!)];
        const { snapshotId, findingSetId } = mine.assessment!;
        expect({ id, ...mine, assessment: { ...mine.assessment, snapshotId: '' } }).toEqual({ id, ...theirs, assessment: { ...theirs.assessment, snapshotId: '' } });
        expect([snapshotId, await read.findingSet(findingSetId)]).toEqual([`snap-${id}`, second(id).findings]);
        const { basis, ...answered } = stored.batched[k]!;
        expect(answered).toEqual(mine.assessment);
        expect(basis).toEqual(await read.basis(mine.assessment!.basisId));
      }
      expect((await looks('pc-3')).demands).toEqual([['windows', 'enterprise', null, JSON.stringify(covered(1))]]);
      expect((await looks('pc-5')).demands).toEqual([
        ['ms-office', 'pro-plus', null, JSON.stringify(covered(2))],
        ['windows', 'pro', null, JSON.stringify(covered(1))],
      ]);
      expect((await looks('pc-1001')).demands).toEqual([
        ['ms-office', 'pro-plus', null, null],
        ['visio', 'pro', 'kms.gov.local', null],
        ['windows', 'pro', null, null],
      ]);
    });

    it('are the same content whichever of two transactions at once adds it first', async () => {
      await t.store.transaction(async (tx) => {
        await reported(tx, t.units.finance, 'pc-1');
        await reported(tx, t.units.finance, 'pc-2');
      });
      const findings = [finding('not-activated', 'Windows 11 Pro')];
      const entitled = [finding('no-entitlement', 'Windows 11 Pro')];
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let added!: () => void;
      const firstAdded = new Promise<void>((r) => (added = r));
      const first = t.store.transaction(async ({ engine }) => {
        const a = await engine.saveAssessment('pc-1', assessment('snap-pc-1', [install('windows')], findings));
        const entitlement = await engine.findingSetId(entitled);
        added();
        await held;
        return { ...a, entitlement };
      });
      await firstAdded;
      // On PostgreSQL the others wait on the first's uncommitted rows, then find them.
      const second = t.store.transaction(({ engine }) => engine.saveAssessment('pc-2', assessment('snap-pc-2', [install('windows')], findings)));
      const third = t.store.transaction(({ engine }) => engine.findingSetId(entitled));
      setTimeout(release, 250);
      const [a, b, c] = await Promise.all([first, second, third]);
      expect([b.basisId, b.findingSetId, c]).toEqual([a.basisId, a.findingSetId, a.entitlement]);
    });
  });

  describe('verdicts', () => {
    it('become the machine’s current one, read back whole with its findings naming the snapshot', async () => {
      const assessed = [finding('licensed', 'Windows 11 Pro')];
      const entitled = [finding('no-entitlement', 'WPS Office', 'office')];
      const ids = await t.store.transaction(async (tx) => {
        const { engine } = tx;
        await reported(tx, t.units.finance, 'pc-1');
        await seedMachine(tx, t.units.finance, 'pc-2');
        const set = await engine.findingSetId(assessed);
        const entitlement = await engine.findingSetId(entitled);
        const first = await engine.insertVerdict('pc-1', verdictRow('snap-pc-1', set, entitlement, { status: 'unauthorized' }));
        const second = await engine.insertVerdict('pc-1', verdictRow('snap-pc-1', set, entitlement, { decidedAt: LATER, trigger: 'licence', detail: 'licence #1' }));
        return { set, entitlement, first, second, seen: await engine.verdictIdOf('pc-1') };
      });
      expect(ids.second).toBeGreaterThan(ids.first);
      expect(ids.seen).toBe(ids.second);
      expect(await t.store.read.engine.verdictIdOf('pc-1')).toBe(ids.second);
      expect(await t.store.read.engine.currentVerdict('pc-1')).toEqual({
        id: ids.second,
        verdict: { status: 'licensed', findings: verdictFindings(assessed, entitled, 'snap-pc-1'), rulesVersion: 'r1', decidedAt: LATER, snapshotId: 'snap-pc-1', collectedAt: AT },
      });
      const [m] = await t.store.read.engine.machines(['pc-1']);
      expect(m!.current).toEqual({ status: 'licensed', findingSetId: ids.set, entitlementSetId: ids.entitlement, wholeJson: null });
      await expect(t.store.read.engine.verdictIdOf('pc-2')).rejects.toThrow('machine pc-2 has no verdict');
      expect(await t.store.read.engine.currentVerdict('pc-2')).toBeUndefined();
      expect(await t.store.read.engine.currentVerdict('no-such-machine')).toBeUndefined();
    });

    it('are stored for many machines at once, in the order given, each the machine’s current one', async () => {
      const assessed = [finding('licensed', 'Windows 11 Pro')];
      const entitled = [finding('no-entitlement', 'WPS Office', 'office')];
      // More than one batch of the PostgreSQL store's (a thousand), so the batches' seams are crossed.
      const ids = Array.from({ length: 1203 }, (_, i) => `pc-${String(i).padStart(4, '0')}`);
      const sets = await t.store.transaction(async (tx) => {
        for (const id of ids) await reported(tx, t.units.finance, id);
        const set = await tx.engine.findingSetId(assessed);
        const entitlement = await tx.engine.findingSetId(entitled);
        const empty = await tx.engine.findingSetId([]);
        await tx.engine.insertVerdicts([]);
        // The even machines are unauthorized by their entitlement; the odd ones licensed with none.
        const verdicts = ids.map((id, i) => ({
          agentId: id,
          row: verdictRow(`snap-${id}`, set, i % 2 === 0 ? entitlement : empty, { status: i % 2 === 0 ? 'unauthorized' : 'licensed', trigger: 'licence', detail: 'licence #1' }),
        }));
        await tx.engine.insertVerdicts(verdicts.reverse());
        return { set, entitlement, empty };
      });
      const verdictIds = await Promise.all(ids.map((id) => t.store.read.engine.verdictIdOf(id)));
      // Given last to first: the ids fall as the names rise.
      expect(verdictIds.every((id, i) => i === 0 || id < verdictIds[i - 1]!)).toBe(true);
      const machines = await t.store.read.engine.machines([ids[0]!, ids[1]!, ids.at(-1)!]);
      expect(machines.map((m) => [m.agentId, m.current])).toEqual([
        [ids[0], { status: 'unauthorized', findingSetId: sets.set, entitlementSetId: sets.entitlement, wholeJson: null }],
        [ids[1], { status: 'licensed', findingSetId: sets.set, entitlementSetId: sets.empty, wholeJson: null }],
        [ids.at(-1), { status: 'unauthorized', findingSetId: sets.set, entitlementSetId: sets.entitlement, wholeJson: null }],
      ]);
      expect(await t.store.read.engine.currentVerdict(ids[0]!)).toEqual({
        id: verdictIds[0],
        verdict: { status: 'unauthorized', findings: verdictFindings(assessed, entitled, `snap-${ids[0]}`), rulesVersion: 'r1', decidedAt: AT, snapshotId: `snap-${ids[0]}`, collectedAt: AT },
      });
    });

    it('are refused in a batch that names a machine twice, as are assessments, before anything is written', async () => {
      await t.store.transaction(async (tx) => {
        await reported(tx, t.units.finance, 'pc-1');
        await reported(tx, t.units.finance, 'pc-2');
      });
      const twice = t.store.transaction(async ({ engine }) => {
        const set = await engine.findingSetId([]);
        const row = verdictRow('snap-pc-1', set, set);
        await engine.insertVerdicts([{ agentId: 'pc-1', row }, { agentId: 'pc-2', row: { ...row, snapshotId: 'snap-pc-2' } }, { agentId: 'pc-1', row }]);
      });
      await expect(twice).rejects.toThrow('insertVerdicts: machine pc-1 is in the batch twice');
      const a = assessment('snap-pc-2', [install('windows')]);
      await expect(t.store.transaction(({ engine }) => engine.saveAssessments([{ agentId: 'pc-2', assessment: a }, { agentId: 'pc-2', assessment: a }]))).rejects.toThrow(
        'saveAssessments: machine pc-2 is in the batch twice',
      );
      expect(await t.store.read.engine.currentVerdict('pc-1')).toBeUndefined();
      expect((await t.store.read.engine.machines(['pc-1', 'pc-2'])).map((m) => [m.assessment, m.current])).toEqual([[null, null], [null, null]]);
    });

    it('are refused for a snapshot never stored, leaving the machine as it was', async () => {
      await t.store.transaction((tx) => reported(tx, t.units.finance, 'pc-1'));
      const refused = t.store.transaction(async ({ engine }) => engine.insertVerdict('pc-1', verdictRow('no-such-snapshot', await engine.findingSetId([]), await engine.findingSetId([]))));
      await expect(refused).rejects.toThrow();
      expect(await t.store.read.engine.currentVerdict('pc-1')).toBeUndefined();
    });
  });

  describe('machines', () => {
    it('come in one batch in byte order of their ids, unknown ones left out', async () => {
      await t.store.transaction(async (tx) => {
        for (const id of ['pc-c', 'PC-B', 'pc-a']) await reported(tx, t.units.finance, id);
      });
      const ids = (await t.store.read.engine.machines(['pc-c', 'nobody', 'pc-a', 'PC-B'])).map((m) => m.agentId);
      expect(ids).toEqual(['PC-B', 'pc-a', 'pc-c']);
      expect(await t.store.read.engine.machines([])).toEqual([]);
      // Only machines that reported, in byte order too.
      await t.store.transaction((tx) => seedMachine(tx, t.units.finance, 'pc-0'));
      expect(await t.store.read.engine.allAgentIds()).toEqual(['PC-B', 'pc-a', 'pc-c']);
    });

    it('are judged again from their facts and their list in the order it was written, with the programs installed since', async () => {
      const between = { snapshotId: 'snap-pc-1', previousSnapshotId: 'snap-pc-0', at: AT };
      const software = [
        { item: sw('Zoom', { version: '5.17', publisher: 'Zoom Video', sizeBytes: 2 ** 40, systemComponent: false, scope: 'user' as const, userSid: 'S-1-5-21' }), installed: between },
        { item: sw('7-Zip 23.01', { arch: 'x64', installDate: '20240101', systemComponent: true }), installed: null },
        { item: sw('zoom'), installed: { ...between, at: LATER } },
        { item: sw('Bash', { source: 'dpkg' }), installed: null },
      ];
      await t.store.transaction(async (tx) => {
        await reported(tx, t.units.budget, 'pc-1', { at: LATER, software });
        await seedMachine(tx, t.units.budget, 'pc-2');
      });
      const { input, installed, others } = await t.store.transaction(async ({ engine }) => ({
        input: await engine.judgedInput('pc-1'),
        installed: await engine.installedSince('pc-1'),
        others: await engine.installedSince('pc-2'),
      }));
      expect(input).toEqual({
        unitId: t.units.budget,
        snapshot: {
          snapshotId: 'snap-pc-1',
          collectedAt: LATER,
          machine: { hostname: 'pc-1' },
          os: { family: 'windows', name: 'Windows 11 Pro' },
          office: [],
          antivirus: [],
          indicators: [],
          collectionErrors: [],
          software: software.map((s) => s.item),
        },
      });
      // A later program of the same name wins, as in the list.
      expect(installed).toEqual(new Map([['zoom', { ...between, at: LATER }]]));
      expect(await t.store.read.engine.installedSince('pc-1')).toEqual(installed);
      expect(others).toEqual(new Map());
      expect(await t.store.read.engine.judgedInput('pc-2')).toBeUndefined();
      expect(await t.store.read.engine.judgedInput('nobody')).toBeUndefined();
    });

    it('share a state when their state and unit are the same and nothing was installed after their first snapshot', async () => {
      const installed = { item: sw('Zoom'), installed: { snapshotId: 'snap-x', previousSnapshotId: 'snap-w', at: AT } };
      await t.store.transaction(async (tx) => {
        await reported(tx, t.units.finance, 'pc-1', { stateHash: 'S' });
        await reported(tx, t.units.finance, 'pc-2', { stateHash: 'S', at: LATER, software: [{ item: sw('Zoom'), installed: null }] });
        await reported(tx, t.units.education, 'pc-3', { stateHash: 'S' });
        await reported(tx, t.units.finance, 'pc-4', { stateHash: 'S', software: [installed] });
        await reported(tx, t.units.finance, 'pc-5', { stateHash: null });
        await seedMachine(tx, t.units.finance, 'pc-6');
      });
      expect(await t.store.read.engine.sharedStates()).toEqual(
        new Map([
          ['pc-1', { key: `S/${t.units.finance}`, snapshotId: 'snap-pc-1', collectedAt: AT }],
          ['pc-2', { key: `S/${t.units.finance}`, snapshotId: 'snap-pc-2', collectedAt: LATER }],
          ['pc-3', { key: `S/${t.units.education}`, snapshotId: 'snap-pc-3', collectedAt: AT }],
        ]),
      );
    });

    it('with a product activated through a KMS host are named once each, in byte order', async () => {
      await t.store.transaction(async (tx) => {
        for (const id of ['pc-b', 'PC-C', 'pc-a']) await reported(tx, t.units.finance, id);
        const kms = { kmsHost: 'kms.gov.local' };
        await tx.engine.saveAssessment('pc-b', assessment('snap-pc-b', [install('windows', kms), install('ms-office', kms)]));
        await tx.engine.saveAssessment('PC-C', assessment('snap-PC-C', [install('windows', kms)]));
        await tx.engine.saveAssessment('pc-a', assessment('snap-pc-a', [install('windows')]));
      });
      expect(await t.store.read.engine.agentsWithKmsHost()).toEqual(['PC-C', 'pc-b']);
    });
  });
});
