import type { Category, FindingCode } from '@zhengban/shared';
import type { Words } from '../schema/reports.js';

/** A finding's code as a form writes its conclusion. */
export const FINDING_WORDS: Record<FindingCode, Words> = {
  licensed: { zh: '正版', en: 'Licensed' },
  'not-activated': { zh: '未激活', en: 'Not activated' },
  'crack-activator': { zh: '破解激活', en: 'Crack activator' },
  'untrusted-kms': { zh: '不可信 KMS', en: 'Untrusted KMS' },
  'no-entitlement': { zh: '无授权', en: 'No licence' },
  'over-allocated': { zh: '超出授权数量', en: 'Over the seats bought' },
  expired: { zh: '授权过期', en: 'Licence expired' },
  'personal-use-only': { zh: '个人版', en: 'Personal edition' },
  missing: { zh: '未安装', en: 'Missing' },
  disabled: { zh: '防护关闭', en: 'Protection off' },
  'denied-software': { zh: '禁用软件', en: 'Denied software' },
  'unauthorized-install': { zh: '擅自安装', en: 'Installed without approval' },
  unknown: { zh: '无法确认', en: 'Cannot confirm' },
  'not-checked': { zh: '未检查', en: 'Not checked' },
};

export const CATEGORY_WORDS: Record<Category, Words> = {
  os: { zh: '操作系统', en: 'Operating system' },
  office: { zh: '办公软件', en: 'Office software' },
  antivirus: { zh: '杀毒软件', en: 'Antivirus' },
  other: { zh: '其他软件', en: 'Other software' },
};
