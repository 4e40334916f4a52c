import { installedWords, type Judgement } from './finding.js';
import type { Install } from './assessment.js';
import type { Outcome, SeatLicence } from './allocate.js';

/** A licence model as findings and forms name it. */
export const MODEL_WORDS: Record<SeatLicence['model'], { en: string; zh: string }> = {
  oem: { en: 'OEM', zh: 'OEM 预装' },
  retail: { en: 'retail', zh: '零售' },
  mak: { en: 'volume MAK', zh: '批量授权（MAK）' },
  kms: { en: 'volume KMS', zh: '批量授权（KMS）' },
  subscription: { en: 'subscription', zh: '订阅' },
  site: { en: 'site licence', zh: '场地授权' },
  network: { en: 'network licence', zh: '网络版' },
  'open-source': { en: 'open source', zh: '开源' },
  free: { en: 'free', zh: '免费' },
};

/**
 * `licence #12 (OEM, 50 seats, 财政局)`: how findings name a licence. A holder's finding
 * leaves out seats and dates (`counted` false): a renewal or a seat change must not
 * rewrite the verdict of every machine that keeps its seat.
 */
export function licenceLabel(l: SeatLicence, counted = true): { en: string; zh: string } {
  const seats = l.seats === null ? 'unlimited seats' : `${l.seats} seat${l.seats === 1 ? '' : 's'}`;
  const seatsZh = l.seats === null ? '不限数量' : `${l.seats} 套`;
  const m = MODEL_WORDS[l.model];
  return {
    en: counted ? `licence #${l.id} (${m.en}, ${seats}, ${l.unit}${l.validUntil ? `, valid until ${l.validUntil}` : ''})` : `licence #${l.id} (${m.en}, ${l.unit})`,
    zh: counted ? `第 ${l.id} 号授权（${m.zh}，${seatsZh}，${l.unit}${l.validUntil ? `，有效期至 ${l.validUntil}` : ''}）` : `第 ${l.id} 号授权（${m.zh}，${l.unit}）`,
  };
}

/** `Windows 10 Pro ("Microsoft Windows 10 专业版")` / `Windows 10 专业版（“…”）`. */
function what(i: Install): { en: string; zh: string } {
  const release = i.release ? ` ${i.release}` : '';
  const edition = i.editionName ? ` ${i.editionName}` : '';
  const editionZh = i.editionNameZh ?? i.editionName;
  return {
    en: `${i.product}${release}${edition} ("${i.subject}")`,
    zh: `${i.productZh}${release}${editionZh ? ` ${editionZh}` : ''}（“${i.subject}”）`,
  };
}

/** The entitlement finding's code and words for one install's outcome; `unit` is the machine's unit, named when nothing covers it. */
export function entitlementJudgement(i: Install, o: Outcome, licences: ReadonlyMap<number, SeatLicence>, unit?: string): Judgement {
  const w = what(i);
  const label = (id: number, counted = true) => {
    const l = licences.get(id);
    return l ? licenceLabel(l, counted) : { en: `licence #${id}`, zh: `第 ${id} 号授权` };
  };
  switch (o.kind) {
    case 'implicit':
      return {
        code: 'licensed',
        message: `${w.en} is activated with the OEM key stored in the PC's firmware (channel OEM:DM): its licence came with the computer.`,
        messageZh: `${w.zh}使用电脑固件中预置的 OEM 密钥激活（渠道 OEM:DM），随电脑购置的正版授权。`,
      };
    case 'covered': {
      const l = label(o.licenceId, false);
      return {
        code: 'licensed',
        message: `${w.en} holds a seat of ${l.en}.`,
        messageZh: `${w.zh}已分配${l.zh}中的一套授权。`,
      };
    }
    case 'over-allocated': {
      const l = label(o.licenceId);
      const install = installedWords(i.installedBetween);
      return {
        code: i.installedBetween ? 'unauthorized-install' : 'over-allocated',
        message: `${w.en} is installed on more machines than ${l.en} has seats: all ${o.seats} are taken by other machines, and this PC is number ${o.position} in the queue for a seat.${install.en}`,
        messageZh: `${w.zh}的安装数超出${l.zh}的授权数量：${o.seats} 套已全部分配给其他电脑，本机在等候队列中排第 ${o.position} 位。${install.zh}`,
      };
    }
    case 'expired': {
      const l = label(o.licenceId);
      return {
        code: 'expired',
        message: `${w.en} was covered by ${l.en}, which expired on ${o.validUntil}.`,
        messageZh: `${w.zh}原由${l.zh}覆盖，该授权已于 ${o.validUntil} 到期。`,
      };
    }
    case 'none': {
      const install = installedWords(i.installedBetween);
      const near = o.near ? nearWords(o.near.mismatch, label(o.near.licenceId)) : { en: '', zh: '' };
      return {
        code: i.installedBetween ? 'unauthorized-install' : 'no-entitlement',
        message: `No licence in the registry covers ${w.en} for this PC's unit${unit ? `, ${unit}` : ''}.${near.en}${install.en}`,
        messageZh: `台账中没有覆盖本机所在单位${unit ? `（${unit}）` : ''}的${w.zh}授权。${near.zh}${install.zh}`,
      };
    }
  }
}

function nearWords(mismatch: 'edition' | 'version' | 'kms-host' | 'not-yet-valid', l: { en: string; zh: string }): { en: string; zh: string } {
  switch (mismatch) {
    case 'edition':
      return { en: ` (${l.en} is for another edition.)`, zh: `（${l.zh}适用于其他版本。）` };
    case 'version':
      return { en: ` (${l.en} does not cover this version.)`, zh: `（${l.zh}不覆盖此版本号。）` };
    case 'kms-host':
      return { en: ` (${l.en} covers only activation through its own KMS hosts.)`, zh: `（${l.zh}仅覆盖通过其 KMS 服务器激活的安装。）` };
    case 'not-yet-valid':
      return { en: ` (${l.en} is not valid yet.)`, zh: `（${l.zh}尚未生效。）` };
  }
}
