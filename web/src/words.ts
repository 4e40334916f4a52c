import { CATEGORY_WORDS, FINDING_WORDS } from '@collector/reports/finding-words.js';
import type { Category, FindingCode } from './api/types';
import { pick } from './i18n';

// The collector's own words for categories and finding codes (the forms use them), so
// the page and the paper say the same.

export const CATEGORIES: readonly Category[] = ['os', 'office', 'antivirus', 'other'];
export const FINDING_CODES = Object.keys(FINDING_WORDS) as FindingCode[];

export const categoryWord = (c: Category): string => pick(CATEGORY_WORDS[c]);
export const codeWord = (c: FindingCode): string => pick(FINDING_WORDS[c]);
