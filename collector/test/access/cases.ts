import type { Req } from './requests.js';
import type { World } from './world.js';

/** A request built from the world's ids. */
export type Make = (w: World) => Req;

/** A list or export: shows the inside markers to the viewer, never the outside ones; an admin sees both. */
export interface ListProbe {
  request: Make;
  inside: readonly string[];
  outside: readonly string[];
}

/**
 * How one route is reached, for each kind of caller:
 * - `public`: no bearer token by design (`why`); `probe` answers `status` (and `code`) without one.
 * - `scoped-read`: records of a unit. Viewer: `inside` 200, `outside` 404 E_NOT_FOUND.
 * - `scoped-list`: lists and exports, filtered to the viewer's subtree (`probes`).
 * - `global-read`: reference data every signed-in caller reads (`why`).
 * - `admin-read`: a read only admins get; a viewer is answered 403 E_FORBIDDEN.
 * - `write`: viewer 403 E_FORBIDDEN and nothing written, whether the target is inside
 *   (`viewer[0]`) or outside; the admin's request (aimed outside the viewer's subtree)
 *   answers `adminStatus` and is audited unless `audited` is false (then `why` says so).
 * - `session`: the browser's own session (`why`), reached by its cookie alone: without
 *   one 401 E_AUTH_REQUIRED, whatever bearer token comes; a signed-in viewer gets `status`.
 * Every other route but `public` answers 401 without a token, with a wrong one, and
 * with a session cookie that names no session.
 */
export type AccessCase =
  | { kind: 'public'; why: string; probe: Make; status: number; code?: string }
  | { kind: 'scoped-read'; inside: Make[]; outside: Make[] }
  | { kind: 'scoped-list'; probes: ListProbe[] }
  | { kind: 'global-read'; why: string; requests: Make[] }
  | { kind: 'admin-read'; request: Make }
  | { kind: 'write'; viewer: Make[]; admin: Make; adminStatus: 200 | 201; audited?: false; why?: string }
  | { kind: 'session'; why: string; request: Make; status: 200 | 204 };

export type AccessTable = Record<string, AccessCase>;

/** `/units` → `/api/v1/units`. */
export const api = (path: string): string => `/api/v1${path}`;

export const get = (url: string): Req => ({ method: 'GET', url: api(url) });

/** Every request a case makes, for trying them all without a token. */
export function requestsOf(c: AccessCase): Make[] {
  switch (c.kind) {
    case 'public':
      return [c.probe];
    case 'scoped-read':
      return [...c.inside, ...c.outside];
    case 'scoped-list':
      return c.probes.map((p) => p.request);
    case 'global-read':
      return c.requests;
    case 'admin-read':
    case 'session':
      return [c.request];
    case 'write':
      return [...c.viewer, c.admin];
  }
}
