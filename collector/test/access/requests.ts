import Database from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../helper.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request to the app: a full path, and a JSON body (or a string, sent as CSV). */
export interface Req {
  method: Method;
  url: string;
  body?: object | string;
}

/** Sends `req` with `token` as bearer (none: no Authorization header). */
export function send(t: TestApp, req: Req, token?: string): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  if (typeof req.body === 'string') headers['content-type'] = 'text/csv; charset=utf-8';
  return t.app.inject({
    method: req.method,
    url: req.url,
    headers,
    ...(req.body === undefined ? {} : { payload: req.body }),
  });
}

/** `GET /api/v1/units/3` → the same request as HEAD. */
export const asHead = (req: Req): Req => ({ ...req, method: 'HEAD' });

/**
 * Every row of every table, read through a second connection: what "nothing written"
 * is compared against. `admin_tokens.last_used_at` is left out: using a token stamps it,
 * which is bookkeeping of the request itself, not a change the caller made.
 */
export function dbState(dbFile: string): Record<string, unknown[]> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as { name: string }[];
    const state: Record<string, unknown[]> = {};
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[];
      state[name] = name === 'admin_tokens' ? rows.map(({ last_used_at: _used, ...rest }) => rest) : rows;
    }
    return state;
  } finally {
    db.close();
  }
}

/** Row counts of every table, for messages that say what a leaking write changed. */
export function rowCounts(state: Record<string, unknown[]>): Record<string, number> {
  return Object.fromEntries(Object.entries(state).map(([table, rows]) => [table, rows.length]));
}
