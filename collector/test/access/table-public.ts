import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WEB_ROOT } from '../../src/http/web-routes.js';
import { api, type AccessTable } from './cases.js';

/** Routes without a bearer token, by design; each says why and answers without one. */

const docs = 'the OpenAPI document and its UI describe the API; they hold no record';
const get = (url: string) => () => ({ method: 'GET' as const, url });
const web = 'the dashboard’s page and scripts: it signs in through POST /api/v1/session and reads only through the API';
/** `npm run build` makes the dashboard; until then / says so with a 503. */
const built = existsSync(join(DEFAULT_WEB_ROOT, 'index.html'));

export const publicTable: AccessTable = {
  'GET /healthz': { kind: 'public', why: 'liveness for load balancers: says only whether the database answers', probe: get('/healthz'), status: 200 },
  'GET /docs': { kind: 'public', why: docs, probe: get('/docs'), status: 200 },
  'GET /docs/': { kind: 'public', why: docs, probe: get('/docs/'), status: 200 },
  'GET /docs/json': { kind: 'public', why: docs, probe: get('/docs/json'), status: 200 },
  'GET /docs/yaml': { kind: 'public', why: docs, probe: get('/docs/yaml'), status: 200 },
  'GET /docs/static/index.html': { kind: 'public', why: `${docs} (redirects to the UI)`, probe: get('/docs/static/index.html'), status: 302 },
  'GET /docs/static/swagger-initializer.js': { kind: 'public', why: docs, probe: get('/docs/static/swagger-initializer.js'), status: 200 },
  'GET /docs/static/*': { kind: 'public', why: `${docs}: the UI's scripts and styles`, probe: get('/docs/static/swagger-ui.css'), status: 200 },
  'GET /': { kind: 'public', why: web, probe: get('/'), status: built ? 200 : 503 },
  'GET /favicon.svg': { kind: 'public', why: web, probe: get('/favicon.svg'), status: built ? 200 : 404 },
  'GET /assets/*': { kind: 'public', why: web, probe: get('/assets/not-built.js'), status: 404, code: 'E_NOT_FOUND' },
  'POST /api/v1/enroll': {
    kind: 'public',
    why: 'an agent has no bearer token yet: it proves itself with a one-time enrollment token in the body',
    probe: () => ({ method: 'POST', url: api('/enroll'), body: { token: 'zbe_not-a-token', publicKey: 'x', hostname: 'pc' } }),
    status: 400,
  },
  'POST /api/v1/snapshots': {
    kind: 'public',
    why: 'agents sign each snapshot with their enrolled key (X-Zhengban-Agent, X-Zhengban-Signature), not a bearer token',
    probe: () => ({ method: 'POST', url: api('/snapshots'), body: { seq: 1 } }),
    status: 401,
    code: 'E_UNKNOWN_AGENT',
  },
};
