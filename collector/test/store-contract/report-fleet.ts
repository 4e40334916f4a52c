import { gzipSync } from 'node:zlib';
import type { Chassis, Finding, SoftwareItem, Verdict } from '@zhengban/shared';
import { enrollWithToken } from '../../src/service/enroll-service.js';
import type { IngestRecord } from '../../src/service/ingest-records.js';
import { ingestWriter } from '../../src/service/ingest-writer.js';
import { setMachineLabels } from '../../src/service/machine-label-service.js';
import { createEnrollmentToken } from '../../src/service/token-service.js';
import type { Store } from '../../src/store/store.js';
import { T0, minimalSnapshot } from '../helper.js';
import { seedUnits, windowsColumns, type SeedUnits } from './registry-seed.js';
import { opener, STORES, type ContractDb } from './stores.js';

/**
 * A small fleet for the machine list and the reports, built through the services as
 * agents and admins build one: units, enrolled machines, snapshots judged with findings
 * (so verdicts have outlines), re-judgements, a move, labels, software changes, priced
 * licences and their events. Every id is fixed, so two stores built from it hold the
 * same data and their answers can be compared.
 */

export const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000).toISOString();

export const fail = (category: Finding['category'], code: Finding['code'], subject: string): Finding => ({
  category, code, passed: false, subject, message: `${subject}: ${code}`, messageZh: `${subject}：${code}`, facts: [`product = ${subject}`],
});
export const pass = (category: Finding['category'], subject: string): Finding => ({ ...fail(category, 'licensed', subject), passed: true });
const sw = (name: string, version: string, publisher?: string, source = 'registry:HKLM'): SoftwareItem => ({ name, version, source, ...(publisher ? { publisher } : {}) });

interface Report {
  hours: number;
  hostname: string;
  chassis: Chassis;
  osName?: string;
  assessed: Finding[];
  entitlement?: Finding[];
  software?: SoftwareItem[];
}

function record(agentId: string, seq: number, r: Report): IngestRecord {
  const base = minimalSnapshot();
  const software = r.software ?? base.software;
  const machine = { ...base.machine, hostname: r.hostname, chassis: r.chassis };
  const os = { ...base.os, ...(r.osName ? { name: r.osName } : {}) };
  const snapshotId = `snap-${agentId}-${seq}`;
  const findings = [...r.assessed, ...(r.entitlement ?? [])];
  const v: Verdict = { status: findings.every((f) => f.passed) ? 'licensed' : 'unauthorized', findings, rulesVersion: 'r1', decidedAt: at(r.hours), snapshotId, collectedAt: at(r.hours) };
  return {
    snapshotId, agentId, seq, collectedAt: at(r.hours), receivedAt: at(r.hours), clientIp: `10.0.0.${seq}`,
    payloadGz: gzipSync('{}'), signature: 'sig', stateHash: `${agentId}-${seq}`,
    facts: { machine, os, office: [], antivirus: [] },
    softwareHash: JSON.stringify(software),
    software,
    // The engine's part, reduced to storing the verdict with its two finding sets.
    decide: async (tx) => {
      await tx.insertVerdict(agentId, {
        snapshotId, status: v.status, rulesVersion: v.rulesVersion, decidedAt: v.decidedAt,
        findingSetId: await tx.findingSetId(r.assessed), entitlementSetId: await tx.findingSetId(r.entitlement ?? []),
        trigger: 'snapshot', detail: null,
      });
      return v;
    },
  };
}

const WINDOWS = 'Microsoft Windows 10 Pro';
const OFFICE_FAILS = fail('office', 'no-entitlement', 'Microsoft Office 2019');

/** What build() made, for expectations. */
export interface Fleet {
  units: SeedUnits;
  /** The moment of the past report: between the first reports and the re-judgement, the move and the later changes. */
  asOf: string;
  licences: number[];
}

