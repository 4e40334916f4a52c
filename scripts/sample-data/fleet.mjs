// The fleet: named showcase machines, each there to show one verdict an inspector
// should see, and ordinary machines filling each unit to its share of the county's PCs.
import { UNITS, U } from './county.mjs';
import { PROGRAMS, TEMPLATES } from './templates.mjs';

/**
 * The showcase machines. `expect` is what the sample is meant to show (the test checks
 * it independently); `late`: reports after every other machine of round 1 (a PC set up
 * last, so it queues last for seats); `round2`: what changed by the second scan.
 */
export const SHOWCASE = [
  { host: 'QXXCB-PC-0001', unit: U.xcb, template: 'standard', expect: 'licensed: OEM Windows, Office 2016 via the county KMS, 天擎' },
  { host: 'qxxcb-imac-01.local', unit: U.xcb, template: 'mac', expect: 'licensed: macOS on Apple hardware, iWork, XProtect' },
  { host: 'QXCZJ-PC-0001', unit: U.czj, template: 'wpsPro', expect: 'office: a seat of the 财政局 WPS licence' },
  { host: 'QXQSZ-PC-0001', unit: U.qsz, template: 'wpsPro', expect: 'office: a seat of the licence reallocated (调剂) from 财政局' },
  { host: 'QXJYJ-PC-0001', unit: U.jyj, template: 'office2019', expect: 'office: a seat of the 教育局 Office 2019 licence' },
  { host: 'QXJYJ-NB-0001', unit: U.jyj, template: 'office2019', opts: { laptop: true }, late: true, expect: 'office: over-allocated' },
  { host: 'QXJYJ-NB-0002', unit: U.jyj, template: 'office2019', opts: { laptop: true }, late: true, expect: 'office: over-allocated' },
  { host: 'QXJYJ-NB-0003', unit: U.jyj, template: 'office2019', opts: { laptop: true }, late: true, expect: 'office: over-allocated' },
  { host: 'QXGAJ-PC-0001', unit: U.gaj, template: 'ltsc', expect: 'licensed: LTSC and Office through the county KMS' },
  { host: 'QXGAJ-PC-0002', unit: U.gaj, template: 'noAntivirus', expect: 'antivirus: missing' },
  { host: 'QXSCJ-PC-0001', unit: U.scj, template: 'kmspico', expect: 'os/office: crack-activator; other: denied-software (KMSpico)' },
  { host: 'QXSCJ-PC-0002', unit: U.scj, template: 'kmsVlAll', expect: 'os/office: crack-activator' },
  { host: 'QXSCJ-PC-0003', unit: U.scj, template: 'lanKms', expect: 'os/office: untrusted-kms' },
  { host: 'QXSCJ-PC-0004', unit: U.scj, template: 'homeBusinessRetail', expect: 'office: no-entitlement' },
  { host: 'QXSCJ-NB-0001', unit: U.scj, template: 'ohook', expect: 'office: crack-activator (Ohook)' },
  { host: 'QXWJJ-PC-0001', unit: U.wjj, template: 'wpsPersonal', expect: 'office: personal-use-only' },
  { host: 'QXWJJ-PC-0002', unit: U.wjj, template: 'consumerAv', expect: 'antivirus: personal-use-only' },
  { host: 'QXWJJ-PC-0003', unit: U.wjj, template: 'publicKms', expect: 'os: crack-activator (public KMS server)' },
  { host: 'QXRSJ-PC-0001', unit: U.rsj, template: 'notActivated', expect: 'os: not-activated' },
  { host: 'QXRSJ-PC-0002', unit: U.rsj, template: 'winrar', expect: 'other: no-entitlement (WinRAR)' },
  { host: 'DESKTOP-7Q1M2KD', unit: U.dcjd, template: 'consumerLaptop', expect: 'os: personal-use-only and not-activated; office: missing' },
  { host: 'QXTJJ-PC-W7-001', unit: U.tjj, template: 'win7', expect: 'licensed: OEM licences left after 报废' },
  { host: 'QXTJJ-PC-W7-002', unit: U.tjj, template: 'win7', expect: 'licensed' },
  { host: 'QXTJJ-PC-W7-003', unit: U.tjj, template: 'win7', expect: 'licensed' },
  { host: 'qxxwb-kylin-001', unit: U.xwb, template: 'kylin', expect: 'os: a seat of the Kylin OEM licence' },
  { host: 'qxxwb-kylin-002', unit: U.xwb, template: 'kylin', opts: { trial: true }, expect: 'os: not-activated (Kylin trial)' },
  { host: 'qxzfb-uos-001', unit: U.zfb, template: 'uos', expect: 'licensed: UOS OEM, LibreOffice, ClamAV' },
  { host: 'qxzfb-uos-002', unit: U.zfb, template: 'uos', opts: { unauthorised: true }, expect: 'os: not-activated (UOS)' },
  { host: 'QXZFB-NB-0001', unit: U.zfb, template: 'm365', expect: 'office: expired (Microsoft 365 subscription)' },
  { host: 'QXZRJ-PC-0001', unit: U.zrj, template: 'autocad', expect: 'other: a seat of the AutoCAD subscription' },
  { host: 'QXZRJ-PC-0002', unit: U.zrj, template: 'autocad', move: U.bsx, expect: 'other: no-entitlement after the move to 白沙乡' },
  { host: 'QXZJJ-PC-0001', unit: U.zjj, template: 'standard', round2: [PROGRAMS.autocad], expect: 'other: unauthorized-install (AutoCAD)' },
  { host: 'QXCGZ-PC-0001', unit: U.cgz, template: 'idm', expect: 'other: denied-software (IDM)' },
  { host: 'QXCGZ-PC-0002', unit: U.cgz, template: 'standard', round2: [PROGRAMS.idm], expect: 'other: unauthorized-install (IDM, on the deny list)' },
  { host: 'QXSJJ-PC-0001', unit: U.sjj, template: 'auditOem', expect: 'licensed: Windows 11 Pro OEM recorded in the ledger' },
  { host: 'QXBSX-PC-0001', unit: U.bsx, template: 'defenderOff', expect: 'antivirus: disabled' },
];

