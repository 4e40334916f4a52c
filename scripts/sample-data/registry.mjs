// The county's registry as its campaign office would enter it: the unit tree with
// headcounts and responsible persons, the software-asset ledger (软件资产台账) with its
// licences, and the deny and allow lists. All through the admin HTTP API.
import { COUNTY, ROOTS, UNITS, U, creditCode, peopleOf } from './county.mjs';
import { LEDGER } from './ledger.mjs';
import { LEDGER_EVENTS, LICENCE_DOCUMENTS } from './ledger-events.mjs';

/** The deny and allow lists the county's 正版化 office keeps. */
export const LISTS = [
  {
    list: 'deny',
    name: 'KMSpico|KMSAuto|KMS\\s*Tools|HEU\\s*KMS|Microsoft Toolkit|小马.*激活',
    reason: '破解激活工具：县软件正版化工作领导小组办公室通知明令禁止安装 (crack activators, banned by the county office)',
  },
  {
    list: 'deny',
    name: '^Internet Download Manager',
    reason: '共享软件，县里未采购授权，网上流传的多为破解版 (shareware the county never bought; the copies around are cracked)',
  },
  {
    list: 'allow',
    name: '^(Google Chrome|微信|钉钉|腾讯会议|360压缩|360安全浏览器|搜狗拼音输入法)',
    reason: '常用免费软件，经县正版化办公室审核，单位使用无需另购授权 (free software, reviewed by the county office)',
  },
  {
    list: 'allow',
    name: '预算管理一体化',
    publisher: '财政厅',
    reason: '省财政厅统一部署的预算管理一体化客户端，免费提供给各预算单位 (the province\'s budget client, free to budget units)',
  },
  {
    list: 'allow',
    name: '^中国税务电子申报软件$',
    unit: U.czj,
    reason: '国家税务总局免费提供的纳税申报客户端，财政局代扣代缴使用 (the tax bureau\'s free filing client)',
  },
];

/** Units, then their people: returns unit name → id. */
export async function createUnits(api, rng) {
  const ids = new Map();
  for (const r of ROOTS) {
    const { unit } = await api('POST', '/units', { name: r.name, kind: r.kind, code: r.code, parentId: r.parent ? ids.get(r.parent) : null, headcount: r.headcount ?? null });
    ids.set(r.name, unit.id);
  }
  let seq = 1;
  for (const u of UNITS) {
    const { unit } = await api('POST', '/units', { name: u.name, kind: u.kind, code: creditCode('990122', seq++), parentId: ids.get(COUNTY), headcount: u.headcount });
    ids.set(u.name, unit.id);
    for (const p of peopleOf(u, rng)) await api('POST', `/units/${unit.id}/people`, p);
  }
  // The county's own 正版化 office sits in the propaganda department (县版权局).
  const office = { titles: ['县长', '副县长（领导小组组长）', '县版权局副局长（领导小组办公室主任）'] };
  for (const p of peopleOf(office, rng)) await api('POST', `/units/${ids.get(COUNTY)}/people`, p);
  return ids;
}

export async function createLists(api, unitIds) {
  for (const { unit, ...entry } of LISTS) await api('POST', '/lists', { ...entry, unitId: unit ? unitIds.get(unit) : null });
}

/** The ledger sized to the fleet: returns ledger key → licence id. */
export async function createLedger(api, unitIds, demand) {
  const ids = new Map();
  for (const entry of LEDGER) {
    const { key, unit, ...input } = entry(demand);
    const { licence } = await api('POST', '/licences', { ...input, unitId: unitIds.get(unit) });
    ids.set(key, licence.id);
  }
  for (const doc of LICENCE_DOCUMENTS) {
    await api('PUT', `/licences/${ids.get(doc.licence)}/document`, { fileName: doc.fileName, mediaType: doc.mediaType, contentBase64: Buffer.from(doc.text, 'utf8').toString('base64') });
  }
  return ids;
}

/**
 * Events entered after the first scan: the 调剂 to 青石镇, the scrapping of the old PCs'
 * licences, the antivirus renewal. `when` is 'before' or 'after' the first scan.
 */
export async function recordEvents(api, licenceIds, unitIds, demand, when) {
  const results = [];
  for (const e of LEDGER_EVENTS.filter((x) => x.when === when)) {
    const { licence, toUnit, ...input } = e.event(demand);
    const body = { ...input, ...(toUnit ? { toUnitId: unitIds.get(toUnit) } : {}) };
    results.push({ key: e.licence, ...(await api('POST', `/licences/${licenceIds.get(licence ?? e.licence)}/events`, body)) });
  }
  return results;
}
