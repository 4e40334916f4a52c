import { beforeEach } from 'vitest';
import type { SoftwareItem } from '@zhengban/shared';
import type { LicenceColumns } from '../../src/store/licence-repo.js';
import type { StoreTx } from '../../src/store/tx-types.js';
import type { Store } from '../../src/store/store.js';

/** What the registry contract tests stand on, written through the repos like any caller's. */

export const AT = '2026-11-20T08:00:00.000Z';
export const LATER = '2026-11-21T09:30:00.000Z';

export interface SeedUnits {
  city: number;
  finance: number;
  budget: number;
  education: number;
}

/** 市政府 with 财政局 (and its 预算科 below) and 教育局. */
export async function seedUnits(tx: StoreTx): Promise<SeedUnits> {
  const unit = async (name: string, parentId: number | null) =>
    (await tx.units.insert({ name, parentId, kind: 'department', sector: null, code: null, headcount: null }, AT)).id;
  const city = await unit('市政府', null);
  const finance = await unit('财政局', city);
  const budget = await unit('预算科', finance);
  const education = await unit('教育局', city);
  return { city, finance, budget, education };
}

/** Each test on an empty store of its own (eachStore closes it), holding the seed units: read `store` and `units` inside the test. */
export function seededStore(open: () => Promise<Store>): { store: Store; units: SeedUnits } {
  const t = {} as { store: Store; units: SeedUnits };
  beforeEach(async () => {
    t.store = await open();
    t.units = await t.store.transaction((tx) => seedUnits(tx));
  });
  return t;
}

/** As seededStore, with raw SQL and row counts beside the store (eachStoreDb). */
export function seededDb(open: () => Promise<ContractDb>): { db: ContractDb; store: Store; units: SeedUnits } {
  const t = {} as { db: ContractDb; store: Store; units: SeedUnits };
  beforeEach(async () => {
    t.db = await open();
    t.store = t.db.store;
    t.units = await t.store.transaction((tx) => seedUnits(tx));
  });
  return t;
}

/** A Windows Pro OEM licence of the unit, every column filled unless changed. */
export const windowsColumns = (unitId: number, changes: Partial<LicenceColumns> = {}): LicenceColumns => ({
  productId: 'windows',
  edition: 'pro',
  versionFrom: '10',
  versionTo: '11',
  downgrade: true,
  model: 'oem',
  kmsHosts: [],
  seats: 50,
  unitId,
  validFrom: '2026-01-01',
  validUntil: '2027-12-31',
  vendor: '联想',
  purchaseOrder: 'CG-2026-001',
  priceFen: 1999999,
  notes: '随机预装',
  ...changes,
});

/**
 * An enrolled machine of the unit, with one stored snapshot (what a verdict names) and,
 * when given, its current software list.
 */
export async function seedMachine(tx: StoreTx, unitId: number, id: string, software: readonly SoftwareItem[] = []): Promise<{ snapshotId: string }> {
  const token = await tx.enrollments.insert({ tokenHash: `hash-${id}`, unitId, createdAt: AT, expiresAt: LATER, maxUses: null, network: null });
  await tx.agents.insert({
    id,
    publicKey: `key-${id}`,
    hostname: id,
    hardwareUuid: null,
    machineId: null,
    serial: null,
    agentVersion: null,
    network: null,
    unitId,
    enrollmentTokenId: token.id,
    enrolledAt: AT,
  });
  const snapshotId = `snap-${id}`;
  await tx.snapshots.insert({ snapshotId, agentId: id, seq: 1, collectedAt: AT, receivedAt: AT, payloadGz: Buffer.from([]), signature: '', responseJson: '{}' });
  // Generation 0 is the list of a machine that has not replaced its first one.
  await tx.software.insert(id, 0, software.map((item) => ({ item, installed: null })));
  return { snapshotId };
}
