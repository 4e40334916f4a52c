import { beforeEach, describe, expect, it } from 'vitest';
import type { SoftwareItem } from '@zhengban/shared';
import type { VerdictRow } from '../../src/store/engine-types.js';
import { encodeChanges } from '../../src/store/software-change-repo.js';
import { finding } from './engine-seed.js';
import { AT, LATER, seedMachine, seededStore } from './registry-seed.js';
import { eachStore } from './stores.js';

/** A machine's verdict history and software changes, and the software up for review, as every store answers them. */

const sw = (name: string, changes: Partial<SoftwareItem> = {}): SoftwareItem => ({ name, source: 'registry', ...changes });

eachStore((open) => {
  const t = seededStore(open);

  describe('verdict history', () => {
    it('answers a machine’s verdicts newest first, at most `limit`, each with its findings naming the snapshot', async () => {
      const ids = await t.store.transaction(async (tx) => {
        const { snapshotId } = await seedMachine(tx, t.units.finance, 'pc-1');
        await seedMachine(tx, t.units.finance, 'pc-2');
        const assessed = await tx.engine.findingSetId([finding('licensed', 'Windows 11 Pro')]);
        const unlicensed = await tx.engine.findingSetId([finding('no-entitlement', 'Windows 11 Pro')]);
        const none = await tx.engine.findingSetId([]);
        const verdict = (v: Partial<VerdictRow>): VerdictRow => ({
          snapshotId,
          status: 'unauthorized',
          rulesVersion: 'r1',
          decidedAt: AT,
          findingSetId: none,
          entitlementSetId: unlicensed,
          trigger: 'snapshot',
          detail: null,
          ...v,
        });
        const first = await tx.engine.insertVerdict('pc-1', verdict({}));
        await tx.engine.insertVerdict('pc-2', verdict({}));
        const second = await tx.engine.insertVerdict(
          'pc-1',
          verdict({ status: 'licensed', rulesVersion: 'r2', decidedAt: LATER, findingSetId: assessed, entitlementSetId: none, trigger: 'licence', detail: 'licence #1 created by cli' }),
        );
        return { first, second, snapshotId };
      });
      const history = await t.store.read.verdictHistory.list('pc-1', 10);
      expect(history.map((h) => h.id)).toEqual([ids.second, ids.first]);
      expect(history[0]).toEqual({
        id: ids.second,
        snapshotId: ids.snapshotId,
        trigger: 'licence',
        triggerDetail: 'licence #1 created by cli',
        verdict: {
          status: 'licensed',
          findings: [{ ...finding('licensed', 'Windows 11 Pro'), snapshotId: ids.snapshotId }],
          rulesVersion: 'r2',
          decidedAt: LATER,
          snapshotId: ids.snapshotId,
        },
      });
      expect(history[1]).toMatchObject({ trigger: 'snapshot', triggerDetail: null, verdict: { status: 'unauthorized', findings: [{ code: 'no-entitlement', snapshotId: ids.snapshotId }] } });
      expect((await t.store.read.verdictHistory.list('pc-1', 1)).map((h) => h.id)).toEqual([ids.second]);
    });

    it('answers no verdicts for a machine never judged, or one that does not exist', async () => {
      await t.store.transaction((tx) => seedMachine(tx, t.units.finance, 'pc-1'));
      expect(await t.store.read.verdictHistory.list('pc-1', 10)).toEqual([]);
      expect(await t.store.read.verdictHistory.list('no-such-machine', 10)).toEqual([]);
    });
  });

  describe('software changes', () => {
    it('answers a machine’s changes newest first, at most `limit`, and none for a machine without any', async () => {
      await t.store.transaction(async (tx) => {
        const { snapshotId } = await seedMachine(tx, t.units.finance, 'pc-1');
        const between = { snapshotId, previousSnapshotId: 'snap-0', at: AT };
        await tx.softwareChanges.insert(
          'pc-1',
          between,
          encodeChanges([
            { change: 'installed', name: 'WPS Office', publisher: 'Kingsoft', versionBefore: null, versionAfter: '12.1' },
            { change: 'removed', name: 'WinRAR', publisher: null, versionBefore: '6.0', versionAfter: null },
          ]),
        );
      });
      const changes = await t.store.read.softwareChanges.list('pc-1', 10);
      expect(changes.map((c) => [c.change, c.name])).toEqual([
        ['removed', 'WinRAR'],
        ['installed', 'WPS Office'],
      ]);
      expect(changes[1]).toMatchObject({ snapshotId: 'snap-pc-1', previousSnapshotId: 'snap-0', at: AT, publisher: 'Kingsoft', versionBefore: null, versionAfter: '12.1' });
      expect(await t.store.read.softwareChanges.list('pc-1', 1)).toHaveLength(1);
      expect(await t.store.read.softwareChanges.list('no-such-machine', 10)).toEqual([]);
    });
  });

  describe('software for review', () => {
    beforeEach(async () => {
      await t.store.transaction(async (tx) => {
        await seedMachine(tx, t.units.finance, 'pc-1', [
          sw('WinRAR', { publisher: 'win.rar GmbH', version: '6.0' }),
          sw('Acme Survey', { publisher: 'Acme', version: '3.2' }),
          sw('libc6', { source: 'dpkg', version: '2.36' }),
          sw('Hidden Update', { systemComponent: true }),
        ]);
        await seedMachine(tx, t.units.budget, 'pc-2', [sw('WinRAR', { publisher: 'win.rar GmbH', version: '7.0' }), sw('WinRAR', { version: '6.0' })]);
        await seedMachine(tx, t.units.education, 'pc-3', [sw('WinRAR', { publisher: 'win.rar GmbH', version: '6.0' }), sw('Zoom')]);
        // A list written but not made current (agents.software_gen still 0) is no one's software yet.
        await tx.software.insert('pc-3', 1, [{ item: sw('Staged Only'), installed: null }]);
      });
    });

    it('groups installed software by name and publisher, most widespread first, then by name', async () => {
      const all = await t.store.read.reviews.candidates();
      expect(all.map((c) => [c.name, c.publisher, c.machines])).toEqual([
        ['WinRAR', 'win.rar GmbH', 3],
        ['Acme Survey', 'Acme', 1],
        ['WinRAR', null, 1],
        ['Zoom', null, 1],
      ]);
      expect([...all[0]!.versions].sort()).toEqual(['6.0', '7.0']);
      expect(all[3]).toEqual({ name: 'Zoom', publisher: null, versions: [], machines: 1, firstSeen: AT });
    });

    it('counts only the machines of the units given, and nothing for no units', async () => {
      const scoped = await t.store.read.reviews.candidates([t.units.finance, t.units.budget]);
      expect(scoped.map((c) => [c.name, c.publisher, c.machines])).toEqual([
        ['WinRAR', 'win.rar GmbH', 2],
        ['Acme Survey', 'Acme', 1],
        ['WinRAR', null, 1],
      ]);
      expect(await t.store.read.reviews.candidates([])).toEqual([]);
    });
  });
});
