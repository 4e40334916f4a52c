import { api, get, type AccessTable, type Make } from './cases.js';
import { EMPTY_BUNDLE, MARK } from './world.js';

/** Units, people, machines (list, detail, moves, verdict history, software changes), review, re-judge, audit. */

const person = { role: 'contact', name: '某人', phone: '0571-87000002' };
const machineReads = (suffix: string): { inside: Make[]; outside: Make[] } => ({
  inside: [(w) => get(`/machines/${w.machines.inside.agentId}${suffix}`)],
  outside: [(w) => get(`/machines/${w.machines.outside.agentId}${suffix}`), (w) => get(`/machines/${w.machines.parent.agentId}${suffix}`)],
});

export const orgTable: AccessTable = {
  'GET /api/v1/units': {
    kind: 'scoped-list',
    probes: [{ request: () => get('/units'), inside: [...MARK.unitsIn, '张甲'], outside: [...MARK.unitsOut, '李乙'] }],
  },
  'GET /api/v1/units/:id': {
    kind: 'scoped-read',
    inside: [(w) => get(`/units/${w.units.cityIn}`), (w) => get(`/units/${w.units.countyIn}`)],
    outside: [(w) => get(`/units/${w.units.province}`), (w) => get(`/units/${w.units.cityOut}`), (w) => get(`/units/${w.units.countyOut}`)],
  },
  'POST /api/v1/units': {
    kind: 'write',
    viewer: [
      (w) => ({ method: 'POST', url: api('/units'), body: { name: '甲县新科', parentId: w.units.countyIn } }),
      (w) => ({ method: 'POST', url: api('/units'), body: { name: '乙县新科', parentId: w.units.countyOut } }),
      () => ({ method: 'POST', url: api('/units'), body: { name: '新省' } }),
    ],
    admin: (w) => ({ method: 'POST', url: api('/units'), body: { name: '乙县新科', parentId: w.units.countyOut } }),
    adminStatus: 201,
  },
  'PATCH /api/v1/units/:id': {
    kind: 'write',
    viewer: [
      (w) => ({ method: 'PATCH', url: api(`/units/${w.units.countyIn}`), body: { headcount: 9 } }),
      (w) => ({ method: 'PATCH', url: api(`/units/${w.units.countyOut}`), body: { headcount: 9 } }),
      (w) => ({ method: 'PATCH', url: api(`/units/${w.units.countyOut}`), body: { parentId: w.units.cityIn } }),
    ],
    admin: (w) => ({ method: 'PATCH', url: api(`/units/${w.units.countyOut}`), body: { headcount: 9 } }),
    adminStatus: 200,
  },
  'DELETE /api/v1/units/:id': {
    kind: 'write',
    viewer: [(w) => ({ method: 'DELETE', url: api(`/units/${w.units.spareIn}`) }), (w) => ({ method: 'DELETE', url: api(`/units/${w.units.spareOut}`) })],
    admin: (w) => ({ method: 'DELETE', url: api(`/units/${w.units.spareOut}`) }),
    adminStatus: 200,
  },
  'GET /api/v1/people': {
    kind: 'scoped-list',
    probes: [{ request: () => get('/people'), inside: ['张甲'], outside: ['李乙'] }],
  },
  'GET /api/v1/units/:id/people': {
    kind: 'scoped-read',
    inside: [(w) => get(`/units/${w.units.countyIn}/people`)],
    outside: [(w) => get(`/units/${w.units.countyOut}/people`), (w) => get(`/units/${w.units.province}/people`)],
  },
  'POST /api/v1/units/:id/people': {
    kind: 'write',
    viewer: [
      (w) => ({ method: 'POST', url: api(`/units/${w.units.countyIn}/people`), body: person }),
      (w) => ({ method: 'POST', url: api(`/units/${w.units.countyOut}/people`), body: person }),
    ],
    admin: (w) => ({ method: 'POST', url: api(`/units/${w.units.countyOut}/people`), body: person }),
    adminStatus: 201,
  },
  'GET /api/v1/people/:id': {
    kind: 'scoped-read',
    inside: [(w) => get(`/people/${w.people.inside}`)],
    outside: [(w) => get(`/people/${w.people.outside}`)],
  },
  'PATCH /api/v1/people/:id': {
    kind: 'write',
    viewer: [
      (w) => ({ method: 'PATCH', url: api(`/people/${w.people.inside}`), body: { title: '局长' } }),
      (w) => ({ method: 'PATCH', url: api(`/people/${w.people.outside}`), body: { title: '局长' } }),
    ],
    admin: (w) => ({ method: 'PATCH', url: api(`/people/${w.people.outside}`), body: { title: '局长' } }),
    adminStatus: 200,
  },
  'DELETE /api/v1/people/:id': {
    kind: 'write',
    viewer: [(w) => ({ method: 'DELETE', url: api(`/people/${w.people.inside}`) }), (w) => ({ method: 'DELETE', url: api(`/people/${w.people.outside}`) })],
    admin: (w) => ({ method: 'DELETE', url: api(`/people/${w.people.outside}`) }),
    adminStatus: 200,
  },
  'GET /api/v1/machines': {
    kind: 'scoped-list',
    probes: [
      { request: () => get('/machines'), inside: MARK.hostsIn, outside: MARK.hostsOut },
      { request: () => get(`/machines?unit=${encodeURIComponent('乙县')}`), inside: [], outside: ['yi-01'] },
      { request: () => get(`/machines?unit=${encodeURIComponent('江南省')}`), inside: [], outside: ['sheng-01'] },
    ],
  },
  'GET /api/v1/machines/:id': { kind: 'scoped-read', ...machineReads('') },
  'PATCH /api/v1/machines/:id': {
    kind: 'write',
    viewer: [
      (w) => ({ method: 'PATCH', url: api(`/machines/${w.machines.inside.agentId}`), body: { user: '张甲', assetNumber: 'ZC-JIA-01' } }),
      (w) => ({ method: 'PATCH', url: api(`/machines/${w.machines.outside.agentId}`), body: { assetNumber: 'ZC-YI-01' } }),
      (w) => ({ method: 'PATCH', url: api('/machines/ag_nobody'), body: { user: '某人' } }),
    ],
    admin: (w) => ({ method: 'PATCH', url: api(`/machines/${w.machines.outside.agentId}`), body: { user: '李乙', assetNumber: 'ZC-YI-01' } }),
    adminStatus: 200,
  },
  'GET /api/v1/machines/:id/moves': { kind: 'scoped-read', ...machineReads('/moves') },
  'GET /api/v1/machines/:id/verdicts': { kind: 'scoped-read', ...machineReads('/verdicts') },
  'GET /api/v1/machines/:id/changes': { kind: 'scoped-read', ...machineReads('/changes') },
  'GET /api/v1/machines/:id/software': { kind: 'scoped-read', ...machineReads('/software') },
  'POST /api/v1/machines/:id/move': {
    kind: 'write',
    viewer: [
      (w) => ({ method: 'POST', url: api(`/machines/${w.machines.inside.agentId}/move`), body: { unitId: w.units.cityIn } }),
      (w) => ({ method: 'POST', url: api(`/machines/${w.machines.inside.agentId}/move`), body: { unitId: w.units.countyOut } }),
      (w) => ({ method: 'POST', url: api(`/machines/${w.machines.outside.agentId}/move`), body: { unitId: w.units.countyIn } }),
      (w) => ({ method: 'POST', url: api(`/machines/${w.machines.outside.agentId}/move`), body: { unitId: w.units.cityOut } }),
    ],
    admin: (w) => ({ method: 'POST', url: api(`/machines/${w.machines.outside.agentId}/move`), body: { unitId: w.units.cityOut } }),
    adminStatus: 201,
  },
  'GET /api/v1/review/software': {
    kind: 'scoped-list',
    probes: [{ request: () => get('/review/software'), inside: MARK.softwareIn, outside: MARK.softwareOut }],
  },
  'POST /api/v1/rejudge': {
    kind: 'write',
    viewer: [() => ({ method: 'POST', url: api('/rejudge') })],
    admin: () => ({ method: 'POST', url: api('/rejudge') }),
    adminStatus: 200,
  },
  'GET /api/v1/audit': { kind: 'admin-read', request: () => get('/audit?limit=500') },
  // Bundles carried from networks with no route: an import enrolls machines, so admins only.
  'GET /api/v1/imports': { kind: 'admin-read', request: () => get('/imports') },
  'GET /api/v1/imports/:id': { kind: 'admin-read', request: (w) => get(`/imports/${w.importId}`) },
  'POST /api/v1/imports': {
    kind: 'write',
    viewer: [() => ({ method: 'POST', url: api('/imports'), body: EMPTY_BUNDLE, contentType: 'application/x-ndjson' })],
    admin: () => ({ method: 'POST', url: api('/imports'), body: EMPTY_BUNDLE, contentType: 'application/x-ndjson' }),
    adminStatus: 200,
  },
};
