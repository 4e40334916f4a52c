import { describe, expect, it } from 'vitest';
import type { SoftwareItem } from '@zhengban/shared';
import type { ListedSoftware } from '../../src/engine/software-diff.js';
import { encodeChanges } from '../../src/store/software-change-repo.js';
import { AT, LATER, seedMachine, seededStore } from './registry-seed.js';
import { eachStore } from './stores.js';

/** Software lists and their changes as every store keeps them: the order written, generations, pages. */

const sw = (name: string, changes: Partial<SoftwareItem> = {}): SoftwareItem => ({ name, source: 'registry:HKLM', ...changes });
const between = { snapshotId: 'snap-pc-1', previousSnapshotId: 'snap-pc-0', at: AT };

/** Programs in no sorted order, with every column filled in one of them. */
const LIST: ListedSoftware[] = [
  { item: sw('WPS Office', { version: '12.1', publisher: '金山办公', arch: 'x64', installDate: '20260101', sizeBytes: 2 ** 40, scope: 'machine', systemComponent: false }), installed: between },
  { item: sw('7-Zip 23.01'), installed: null },
  { item: sw('zsh', { source: 'dpkg', scope: 'user', userSid: 'S-1-5-21-1', systemComponent: true }), installed: null },
  { item: sw('Adobe Reader'), installed: { ...between, at: LATER } },
];

eachStore((open) => {
  const t = seededStore(open);

  describe('software lists', () => {
    it('read back in the order written, across slices, only once made current', async () => {
      await t.store.transaction(async (tx) => {
        await seedMachine(tx, t.units.finance, 'pc-1', [sw('old')]);
        await tx.software.insert('pc-1', 5, LIST.slice(0, 2));
        await tx.software.insert('pc-1', 5, []);
      });
      await t.store.transaction((tx) => tx.software.insert('pc-1', 5, LIST.slice(2)));
      // Generation 0 is still the machine's list.
      expect(await t.store.read.software.list('pc-1')).toEqual([sw('old')]);
      await t.store.transaction(async (tx) => {
        const advanced = await tx.agents.advance({
          agentId: 'pc-1', seq: 1, lastSeen: AT, lastIp: null, snapshotId: 'snap-pc-1', collectedAt: AT, hostname: 'pc-1', chassis: 'desktop',
          osName: 'Windows 11', factsJson: '{}', softwareHash: 'h', stateHash: 's', softwareCount: LIST.length, softwareGen: 5, firstSeen: AT,
        });
        expect(advanced).toBe(true);
        expect(await tx.software.deleteGen('pc-1', 0, Number.MAX_SAFE_INTEGER)).toBe(1);
      });
      expect(await t.store.read.software.list('pc-1')).toEqual(LIST.map((s) => s.item));
      expect(await t.store.read.software.listed('pc-1')).toEqual(LIST);
      expect(await t.store.read.software.installedSince('pc-1')).toEqual(new Map([['wps office', between], ['adobe reader', { ...between, at: LATER }]]));
      expect(await t.store.read.software.list('nobody')).toEqual([]);
    });

    it('are read a page at a time in the order written, with what tells programs apart', async () => {
      await t.store.transaction((tx) => seedMachine(tx, t.units.finance, 'pc-1', []));
      await t.store.transaction((tx) => tx.software.insert('pc-1', 3, LIST));
      const pages: ListedSoftware[][] = [];
      for (let from: number | null = 0; from !== null; ) {
        const { page, next }: { page: ListedSoftware[]; next: number | null } = await t.store.read.software.listedPage('pc-1', 3, from, 3);
        pages.push(page);
        from = next;
      }
      expect(pages.map((p) => p.length)).toEqual([3, 1]);
      // A page keeps only the columns a comparison reads; the source is left empty.
      expect(pages.flat()).toEqual(
        LIST.map(({ item, installed }) => {
          const { installDate: _d, sizeBytes: _s, systemComponent: _c, source: _src, ...kept } = item;
          return { item: { ...kept, source: '' }, installed };
        }),
      );
      // A full last page says to go on, and the next one is empty.
      const whole = await t.store.read.software.listedPage('pc-1', 3, 0, 4);
      expect(whole.next).not.toBeNull();
      expect(await t.store.read.software.listedPage('pc-1', 3, whole.next!, 4)).toEqual({ page: [], next: null });
    });

    it('are deleted a slice at a time, saying how many rows went', async () => {
      await t.store.transaction((tx) => seedMachine(tx, t.units.finance, 'pc-1', []));
      await t.store.transaction((tx) => tx.software.insert('pc-1', 9, LIST));
      expect(await t.store.transaction((tx) => tx.software.deleteGen('pc-1', 9, 3))).toBe(3);
      expect(await t.store.transaction((tx) => tx.software.deleteGen('pc-1', 9, 3))).toBe(1);
      expect(await t.store.transaction((tx) => tx.software.deleteGen('pc-1', 9, 3))).toBe(0);
    });
  });

  describe('software changes', () => {
    it('are answered newest first across many sets, each change numbered by its set and place', async () => {
      await t.store.transaction(async (tx) => {
        await seedMachine(tx, t.units.finance, 'pc-1');
        // Ten snapshots stored, each with three changes; the changes of one never stored do not count.
        for (let n = 0; n < 11; n++) {
          const snapshotId = n === 10 ? 'snap-never-stored' : `snap-${n}`;
          if (n < 10) await tx.snapshots.insert({ snapshotId, agentId: 'pc-1', seq: n + 2, collectedAt: AT, receivedAt: AT, payloadGz: Buffer.from([]), signature: '', responseJson: '{}' });
          const changes = [1, 2, 3].map((k) => ({ change: 'installed' as const, name: `p${n}.${k}`, publisher: null, versionBefore: null, versionAfter: '1' }));
          await tx.softwareChanges.insert('pc-1', { ...between, snapshotId }, encodeChanges(changes));
        }
        await tx.softwareChanges.insert('pc-1', between, encodeChanges([]));
      });
      const names = async (limit: number) => (await t.store.read.softwareChanges.list('pc-1', limit)).map((c) => c.name);
      const all = Array.from({ length: 10 }, (_, n) => [3, 2, 1].map((k) => `p${9 - n}.${k}`)).flat();
      expect(await names(100)).toEqual(all);
      expect(await names(20)).toEqual(all.slice(0, 20));
      expect(await names(1)).toEqual(['p9.3']);
      expect(await names(0)).toEqual([]);
      const changes = await t.store.read.softwareChanges.list('pc-1', 30);
      expect(new Set(changes.map((c) => c.id)).size).toBe(30);
      expect([...changes.map((c) => c.id)].sort((a, b) => b - a)).toEqual(changes.map((c) => c.id));
      expect(changes[0]).toMatchObject({ snapshotId: 'snap-9', previousSnapshotId: 'snap-pc-0', at: AT, change: 'installed', publisher: null, versionBefore: null, versionAfter: '1' });
      // The changes of a snapshot that was not stored after all are dropped.
      await t.store.transaction((tx) => tx.softwareChanges.deleteOf('pc-1', 'snap-9'));
      expect((await names(3))[0]).toBe('p8.3');
    });
  });
});
