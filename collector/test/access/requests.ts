import Database from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/http/auth-plugin.js';
import type { TestApp } from '../helper.js';

export type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One request to the app: a full path, and a JSON body (or a string, sent as CSV). */
export interface Req {
  method: Method;
  url: string;
  body?: object | string;
  /** For a string body that is not CSV (a bundle). */
  contentType?: string;
}

/** A signed-in browser: its session cookie, and the CSRF token its writes send along. */
export interface BrowserSession {
  cookie: string;
  csrf: string;
}

/** An API token, sent as bearer, or a browser's session, sent as the cookie with a valid CSRF header. */
export type Credential = string | BrowserSession;

const credentialHeaders = (who: Credential): Record<string, string> =>
  typeof who === 'string' ? { authorization: `Bearer ${who}` } : { cookie: `${SESSION_COOKIE}=${who.cookie}`, [CSRF_HEADER]: who.csrf };

/** Sends `req` as `who` (none: no Authorization header, no cookie). */
export function send(t: TestApp, req: Req, who?: Credential): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = who === undefined ? {} : credentialHeaders(who);
  if (typeof req.body === 'string') headers['content-type'] = req.contentType ?? 'text/csv; charset=utf-8';
  return t.app.inject({
    method: req.method,
    url: req.url,
    headers,
    ...(req.body === undefined ? {} : { payload: req.body }),
  });
}

/** Signs in with the API token as a browser does; throws unless that works. */
export async function signIn(t: TestApp, token: string): Promise<BrowserSession> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { token } });
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (res.statusCode !== 200 || !cookie) throw new Error(`sign-in: ${res.statusCode} ${res.body}`);
  return { cookie: cookie.value, csrf: (res.json() as { session: { csrfToken: string } }).session.csrfToken };
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
