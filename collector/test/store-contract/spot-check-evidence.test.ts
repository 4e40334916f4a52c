import { beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '@zhengban/shared';
import type { NewEntry, NewSpotCheck } from '../../src/store/spot-check-types.js';
import type { StoreTx } from '../../src/store/tx-types.js';
import { overlapping } from './overlap.js';
import { AT, LATER, seededDb, seedMachine } from './registry-seed.js';
import { eachStoreDb } from './stores.js';

/**
 * What a spot check freezes of a machine, where the dialects differ: the identity read
 * out of the facts' JSON (json_extract in SQLite, jsonb operators in PostgreSQL), the
 * machines' order by id, a stored verdict read whole, and a spot check two transactions
 * add machines to at once.
 */

const finding = (category: Finding['category'], subject: string): Finding => ({
  category, code: 'licensed', passed: true, subject, message: subject, messageZh: `${subject}：已授权`, facts: [`product = ${subject}`],
});
const draw = (unitId: number): NewSpotCheck => ({
  unitId, createdAt: AT, createdBy: 'cli', ratio: 0.1, min: 3, seed: 's', population: 3, strataJson: '[]', gradingJson: '{}', recheckOf: null,
});
const onSite = (no: number, unitId: number): NewEntry => ({
  no, origin: 'on-site', agentId: null, unitId, kind: 'other', hostname: `found-${no}`, hardwareUuid: null, serial: null, machineId: null, frozenJson: null, frozenAt: null,
});
const json = (v: unknown) => JSON.stringify(v).replaceAll("'", "''");

eachStoreDb((open) => {
  const t = seededDb(open);
  let snapshotId: string;
  beforeEach(async () => {
    snapshotId = await t.store.transaction(async (tx) => {
      const { snapshotId } = await seedMachine(tx, t.units.finance, 'pc-a');
      await seedMachine(tx, t.units.finance, 'PC-Z');
      await seedMachine(tx, t.units.finance, 'pc-b');
      return snapshotId;
    });
    await t.db.exec(`UPDATE agents SET hardware_uuid = 'U-ENROLLED', serial = 'S-ENROLLED', machine_id = 'M-ENROLLED'`);
  });

  describe('the machines drawn from', () => {
    it('are in byte order of their ids, upper case first', async () => {
      expect((await t.store.read.spotChecks.population([t.units.finance])).map((m) => m.id)).toEqual(['PC-Z', 'pc-a', 'pc-b']);
    });

    it('take a measured value decoded from its JSON, and the enrolled one where the facts hold null, lack it, or lack the machine', async () => {
      await t.db.exec(`INSERT INTO machine_facts (agent_id, facts_json) VALUES
        ('pc-a', '{"machine":{"hardwareUuid":"U-\\u4e2d\\"q\\"","serial":null}}'),
        ('PC-Z', '{"os":{"name":"Windows"}}')`);
      const identity = (await t.store.read.spotChecks.population([t.units.finance])).map((m) => [m.id, m.hardwareUuid, m.serial, m.machineId]);
      expect(identity).toEqual([
        ['PC-Z', 'U-ENROLLED', 'S-ENROLLED', 'M-ENROLLED'],
        ['pc-a', 'U-中"q"', 'S-ENROLLED', 'M-ENROLLED'],
        ['pc-b', 'U-ENROLLED', 'S-ENROLLED', 'M-ENROLLED'],
      ]);
    });
  });

  describe('a machine’s evidence', () => {
    it('is its facts and its current verdict whole: findings of the assessment, the entitlements and its own, in category order, naming the snapshot', async () => {
      await t.db.exec(`INSERT INTO machine_facts (agent_id, facts_json) VALUES ('pc-a', '{"machine":{"hostname":"pc-a"}}')`);
      await t.db.exec(`INSERT INTO finding_sets (hash, json) VALUES ('assessed', '${json([finding('office', 'WPS')])}'), ('entitled', '${json([finding('os', 'Windows 11')])}')`);
      await t.db.exec(`INSERT INTO verdicts (agent_id, snapshot_id, status, rules_version, findings_json, decided_at, finding_set_id, entitlement_set_id)
        VALUES ('pc-a', '${snapshotId}', 'licensed', 'r7', '${json([finding('antivirus', '火绒')])}', '${LATER}',
          (SELECT id FROM finding_sets WHERE hash = 'assessed'), (SELECT id FROM finding_sets WHERE hash = 'entitled'))`);
      await t.db.exec(`UPDATE agents SET verdict_id = (SELECT max(id) FROM verdicts) WHERE id = 'pc-a'`);
      expect(await t.store.read.spotChecks.evidence('pc-a')).toEqual({
        facts: { machine: { hostname: 'pc-a' } },
        verdict: {
          status: 'licensed',
          findings: [finding('os', 'Windows 11'), finding('office', 'WPS'), finding('antivirus', '火绒')].map((f) => ({ ...f, snapshotId })),
          rulesVersion: 'r7',
          decidedAt: LATER,
          snapshotId,
          collectedAt: AT,
        },
      });
    });

    it('has no verdict where the machine names none, or one that is not there, and its facts all the same', async () => {
      await t.db.exec(`INSERT INTO machine_facts (agent_id, facts_json) VALUES ('pc-b', '{}')`);
      await t.db.exec(`UPDATE agents SET verdict_id = 12345 WHERE id = 'pc-b'`);
      expect(await t.store.read.spotChecks.evidence('pc-b')).toEqual({ facts: {}, verdict: null });
      expect(await t.store.read.spotChecks.evidence('PC-Z')).toEqual({ facts: null, verdict: null });
    });
  });

  it('numbers a machine found on site after one another transaction is adding to the same spot check', async () => {
    const id = await t.store.transaction((tx) => tx.spotChecks.insert(draw(t.units.finance)));
    const addOnSite = async (tx: StoreTx) => {
      await tx.spotChecks.getForUpdate(id);
      const no = Math.max(0, ...(await tx.spotChecks.entries(id)).map((e) => e.no)) + 1;
      await tx.spotChecks.addEntry(id, onSite(no, t.units.finance));
      return no;
    };
    expect(await overlapping(t.store, addOnSite, addOnSite)).toEqual([1, 2]);
  });
});
