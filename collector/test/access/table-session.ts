import { api, type AccessTable } from './cases.js';

/** Browser sign-in: trading an API token for a session cookie, and the session itself. */

const own = "the browser's own session: what the cookie stands for, and signing it out";

export const sessionTable: AccessTable = {
  'POST /api/v1/session': {
    kind: 'public',
    why: 'signing in: the browser has no session yet, and proves itself with an API token in the body',
    probe: () => ({ method: 'POST', url: api('/session'), body: {} }),
    status: 400,
    code: 'E_SCHEMA',
  },
  'GET /api/v1/session': { kind: 'session', why: own, request: () => ({ method: 'GET', url: api('/session') }), status: 200 },
  'DELETE /api/v1/session': { kind: 'session', why: own, request: () => ({ method: 'DELETE', url: api('/session') }), status: 204 },
};
