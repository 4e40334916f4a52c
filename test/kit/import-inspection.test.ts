import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSPECTION_VERSION, sealInspection, type InspectionEnvelope, type InspectionRecord, type KitFile, type Snapshot } from '@zhengban/shared';
import { catalogProvider } from '../../collector/src/catalog/provider.js';
import { judgeOnSite } from '../../collector/src/kit/judge-on-site.js';
import { importInspection, type InspectionImportDeps } from '../../collector/src/service/import-inspection.js';
import { createSpotCheck } from '../../collector/src/service/spot-check-create.js';
import { revokeInspector } from '../../collector/src/service/inspector-service.js';
import type { Inspector } from '../../collector/src/store/inspector-types.js';
import { collectorVerdict, fixtureSnapshot, kitOf, NOW, TRUSTED_KMS, UNIT, world, type World } from './world.js';

// Back at the office: a kit's signed scan checked against the inspector's registered key,
// judged again by today's rules, and attached to its spot check; refused when tampered
// with, signed by an unknown or revoked inspector, or naming no spot check.

let w: World;
let deps: InspectionImportDeps;
let spotCheckId: number;
let sampled: Snapshot;
beforeAll(async () => {
  w = await world();
  deps = { store: w.store, policy: { trustedKmsHosts: TRUSTED_KMS }, catalog: catalogProvider(w.store), now: () => NOW };
  sampled = await fixtureSnapshot('windows/win10-ent-mak-esu-addons');
  await collectorVerdict(w, sampled);
  ({ id: spotCheckId } = await createSpotCheck({ store: w.store, now: () => NOW, staleAfterMs: 48 * 3_600_000 }, 'cli', { unit: UNIT, ratio: 1, seed: 'kit' }));
});
afterAll(() => w.close());

interface Made { envelope: InspectionEnvelope; inspector: Inspector; kit: KitFile; record: InspectionRecord; key: string }

async function inspection(o: { spotCheck?: number; from?: string } = {}): Promise<Made> {
  const { inspector, kit, privateKeyPem } = await kitOf(w, o.spotCheck === undefined ? {} : { spotCheckId: o.spotCheck });
  const snapshot = o.from ? await fixtureSnapshot(`windows/${o.from}`) : { ...sampled, snapshotId: crypto.randomUUID() };
  const record: InspectionRecord = {
    version: INSPECTION_VERSION, kitId: kit.kitId, inspectorId: kit.inspector.id, inspectedAt: NOW.toISOString(),
    unit: kit.unit, spotCheckId: kit.spotCheckId, catalogVersion: kit.catalogVersion, rulesVersion: kit.rulesVersion,
    verdict: judgeOnSite(snapshot, kit, NOW), snapshot,
  };
  return { envelope: sealInspection(record, privateKeyPem), inspector, kit, record, key: privateKeyPem };
}

const scans = () => w.store.read.spotChecks.scans(spotCheckId);

describe('importInspection', () => {
  it('verifies the signature and attaches the scan to the spot check its record names, matched to the sampled PC', async () => {
    const { envelope } = await inspection({ spotCheck: spotCheckId });
    const before = (await scans()).length;
    const done = await importInspection(deps, envelope, {});
    expect(done).toEqual({ spotCheckId, hostname: sampled.machine.hostname, matchedBy: 'hardwareUuid', status: expect.stringMatching(/^(licensed|unauthorized), no\. 1$/) });
    expect((await scans()).length).toBe(before + 1);
    const again = await importInspection(deps, envelope, {});
    expect(again.status).toMatch(/attached before$/);
    expect((await scans()).length).toBe(before + 1);
  });

  it('keeps the kit\'s on-site verdict and reports today\'s when they differ', async () => {
    // A kit made before a catalog change judged otherwise: here, its verdict said the opposite.
    const { record, key } = await inspection({ spotCheck: spotCheckId, from: 'win10-kmspico' });
    const onSite = record.verdict.status === 'licensed' ? 'unauthorized' : 'licensed';
    const done = await importInspection(deps, sealInspection({ ...record, verdict: { ...record.verdict, status: onSite } }, key), {});
    expect(done.status).toContain(`(on site ${onSite})`);
    const stored = (await scans()).find((s) => JSON.parse(s.snapshotJson).snapshotId === record.snapshot.snapshotId)!;
    expect(JSON.parse(stored.verdictJson).status).toBe(onSite);
  });

  it('takes the spot check from the import when the record names none', async () => {
    const { envelope } = await inspection();
    expect((await importInspection(deps, envelope, { spotCheckId: String(spotCheckId) })).spotCheckId).toBe(spotCheckId);
    await expect(importInspection(deps, (await inspection()).envelope, {})).rejects.toMatchObject({ code: 'E_NO_SPOT_CHECK', status: 400 });
  });

  it('refuses a record changed after it was signed, and writes nothing', async () => {
    const { envelope } = await inspection({ spotCheck: spotCheckId });
    const before = (await scans()).length;
    const tampered = { ...envelope, payload: envelope.payload.replace('"status":"', '"status":"x') };
    await expect(importInspection(deps, tampered, {})).rejects.toMatchObject({ code: 'E_SIGNATURE', status: 401 });
    await expect(importInspection(deps, { ...envelope, signature: envelope.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }, {})).rejects.toMatchObject({ code: 'E_SIGNATURE' });
    expect((await scans()).length).toBe(before);
  });

  it('refuses an unknown inspector, another inspector\'s envelope and a revoked inspector', async () => {
    const { envelope, inspector } = await inspection({ spotCheck: spotCheckId });
    await expect(importInspection(deps, { ...envelope, inspectorId: '999' }, {})).rejects.toMatchObject({ code: 'E_INSPECTOR_UNKNOWN', status: 401 });
    await expect(importInspection(deps, { ...envelope, inspectorId: 'in_x' }, {})).rejects.toMatchObject({ code: 'E_INSPECTOR_UNKNOWN' });
    const other = await inspection({ spotCheck: spotCheckId });
    await expect(importInspection(deps, { ...envelope, inspectorId: other.inspector.id.toString() }, {})).rejects.toMatchObject({ code: 'E_SIGNATURE' });
    await revokeInspector(w.store, inspector.id, { actor: 'test', at: NOW.toISOString() });
    await expect(importInspection(deps, envelope, {})).rejects.toMatchObject({ code: 'E_INSPECTOR_REVOKED', status: 403 });
  });

  it('refuses a signed record whose snapshot the collector does not read', async () => {
    const { record, key } = await inspection({ spotCheck: spotCheckId });
    const bad = { ...record, snapshot: { ...record.snapshot, extra: 1 } } as unknown as InspectionRecord;
    await expect(importInspection(deps, sealInspection(bad, key), {})).rejects.toMatchObject({ code: 'E_SCHEMA' });
  });
});
