import type { Activation, Antivirus, Chassis } from '@zhengban/shared';

/** How the on-site sheet words the facts it shows beside the verdict. */

export const CHASSIS_ZH: Record<Chassis, string> = {
  desktop: '台式计算机',
  laptop: '便携式计算机',
  server: '服务器',
  virtual: '虚拟机',
  other: '其他',
  unknown: '未能识别',
};

const ACTIVATION_ZH: Record<Activation['state'], string> = {
  activated: '已激活',
  grace: '宽限期内（未激活）',
  notification: '通知模式（未激活）',
  trial: '试用',
  expired: '已过期',
  'not-activated': '未激活',
  'not-applicable': '无需激活',
  unknown: '无法确认',
};

/** `已激活（Volume:GVLK，KMS kms.example.gov.cn）`: the state and what it was read as. */
export function activationZh(a: Activation): string {
  const how = [a.channel, a.kmsHost ? `KMS ${a.kmsHost}` : undefined].filter(Boolean).join('，');
  return how ? `${ACTIVATION_ZH[a.state]}（${how}）` : ACTIVATION_ZH[a.state];
}

/** Real-time protection and definitions as the product reported them. */
export function protectionZh(av: Antivirus): string {
  const on = av.enabled === null ? '实时防护未知' : av.enabled ? '实时防护开启' : '实时防护关闭';
  const defs = av.upToDate === null ? '' : av.upToDate ? '，病毒库最新' : '，病毒库过期';
  return `${on}${defs}`;
}

/** `2026-11-20 16:00`: the sheet is read in China (UTC+8, no daylight saving). */
export function chinaMinute(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
