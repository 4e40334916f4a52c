import type { Finding, SoftwareItem } from '@zhengban/shared';
import type { Outcome } from '../../src/classify/allocate.js';
import type { Assessment, Install } from '../../src/classify/assessment.js';
import type { InstalledBetween } from '../../src/classify/context.js';
import type { VerdictRow } from '../../src/store/engine-types.js';
import type { StoreTx } from '../../src/store/tx-types.js';
import { AT, seedMachine } from './registry-seed.js';

/** What the engine contract tests stand on: machines that reported, assessments, verdicts. */

export const finding = (code: Finding['code'], subject: string, category: Finding['category'] = 'os'): Finding => ({
  category,
  code,
  passed: code === 'licensed',
  subject,
  message: `${subject}: ${code}`,
  messageZh: `${subject}：${code}`,
  facts: [`product = ${subject}`],
});

/** An install of a product that needs a licence, Windows 11 Pro unless changed. */
export const install = (productId: string, changes: Partial<Install> = {}): Install => ({
  productId,
  product: productId,
  productZh: productId,
  category: 'os',
  subject: productId,
  edition: 'pro',
  editionName: null,
  editionNameZh: null,
  release: '11',
  kmsHost: null,
  implicit: null,
  installedBetween: null,
  facts: [`product = ${productId}`],
  ...changes,
});

export const assessment = (snapshotId: string, installs: Install[], findings: Finding[] = [finding('licensed', 'Windows 11 Pro')]): Assessment => ({
  snapshotId,
  collectedAt: AT,
  findings,
  installs,
});

export const covered = (licenceId: number): Outcome => ({ kind: 'covered', licenceId });

export const verdictRow = (snapshotId: string, findingSetId: number, entitlementSetId: number, changes: Partial<VerdictRow> = {}): VerdictRow => ({
  snapshotId,
  status: 'licensed',
  rulesVersion: 'r1',
  decidedAt: AT,
  findingSetId,
  entitlementSetId,
  trigger: 'snapshot',
  detail: null,
  ...changes,
});

export interface Reported {
  /** When it was first seen, and its snapshot measured: AT unless given. */
  at?: string;
  /** null: none, as a machine last judged before state hashes (migration 13). */
  stateHash?: string | null;
  software?: readonly { item: SoftwareItem; installed: InstalledBetween | null }[];
}

/**
 * A machine of the unit that reported its snapshot `snap-<id>` (seq 1): its facts, state
 * and software list stored as ingest stores them.
 */
export async function reported(tx: StoreTx, unitId: number, id: string, r: Reported = {}): Promise<{ snapshotId: string }> {
  const { snapshotId } = await seedMachine(tx, unitId, id);
  const at = r.at ?? AT;
  const software = r.software ?? [];
  await tx.software.insert(id, 7, software);
  const facts = { machine: { hostname: id }, os: { family: 'windows', name: 'Windows 11 Pro' }, office: [], antivirus: [], collectedAt: AT };
  const advanced = await tx.agents.advance({
    agentId: id,
    seq: 1,
    lastSeen: at,
    lastIp: null,
    snapshotId,
    collectedAt: at,
    hostname: id,
    chassis: 'desktop',
    osName: 'Windows 11 Pro',
    factsJson: JSON.stringify(facts),
    softwareHash: `software of ${id}`,
    stateHash: (r.stateHash === undefined ? `state of ${id}` : r.stateHash) as string,
    softwareCount: software.length,
    softwareGen: 7,
    firstSeen: at,
  });
  if (!advanced) throw new Error(`machine ${id} did not advance`);
  return { snapshotId };
}