/**
 * m1 pc-01 (财政局): licensed at +1 h, unauthorized at +30 h (OS), software changed then.
 * m2 PC-02 (财政局): unauthorized at +2 h (office), a laptop on Windows.
 * m3 pc-03 (预算科, moved to 教育局 at +10 h): licensed at +3, +8 and +12 h, software changed each time.
 * m4 Lab_1 (教育局): enrolled, never reported.
 * m5 财务-05 (财政局): unauthorized at +4 h (OS), of a kind unknown; a verdict from before finding sets.
 * m6 pc_6 (教育局): licensed at +40 h as m3 is, enrolled after the past report's moment.
 */
export async function buildFleet(store: Store, db: Pick<ContractDb, 'exec'>): Promise<Fleet> {
  const units = await store.transaction((tx) => seedUnits(tx));
  const commit = async (agentId: string, seq: number, r: Report) => {
    const outcome = await ingestWriter(store).commit(record(agentId, seq, r));
    if (outcome.kind !== 'stored') throw new Error(`${agentId} #${seq} was not stored: ${outcome.kind}`);
  };
  const enroll = async (id: string, unit: string, hours: number, hostname = id) => {
    await createEnrollmentToken(store, { tokenHash: `h-${id}`, unitName: unit, createdAt: at(hours), expiresAt: at(hours + 1), maxUses: 1, actor: 'test' });
    const agent = { id, publicKey: `PEM of ${id}`, hostname, hardwareUuid: null, machineId: null, serial: null, agentVersion: '0.1.0' };
    const outcome = await enrollWithToken(store, `h-${id}`, at(hours), agent);
    if (outcome.kind !== 'enrolled') throw new Error(`${id} was not enrolled: ${outcome.kind}`);
  };
  for (const [id, unit] of [['m1', '财政局'], ['m2', '财政局'], ['m3', '预算科'], ['m5', '财政局']] as const) await enroll(id, unit, 0);
  await enroll('m4', '教育局', 0, 'Lab_1');
  await enroll('m6', '教育局', 35);

  await commit('m1', 1, { hours: 1, hostname: 'pc-01', chassis: 'desktop', assessed: [pass('os', 'Debian')], software: [sw('WinRAR', '6.0', 'win.rar GmbH'), sw('bash', '5.2', undefined, 'dpkg')] });
  await commit('m2', 1, { hours: 2, hostname: 'PC-02', chassis: 'laptop', osName: WINDOWS, assessed: [pass('os', 'Windows')], entitlement: [OFFICE_FAILS], software: [sw('WinRAR', '6.0', 'win.rar GmbH'), sw('Acme Survey', '3.2', 'Acme')] });
  await commit('m3', 1, { hours: 3, hostname: 'pc-03', chassis: 'desktop', assessed: [pass('os', 'Debian')], software: [sw('WinRAR', '6.0')] });
  await commit('m5', 1, { hours: 4, hostname: '财务-05', chassis: 'unknown', assessed: [fail('os', 'not-activated', 'Windows')] });
  await commit('m3', 2, { hours: 8, hostname: 'pc-03', chassis: 'desktop', assessed: [pass('os', 'Debian')], software: [sw('WinRAR', '6.1'), sw('Zoom', '5.0', 'Zoom Video')] });
  await store.transaction((tx) => tx.moves.move({ agentId: 'm3', fromUnitId: units.budget, toUnitId: units.education, at: at(10), actor: 'test', reason: '调岗' }));
  await commit('m3', 3, { hours: 12, hostname: 'pc-03', chassis: 'desktop', assessed: [pass('os', 'Debian')], software: [sw('Zoom', '5.1', 'Zoom Video')] });
  await commit('m1', 2, { hours: 30, hostname: 'pc-01', chassis: 'desktop', assessed: [fail('os', 'no-entitlement', 'Debian')], software: [sw('WinRAR', '7.0', 'win.rar GmbH'), sw('bash', '5.2', undefined, 'dpkg')] });
  await commit('m6', 1, { hours: 40, hostname: 'pc_6', chassis: 'desktop', assessed: [pass('os', 'Debian')], software: [sw('WinRAR', '7.0', 'win.rar GmbH')] });
  // A verdict stored before finding sets (migration 4) holds its findings itself; no repo writes one now.
  await db.exec(`UPDATE verdicts SET findings_json = '${JSON.stringify([fail('office', 'not-activated', 'WPS Office'), pass('os', 'Windows')])}',
    finding_set_id = NULL, entitlement_set_id = NULL WHERE agent_id = 'm5';
    UPDATE agents SET legacy_verdict = 1, outline_id = NULL, entitlement_outline_id = NULL WHERE id = 'm5'`);

  const deps = { store, now: () => new Date(at(50)) };
  await setMachineLabels(deps, 'cli', 'm1', { user: '张三', assetNumber: 'ZC-001' });
  await setMachineLabels(deps, 'cli', 'm2', { assetNumber: 'zc-002' });
  await setMachineLabels(deps, 'cli', 'm5', { user: 'Li Si' });

  const licences = await store.transaction(async (tx) => [
    await tx.licences.insert(windowsColumns(units.finance), at(0)),
    await tx.licences.insert(windowsColumns(units.education, { seats: 10, priceFen: 100_000 }), at(0)),
    await tx.licences.insert(windowsColumns(units.finance, { productId: 'wps', edition: null, seats: 5, priceFen: 5_000 }), at(0)),
    await tx.licences.insert(windowsColumns(units.finance, { productId: 'wps', edition: null, seats: 0, priceFen: 9_900 }), at(0)),
    await tx.licences.insert(windowsColumns(units.budget, { productId: 'office', edition: 'pro', priceFen: null }), at(0)),
  ]);
  await store.transaction(async (tx) => {
    const event = (licence: number, kind: 'purchase' | 'install' | 'disposal', date: string, more: { seats?: number; disposal?: 'reallocation'; to?: number } = {}) =>
      tx.licenceEvents.insert({
        licence_id: licence, kind, disposal: more.disposal ?? null, date, seats: more.seats ?? null, to_unit_id: more.to ?? null,
        valid_until: null, version_to: null, created_licence_id: null, notes: null, actor: 'test', created_at: at(0),
      });
    await event(licences[1]!, 'install', '2026-03-05', { seats: 10 });
    await event(licences[0]!, 'purchase', '2026-03-01');
    await event(licences[0]!, 'disposal', '2026-06-01', { seats: 2, disposal: 'reallocation', to: units.education });
    await event(licences[4]!, 'purchase', '2026-03-01');
    await event(licences[0]!, 'purchase', '2025-12-31');
  });
  return { units, asOf: at(9), licences };
}

