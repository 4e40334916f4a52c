import type { Category, FindingCode, MachineFilter, MachineSort } from '../../api/types';
import { CATEGORIES, FINDING_CODES } from '../../words';

// The machine list's filter lives in the URL (`#/machines?status=unauthorized&unit=…`),
// so the overview's links open a filtered list and a filtered list can be passed on.

export const PAGE_SIZE = 50;
export const STATUSES = ['licensed', 'unauthorized', 'pending', 'stale'] as const;
export const SORTS: readonly MachineSort[] = ['hostname', '-hostname', 'unit', '-unit', 'status', '-status', 'lastSeen', '-lastSeen'];

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined => (list as readonly (string | null)[]).includes(v) ? (v as T) : undefined;
const text = (v: string | null) => (v && v.trim() ? v.trim() : undefined);

export function filterFromQuery(q: URLSearchParams): MachineFilter {
  const offset = Number(q.get('offset') ?? 0);
  return {
    status: oneOf(STATUSES, q.get('status')),
    reporting: q.get('reporting') === 'true' ? true : q.get('reporting') === 'false' ? false : undefined,
    unit: text(q.get('unit')),
    category: oneOf<Category>(CATEGORIES, q.get('category')),
    code: oneOf<FindingCode>(FINDING_CODES, q.get('code')),
    os: text(q.get('os')),
    q: text(q.get('q')),
    sort: oneOf(SORTS, q.get('sort')),
    limit: PAGE_SIZE,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The query of a filter, without what is unset or default. */
export function queryOf(f: MachineFilter): Record<string, string | undefined> {
  return {
    status: f.status,
    reporting: f.reporting === undefined ? undefined : String(f.reporting),
    unit: f.unit,
    category: f.category,
    code: f.code,
    os: f.os,
    q: f.q,
    sort: f.sort,
    offset: f.offset ? String(f.offset) : undefined,
  };
}

/** Clicking a heading sorts by it; clicking it again reverses. */
export function nextSort(current: MachineSort | undefined, column: string): MachineSort {
  return (current === column ? `-${column}` : column) as MachineSort;
}
