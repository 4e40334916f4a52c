import type { RejudgeSummary } from './api/types';
import { currentLang, t, type Key } from './i18n';

// Figures as the forms write them: rates as percentages to two places, times in the
// reader's own clock (the offices are in China).

export const percent = (rate: number | null | undefined, digits = 2): string =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(digits)}%`;

export const count = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : n.toLocaleString(locale()));

const locale = () => (currentLang() === 'en' ? 'en-GB' : 'zh-CN');

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale(), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
}

export function dateOnly(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.length === 10 ? iso : dateTime(iso).slice(0, 10);
}

/** Today as `YYYY-MM-DD` in the reader's clock, for date inputs. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Whole days from today to `day` (negative once past). */
export function daysUntil(day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00`) - Date.parse(`${today()}T00:00:00`)) / 86_400_000);
}

/**
 * What a write did, in words: `done` ("已保存") and, for a write that re-judged machines,
 * how many were judged again and how many verdicts changed.
 */
export function doneText(done: Key, rejudged?: RejudgeSummary): string {
  if (!rejudged) return t(done);
  // Chinese sentences follow each other without a space.
  const gap = currentLang() === 'en' ? ' ' : '';
  return `${t(done)}${gap}${t('rejudged', { machines: count(rejudged.machines), changed: count(rejudged.changed) })}`;
}
