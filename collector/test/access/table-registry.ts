import { api, get, type AccessTable, type Make } from './cases.js';
import type { Req } from './requests.js';
import { MARK, type World } from './world.js';

/** Licences (with events, documents, the CSV ledger), deny and allow lists, the catalog. */

const licenceBody = (unitId: number) => ({ productId: 'windows', edition: 'pro', model: 'retail', seats: 3, unitId, purchaseOrder: 'PO-NEW' });
const csv = (unit: string) => `product,edition,model,seats,unit,purchaseOrder\r\nwindows,pro,retail,3,${unit},PO-CSV\r\n`;
const renewal = { kind: 'renewal', date: '2026-06-01', validUntil: '2027-12-31' };
const upload = { fileName: 'new.txt', mediaType: 'text/plain', contentBase64: Buffer.from('新的授权文本').toString('base64') };
const entry = (unitId: number | null) => ({ list: 'deny', name: 'NewDenied', unitId, reason: 'test' });
const product = {
  id: 'acme-other',
  name: 'Acme Other',
  nameZh: '阿克米其他',
  category: 'other',
  vendor: 'Acme',
  domestic: false,
  licence: 'commercial',
  rules: [{ id: 'acme-other/name', on: 'software', name: '^Acme Other\\b' }],
};

/** The same request on the inside licence, the outside one and the parent unit's. */
const onLicences = (make: (id: number) => Req): Make[] => [
  (w: World) => make(w.licences.inside),
  (w: World) => make(w.licences.outside),
  (w: World) => make(w.licences.parent),
];

