import { shared } from '../store';
import { en } from './en';
import { zh, type Key } from './zh';

// Chinese first: the campaign works in it. The choice is kept in localStorage; every
// component that shows words calls useLang() so a switch redraws it.

export type Lang = 'zh' | 'en';
export type { Key };
export interface Words {
  zh: string;
  en: string;
}

const STORAGE_KEY = 'zhengban.lang';

function stored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

const lang = shared<Lang>(stored());

export const currentLang = (): Lang => lang.get();
export const useLang = (): Lang => lang.use();

export function setLang(next: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private windows may refuse storage; the switch still holds for this page.
  }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  lang.set(next);
}

/** The text of `key`, with `{name}` placeholders filled from `vars`. */
export function t(key: Key, vars?: Record<string, string | number>): string {
  const text = (lang.get() === 'en' ? en : zh)[key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** Words the API sends in both languages (report headings, reasons). */
export const pick = (w: Words): string => (lang.get() === 'en' ? w.en : w.zh);
