import { api, get, type AccessTable, type Make } from './cases.js';
import type { World } from './world.js';

/** Spot checks (抽查): a viewer reads those of its subtree; drawing and recording are admins'. */

const onSpotChecks = (make: (id: number) => ReturnType<Make>): Make[] => [(w: World) => make(w.spotChecks.inside), (w: World) => make(w.spotChecks.outside)];
const record = { labelMatches: 'yes', agentPresent: 'yes', agentReporting: 'yes' };

export const spotCheckTable: AccessTable = {
  'GET /api/v1/spot-checks': {
    kind: 'scoped-list',
    // A unit filter narrows within what the caller sees (spot-checks-api tests), so one probe is the whole list.
    probes: [{ request: () => get('/spot-checks'), inside: ['甲县'], outside: ['乙县'] }],
  },
  'GET /api/v1/spot-checks/:id': {
    kind: 'scoped-read',
    inside: [(w) => get(`/spot-checks/${w.spotChecks.inside}`)],
    outside: [(w) => get(`/spot-checks/${w.spotChecks.outside}`)],
  },
  'POST /api/v1/spot-checks': {
    kind: 'write',
    viewer: [() => ({ method: 'POST', url: api('/spot-checks'), body: { unit: '甲县', ratio: 1 } }), () => ({ method: 'POST', url: api('/spot-checks'), body: { unit: '乙县', ratio: 1 } })],
    admin: () => ({ method: 'POST', url: api('/spot-checks'), body: { unit: '乙县', ratio: 1 } }),
    adminStatus: 201,
  },
  'PUT /api/v1/spot-checks/:id/machines/:machine': {
    kind: 'write',
    viewer: onSpotChecks((id) => ({ method: 'PUT', url: api(`/spot-checks/${id}/machines/1`), body: record })),
    admin: (w) => ({ method: 'PUT', url: api(`/spot-checks/${w.spotChecks.outside}/machines/yi-01`), body: record }),
    adminStatus: 200,
  },
  'PUT /api/v1/spot-checks/:id/unit-checks': {
    kind: 'write',
    viewer: onSpotChecks((id) => ({ method: 'PUT', url: api(`/spot-checks/${id}/unit-checks`), body: { ledger: 'yes', documents: 'no' } })),
    admin: (w) => ({ method: 'PUT', url: api(`/spot-checks/${w.spotChecks.outside}/unit-checks`), body: { ledger: 'yes', documents: 'no' } }),
    adminStatus: 200,
  },
  'POST /api/v1/spot-checks/:id/close': {
    kind: 'write',
    viewer: onSpotChecks((id) => ({ method: 'POST', url: api(`/spot-checks/${id}/close`) })),
    admin: (w) => ({ method: 'POST', url: api(`/spot-checks/${w.spotChecks.outside}/close`) }),
    adminStatus: 200,
  },
};