/** The ordinary machines of each unit, by template weight. */
const PROFILES = {
  [U.xwb]: [['kylin', 70], ['standard', 30]],
  [U.zfb]: [['uos', 40], ['m365', 20], ['standard', 40]],
  [U.xcb]: [['standard', 80], ['defender', 12], ['mac', 8]],
  [U.czj]: [['wpsPro', 50], ['standard', 45], ['consumerAv', 5]],
  [U.jyj]: [['office2019', 60], ['standard', 30], ['wpsPersonal', 5], ['consumerAv', 5]],
  [U.wjj]: [['standard', 50], ['defender', 25], ['consumerAv', 15], ['wpsPersonal', 10]],
  [U.gaj]: [['ltsc', 100]],
  [U.zrj]: [['autocad', 40], ['standard', 60]],
  [U.zjj]: [['standard', 60], ['defender', 30], ['winrar', 10]],
  [U.scj]: [['standard', 45], ['defender', 25], ['consumerAv', 15], ['wpsPersonal', 10], ['notActivated', 5]],
  [U.rsj]: [['standard', 70], ['defender', 20], ['winrar', 5], ['notActivated', 5]],
  [U.tjj]: [['standard', 100]],
  [U.sjj]: [['auditOem', 100]],
  [U.cgz]: [['standard', 40], ['defender', 30], ['consumerAv', 15], ['wpsPersonal', 10], ['winrar', 5]],
  [U.qsz]: [['defender', 45], ['standard', 30], ['consumerAv', 15], ['wpsPersonal', 10]],
  [U.bsx]: [['defender', 50], ['standard', 30], ['consumerAv', 20]],
  [U.dcjd]: [['standard', 50], ['defender', 30], ['consumerAv', 10], ['wpsPersonal', 10]],
};

/** Machines per unit: the showcase first, the rest shared by headcount × PCs per head (largest remainder). */
function unitShares(total) {
  const fillers = total - SHOWCASE.length;
  if (fillers < 0) throw new Error(`--machines must be at least ${SHOWCASE.length}, the named showcase machines`);
  const weights = UNITS.map((u) => u.headcount * u.pcs);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * fillers);
  const shares = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const left = fillers - shares.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) shares[order[k][1]]++;
  return new Map(UNITS.map((u, i) => [u.name, shares[i]]));
}

/** What a hostname says of the machine: its platform, or PC / NB (notebook) / PC-W7 (the old Windows 7 PCs). */
function kindOf(parts) {
  if (parts.platform === 'linux') return parts.os.id === 'uos' ? 'uos' : 'kylin';
  if (parts.platform === 'darwin') return 'imac';
  if (parts.hardware.chassis === 'laptop') return 'NB';
  return parts.os.name.includes('Windows 7') ? 'PC-W7' : 'PC';
}

/** A hostname as the unit's IT staff name PCs: QXCZJ-PC-0012, QXCZJ-NB-0003, qxxwb-kylin-007. */
function hostname(tag, kind, n) {
  if (kind === 'uos' || kind === 'kylin') return `qx${tag.toLowerCase()}-${kind}-${String(n).padStart(3, '0')}`;
  if (kind === 'imac') return `qx${tag.toLowerCase()}-imac-${String(n).padStart(2, '0')}.local`;
  return `QX${tag}-${kind}-${String(n).padStart(kind === 'PC-W7' ? 3 : 4, '0')}`;
}

/**
 * The whole fleet, in reporting order: showcase and ordinary machines shuffled, the
 * `late` ones last. Hostnames of ordinary machines continue after the showcase numbers.
 */
export function planFleet(total, rng) {
  const shares = unitShares(total);
  const used = new Set(SHOWCASE.map((s) => s.host));
  const machines = SHOWCASE.map((s) => ({ ...s, showcase: true, ...TEMPLATES[s.template](rng, { unit: unitKey(s.unit), ...s.opts }) }));
  const counters = new Map();
  for (const u of UNITS) {
    for (let i = 0; i < shares.get(u.name); i++) {
      const template = rng.weighted(PROFILES[u.name]);
      const parts = TEMPLATES[template](rng, { unit: unitKey(u.name) });
      const key = `${u.name}/${kindOf(parts)}`;
      let n = counters.get(key) ?? 0;
      let host;
      do host = hostname(u.tag, kindOf(parts), ++n);
      while (used.has(host));
      counters.set(key, n);
      used.add(host);
      machines.push({ host, unit: u.name, template, showcase: false, ...parts });
    }
  }
  const late = machines.filter((m) => m.late);
  return [...rng.shuffle(machines.filter((m) => !m.late)), ...late];
}

/** The short unit key (`czj`) of a unit name, as `needs` tags use it. */
export function unitKey(name) {
  return Object.entries(U).find(([, n]) => n === name)?.[0];
}

/** How many machines draw on each ledger entry: `needs` tags counted, for sizing seats. */
export function demandCounts(machines) {
  const counts = new Map();
  for (const m of machines) for (const n of m.needs) counts.set(n, (counts.get(n) ?? 0) + 1);
  return counts;
}
