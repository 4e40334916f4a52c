import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ACCESS_TABLE } from './access-table.js';
import type { AccessCase } from './cases.js';
import type { Req } from './requests.js';

/** The error answer every refusal has: exactly `{code, message}`, JSON, with the status. */
export function expectRefusal(res: LightMyRequestResponse, req: Req, status: number, code: string): void {
  const what = `${req.method} ${req.url}`;
  expect({ what, status: res.statusCode, type: res.headers['content-type'] }).toEqual({ what, status, type: expect.stringMatching(/^application\/json/) });
  const body = res.json() as Record<string, unknown>;
  expect({ what, keys: Object.keys(body).sort(), code: body.code }).toEqual({ what, keys: ['code', 'message'], code });
  expect(body.message).toEqual(expect.any(String));
}

/** Markers the answer must show and must not show, named in the failure. */
export function expectShows(res: LightMyRequestResponse, req: Req, shown: readonly string[], hidden: readonly string[]): void {
  const what = `${req.method} ${req.url}`;
  expect({ what, status: res.statusCode }).toEqual({ what, status: 200 });
  expect({ what, missing: shown.filter((m) => !res.body.includes(m)) }).toEqual({ what, missing: [] });
  expect({ what, leaked: hidden.filter((m) => res.body.includes(m)) }).toEqual({ what, leaked: [] });
}

/** The table's cases of one kind, as `[route, case]` rows for it.each. */
export function casesOf<K extends AccessCase['kind']>(kind: K): [string, Extract<AccessCase, { kind: K }>][] {
  return Object.entries(ACCESS_TABLE).filter((e): e is [string, Extract<AccessCase, { kind: K }>] => e[1].kind === kind);
}