/**
 * The same fleet on SQLite, for a test to compare the store's answers with: each call
 * builds one, closed after the test.
 */
export function sqliteFleet(): () => Promise<Store> {
  const open = opener(STORES.find((s) => s.name === 'sqlite')!);
  return async () => {
    const db = await open();
    await buildFleet(db.store, db);
    return db.store;
  };
}

/**
 * An answer with its ids made names: units by name, outlines by their JSON and a legacy
 * verdict by its findings. The same data in two stores is compared so, whatever ids
 * each store handed out.
 */
export async function byName(store: Store, value: unknown): Promise<unknown> {
  const units = new Map((await store.read.units.list()).map((u) => [u.id, u.name]));
  const named = async (key: string, v: unknown): Promise<unknown> => {
    if (typeof v === 'number' && (key === 'unitId' || key === 'toUnitId')) return units.get(v);
    if (typeof v === 'number' && (key === 'outlineId' || key === 'entitlementOutlineId')) return store.read.reports.outline(v);
    if (typeof v === 'number' && key === 'legacyVerdictId') return store.read.reports.legacyFindings(v);
    if (Array.isArray(v)) return Promise.all(v.map((x) => named('', x)));
    if (v !== null && typeof v === 'object') return Object.fromEntries(await Promise.all(Object.entries(v).map(async ([k, x]) => [k, await named(k, x)])));
    return v;
  };
  return named('', value);
}