export const registryTable: AccessTable = {
  // A report covers the caller's subtree: a viewer's default is its own unit; naming a
  // unit outside it is answered as missing (report-api tests).
  'GET /api/v1/reports/:name': {
    kind: 'scoped-list',
    probes: [
      { request: () => get('/reports/statistics'), inside: MARK.unitsIn, outside: MARK.unitsOut },
      { request: () => get('/reports/statistics?format=csv&lang=en'), inside: MARK.unitsIn, outside: MARK.unitsOut },
      { request: () => get('/reports/responsibles'), inside: [...MARK.unitsIn, '张甲'], outside: [...MARK.unitsOut, '李乙'] },
    ],
  },
  // The dashboard covers the caller's subtree like the reports: the overview names the
  // units below the one it is for; the trend names only that one.
  'GET /api/v1/dashboard/overview': {
    kind: 'scoped-list',
    probes: [
      { request: () => get('/dashboard/overview'), inside: MARK.unitsIn, outside: MARK.unitsOut },
      { request: () => get(`/dashboard/overview?unit=${encodeURIComponent('甲县')}`), inside: ['甲县'], outside: [] },
    ],
  },
  'GET /api/v1/dashboard/trend': {
    kind: 'scoped-list',
    probes: [
      { request: () => get('/dashboard/trend'), inside: [], outside: ['江南省'] },
      { request: () => get(`/dashboard/trend?unit=${encodeURIComponent('甲县')}&days=7`), inside: ['甲县'], outside: [] },
    ],
  },
  'GET /api/v1/licences': {
    kind: 'scoped-list',
    probes: [
      { request: () => get('/licences'), inside: MARK.licencesIn, outside: MARK.licencesOut },
      { request: () => get('/licences?productId=windows&limit=500'), inside: MARK.licencesIn, outside: MARK.licencesOut },
      { request: (w) => get(`/licences?unitId=${w.units.countyOut}`), inside: [], outside: ['PO-YI-001'] },
      { request: (w) => get(`/licences?unitId=${w.units.province}`), inside: MARK.licencesIn, outside: MARK.licencesOut },
    ],
  },
  'GET /api/v1/licences.csv': {
    kind: 'scoped-list',
    probes: [
      { request: () => get('/licences.csv'), inside: MARK.licencesIn, outside: [...MARK.licencesOut, '乙县', '江南省'] },
      { request: () => get('/licences.csv?lang=zh'), inside: MARK.licencesIn, outside: [...MARK.licencesOut, '乙县', '江南省'] },
    ],
  },
  'GET /api/v1/licences/:id': {
    kind: 'scoped-read',
    inside: [(w) => get(`/licences/${w.licences.inside}`)],
    outside: [(w) => get(`/licences/${w.licences.outside}`), (w) => get(`/licences/${w.licences.parent}`)],
  },
  'POST /api/v1/licences': {
    kind: 'write',
    viewer: [(w) => ({ method: 'POST', url: api('/licences'), body: licenceBody(w.units.countyIn) }), (w) => ({ method: 'POST', url: api('/licences'), body: licenceBody(w.units.countyOut) })],
    admin: (w) => ({ method: 'POST', url: api('/licences'), body: licenceBody(w.units.countyOut) }),
    adminStatus: 201,
  },
  'PATCH /api/v1/licences/:id': {
    kind: 'write',
    viewer: [
      ...onLicences((id) => ({ method: 'PATCH', url: api(`/licences/${id}`), body: { notes: 'changed' } })),
      (w) => ({ method: 'PATCH', url: api(`/licences/${w.licences.outside}`), body: { unitId: w.units.countyIn } }),
    ],
    admin: (w) => ({ method: 'PATCH', url: api(`/licences/${w.licences.outside}`), body: { notes: 'changed' } }),
    adminStatus: 200,
  },
  'DELETE /api/v1/licences/:id': {
    kind: 'write',
    viewer: onLicences((id) => ({ method: 'DELETE', url: api(`/licences/${id}`) })),
    admin: (w) => ({ method: 'DELETE', url: api(`/licences/${w.licences.outside}`) }),
    adminStatus: 200,
  },
  'GET /api/v1/licences/:id/events': {
    kind: 'scoped-read',
    inside: [(w) => get(`/licences/${w.licences.inside}/events`)],
    outside: [(w) => get(`/licences/${w.licences.outside}/events`), (w) => get(`/licences/${w.licences.parent}/events`)],
  },
  'POST /api/v1/licences/:id/events': {
    kind: 'write',
    viewer: [
      ...onLicences((id) => ({ method: 'POST', url: api(`/licences/${id}/events`), body: renewal })),
      (w) => ({ method: 'POST', url: api(`/licences/${w.licences.outside}/events`), body: { kind: 'disposal', disposal: 'reallocation', date: '2026-06-01', seats: 2, toUnitId: w.units.countyIn } }),
    ],
    admin: (w) => ({ method: 'POST', url: api(`/licences/${w.licences.outside}/events`), body: renewal }),
    adminStatus: 201,
  },
  'GET /api/v1/licences/:id/document': {
    kind: 'scoped-read',
    inside: [(w) => get(`/licences/${w.licences.inside}/document`)],
    outside: [(w) => get(`/licences/${w.licences.outside}/document`), (w) => get(`/licences/${w.licences.parent}/document`)],
  },
  'PUT /api/v1/licences/:id/document': {
    kind: 'write',
    viewer: onLicences((id) => ({ method: 'PUT', url: api(`/licences/${id}/document`), body: upload })),
    admin: (w) => ({ method: 'PUT', url: api(`/licences/${w.licences.outside}/document`), body: upload }),
    adminStatus: 200,
  },
  'POST /api/v1/licences/import': {
    kind: 'write',
    viewer: [() => ({ method: 'POST', url: api('/licences/import'), body: csv('甲县') }), () => ({ method: 'POST', url: api('/licences/import'), body: csv('乙县') })],
    admin: () => ({ method: 'POST', url: api('/licences/import'), body: csv('乙县') }),
    adminStatus: 201,
  },
  'GET /api/v1/lists': {
    kind: 'scoped-list',
    probes: [
      { request: () => get('/lists'), inside: MARK.listsIn, outside: MARK.listsOut },
      { request: () => get('/lists?list=deny'), inside: ['JiaDenied'], outside: MARK.listsOut },
    ],
  },
  'GET /api/v1/lists/:id': {
    kind: 'scoped-read',
    inside: [(w) => get(`/lists/${w.lists.inside}`), (w) => get(`/lists/${w.lists.global}`)],
    outside: [(w) => get(`/lists/${w.lists.outside}`)],
  },
  'POST /api/v1/lists': {
    kind: 'write',
    viewer: [
      (w) => ({ method: 'POST', url: api('/lists'), body: entry(w.units.countyIn) }),
      (w) => ({ method: 'POST', url: api('/lists'), body: entry(w.units.countyOut) }),
      () => ({ method: 'POST', url: api('/lists'), body: entry(null) }),
    ],
    admin: (w) => ({ method: 'POST', url: api('/lists'), body: entry(w.units.countyOut) }),
    adminStatus: 201,
  },
  'DELETE /api/v1/lists/:id': {
    kind: 'write',
    viewer: [
      (w) => ({ method: 'DELETE', url: api(`/lists/${w.lists.inside}`) }),
      (w) => ({ method: 'DELETE', url: api(`/lists/${w.lists.outside}`) }),
      (w) => ({ method: 'DELETE', url: api(`/lists/${w.lists.global}`) }),
    ],
    admin: (w) => ({ method: 'DELETE', url: api(`/lists/${w.lists.outside}`) }),
    adminStatus: 200,
  },
  'GET /api/v1/catalog': {
    kind: 'global-read',
    why: 'the catalog is global reference data: which products exist and how they are recognised',
    requests: [() => get('/catalog')],
  },
  'GET /api/v1/catalog/products/:id': {
    kind: 'global-read',
    why: 'a product, built-in, overridden or custom, is global reference data',
    requests: [(w) => get(`/catalog/products/${w.product}`), (w) => get(`/catalog/products/${w.overridden}`), () => get('/catalog/products/windows')],
  },
  'POST /api/v1/catalog/check': {
    kind: 'global-read',
    why: 'a POST that reads: asks the catalog what a reported name is, and stores nothing',
    requests: [() => ({ method: 'POST', url: api('/catalog/check'), body: { on: 'software', name: 'Acme Survey 3' } })],
  },
  'POST /api/v1/catalog/products': {
    kind: 'write',
    viewer: [() => ({ method: 'POST', url: api('/catalog/products'), body: product })],
    admin: () => ({ method: 'POST', url: api('/catalog/products'), body: product }),
    adminStatus: 201,
  },
  'PUT /api/v1/catalog/products/:id/override': {
    kind: 'write',
    viewer: [() => ({ method: 'PUT', url: api('/catalog/products/windows/override'), body: { notes: 'viewer' } })],
    admin: () => ({ method: 'PUT', url: api('/catalog/products/windows/override'), body: { notes: 'admin' } }),
    adminStatus: 200,
  },
  'DELETE /api/v1/catalog/products/:id/override': {
    kind: 'write',
    viewer: [(w) => ({ method: 'DELETE', url: api(`/catalog/products/${w.overridden}/override`) })],
    admin: (w) => ({ method: 'DELETE', url: api(`/catalog/products/${w.overridden}/override`) }),
    adminStatus: 200,
  },
  'DELETE /api/v1/catalog/products/:id': {
    kind: 'write',
    viewer: [(w) => ({ method: 'DELETE', url: api(`/catalog/products/${w.product}`) })],
    admin: (w) => ({ method: 'DELETE', url: api(`/catalog/products/${w.product}`) }),
    adminStatus: 200,
  },
};
