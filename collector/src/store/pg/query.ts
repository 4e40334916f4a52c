import type { QueryResultRow } from 'pg';

/** A pool (each call stands alone) or one client inside a transaction: what a PostgreSQL repo runs on. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(config: { name?: string; text: string; values?: unknown[] }): Promise<{ rows: R[]; rowCount: number | null }>;
}

/**
 * A statement a repo runs again and again. Named, so each connection parses and plans it
 * once and then only binds (node-postgres prepares a named statement per connection).
 * Names are unique per text: two repos that share a name would get each other's plan.
 */
export interface Stmt {
  name: string;
  text: string;
}

/**
 * Rows a batch statement (arrays through unnest) takes at once: a thousand cost one
 * round trip and one execution instead of a thousand, and keep the arrays small.
 */
const BATCH = 1000;

/** Runs `fn` on the items a batch at a time, in order. */
export async function inBatches<T>(items: readonly T[], fn: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await fn(items.slice(i, i + BATCH));
}

const names = new Map<string, string>();

/** Declares a named statement; `name` is the repo's and the statement's, e.g. 'agents.find'. */
export function stmt(name: string, text: string): Stmt {
  const taken = names.get(name);
  if (taken !== undefined && taken !== text) throw new Error(`two statements named ${name}`);
  names.set(name, text);
  return { name, text };
}

export async function rows<R extends QueryResultRow>(q: Queryable, s: Stmt | string, values: unknown[] = []): Promise<R[]> {
  return (await q.query<R>(typeof s === 'string' ? { text: s, values } : { ...s, values })).rows;
}

export async function row<R extends QueryResultRow>(q: Queryable, s: Stmt | string, values: unknown[] = []): Promise<R | undefined> {
  return (await rows<R>(q, s, values))[0];
}

/** Rows changed by an INSERT, UPDATE or DELETE. */
export async function run(q: Queryable, s: Stmt | string, values: unknown[] = []): Promise<number> {
  return (await q.query(typeof s === 'string' ? { text: s, values } : { ...s, values })).rowCount ?? 0;
}
