// The bench's starting point: the sample county's units and lists, a registry without
// an Office licence, and a few hundred machines reported through the real path (enroll,
// signed snapshot, ingest, verdict). Every machine runs Office 2016 activated through the
// county KMS, so an Office licence change concerns each one of them.
import { COUNTY, U, UNITS } from '../sample-data/county.mjs';
import { KMS_HOSTS } from '../sample-data/ledger.mjs';
import { createLists, createUnits } from '../sample-data/registry.mjs';
import { identify, snapshotOf } from '../sample-data/snapshot.mjs';
import { TEMPLATES } from '../sample-data/templates.mjs';

/** The county's PCs as far as Office goes: all on the county KMS, varied otherwise. */
const MIX = [
  ['standard', 40], ['defender', 20], ['ltsc', 14], ['autocad', 5], ['consumerAv', 7], ['notActivated', 3],
  ['winrar', 3], ['idm', 2], ['publicKms', 1], ['noAntivirus', 1], ['defenderOff', 2], ['auditOem', 2],
];
const HOME = { ltsc: U.gaj, noAntivirus: U.gaj, autocad: U.zrj, auditOem: U.sjj };

/** Licences for everything but Office, unlimited so that cloned machines stay consistent. */
const REGISTRY = [
  { unit: U.gaj, productId: 'windows', edition: 'enterprise-ltsc', versionFrom: '10', model: 'kms', kmsHosts: KMS_HOSTS, seats: null, notes: 'bench: LTSC volume licence' },
  { unit: COUNTY, productId: 'qax-tianqing', model: 'network', seats: null, validFrom: '2024-07-01', validUntil: '2027-06-30', notes: 'bench: 天擎 network edition' },
  { unit: U.zrj, productId: 'autocad', model: 'site', seats: null, notes: 'bench: AutoCAD site licence' },
];

/** The Office licence the bench adds and then cuts: the change that concerns every machine. */
export const officeLicence = (unitId, seats) => ({
  productId: 'ms-office',
  edition: 'professional-plus',
  versionFrom: '2016',
  versionTo: '2016',
  downgrade: true,
  model: 'kms',
  kmsHosts: KMS_HOSTS,
  seats,
  unitId,
  validFrom: '2019-12-01',
  notes: 'bench: county Office 2016 volume licence',
});

/** A catalog change: the province's budget client becomes a known, free product. */
export const BUDGET_CLIENT = {
  id: 'jiangnan-budget-client',
  name: 'Jiangnan budget management client',
  nameZh: '江南省预算管理一体化系统客户端',
  category: 'other',
  vendor: 'Jiangnan Department of Finance',
  vendorZh: '江南省财政厅',
  domestic: true,
  licence: 'free-for-orgs',
  rules: [{ id: 'jiangnan-budget-client/name', on: 'software', name: '预算管理一体化' }],
  notes: 'Given free by the province to its budget units.',
};

/** A second catalog change: the Chinese name WinRAR's own installer writes, as a rule of the built-in product. */
export const WINRAR_OVERRIDE = {
  addRules: [{ id: 'winrar/zh-installer', on: 'software', name: '^WinRAR\\s*压缩文件管理器' }],
  notes: 'bench: the Chinese installer names it 压缩文件管理器',
};

/**
 * Units, lists, the registry and `n` machines, each enrolled and reported once. Returns
 * unit ids. `software(i, list)`, when given, replaces machine i's software list (the
 * ingest bench pads lists to the sizes it measures).
 */
export async function seedFleet(c, clock, rng, n, { software } = {}) {
  const unitIds = await createUnits(c.api, rng);
  await createLists(c.api, unitIds);
  for (const { unit, ...l } of REGISTRY) await c.api('POST', '/licences', { ...l, unitId: unitIds.get(unit) });
  const weights = UNITS.filter((u) => !Object.values(HOME).includes(u.name)).map((u) => [u.name, u.headcount * u.pcs]);
  const token = new Map();
  const start = clock.now.getTime();
  for (let i = 0; i < n; i++) {
    const template = rng.weighted(MIX);
    const unit = HOME[template] ?? rng.weighted(weights);
    if (!token.has(unit)) token.set(unit, await c.enrollmentToken(unit, null));
    clock.now = new Date(start + i * 60_000);
    const host = `BENCH-${String(i + 1).padStart(4, '0')}`;
    await reportNewMachine(c, clock, rng, { host, unit, template, token: token.get(unit), software: software && ((list) => software(i, list)) });
  }
  return unitIds;
}

/** Enrolls one machine of the template with the unit's token and reports its first snapshot. */
export async function reportNewMachine(c, clock, rng, { host, unit, template, token, software = (list) => list }) {
  const m = identify({ host, unit, template, ...TEMPLATES[template](rng, {}) }, rng);
  const agent = await c.enroll(token, m.identity);
  return c.report(agent, snapshotOf(m, 1, new Date(clock.now.getTime() - 30_000), rng, software(m.software)));
}
