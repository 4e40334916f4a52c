import type { Category } from '@zhengban/shared';

/**
 * Which category a crack trace concerns, read from its `kind` and `description`
 * (not its evidence: KMS_VL_ALL writes both Windows and Office keys). First match
 * wins; no match means the OS, which most activators target. An activator that
 * names both Office and Windows counts against the OS.
 */
export const INDICATOR_CATEGORIES: readonly { category: Category; pattern: RegExp; unless?: RegExp }[] = [
  { category: 'antivirus', pattern: /antivirus|anti-virus|杀毒/i },
  {
    category: 'office',
    pattern: /\boffice\b|ohook|ospp|0ff1ce15|\bwps\b|办公/i,
    unless: /windows|kms_vl_all|kms38|55c92734|操作系统/i,
  },
];
