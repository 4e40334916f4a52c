import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { LicenceList, LicenceView } from '../../src/schema/licences.js';
import { call, licenceApp, registryRows, windowsPro, type LicenceTestApp } from './licence-helper.js';

let t: LicenceTestApp;
beforeEach(async () => {
  t = await licenceApp();
});
afterEach(() => t.close());

const create = async (body: Record<string, unknown>) => {
  const res = await call(t, 'POST', '/licences', t.admin, body);
  if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body}`);
  return res.json().licence as LicenceView;
};

describe('POST /licences', () => {
  it('records a licence, audits it, bumps the registry revision and re-judges', async () => {
    const before = registryRows(t.dbFile);
    const res = await call(t, 'POST', '/licences', t.admin, windowsPro(t.units.finance));
    expect(res.statusCode).toBe(201);
    const { licence, rejudged } = res.json();
    assertValid(LicenceView, licence, 'licence');
    expect(licence).toMatchObject({
      productId: 'windows',
      edition: 'pro',
      model: 'oem',
      seats: 50,
      effectiveSeats: 50,
      allocated: 0,
      unit: '财政局',
      price: 19999.99,
      document: null,
      downgrade: false,
      kmsHosts: [],
      validUntil: null,
    });
    expect(licence.product).toMatch(/Windows/);
    expect(rejudged).toEqual({ machines: expect.any(Number), changed: expect.any(Number), statusChanged: expect.any(Number), ms: expect.any(Number) });
    const after = registryRows(t.dbFile);
    expect(after.licences).toBe(1);
    expect(Number(after.revision)).toBe(Number(before.revision) + 1);
    const [entry] = await t.store.read.audit.list({ limit: 1, offset: 0, action: 'licence.' });
    expect(entry).toMatchObject({ action: 'licence.create', target: `licence #${licence.id}` });
    expect(entry!.actor).toMatch(/^token:\d+$/);
    expect(entry!.detail).toMatchObject({ after: { productId: 'windows', seats: 50 } });
  });

  it('stores the price as whole fen', async () => {
    const l = await create(windowsPro(t.units.finance, { price: 0.07 }));
    expect(l.price).toBe(0.07);
    const res = await call(t, 'POST', '/licences', t.admin, windowsPro(t.units.finance, { price: 1.005 }));
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 400, code: 'E_SCHEMA' });
  });

  it.each([
    ['an unknown product', { productId: 'no-such-product' }, /productId/],
    ['an edition of another product', { edition: 'professional-plus' }, /edition/],
    ['versionFrom above versionTo', { versionFrom: '11', versionTo: '10' }, /versionTo/],
    ['validFrom after validUntil', { validFrom: '2027-01-01', validUntil: '2026-12-31' }, /validUntil/],
    ['a day that does not exist', { validUntil: '2026-02-30' }, /calendar/],
    ['kms without hosts', { model: 'kms' }, /kmsHosts/],
    ['KMS hosts on a mak licence', { model: 'mak', kmsHosts: ['kms.example.gov.cn'] }, /kmsHosts/],
    ['a subscription without its end', { model: 'subscription', validUntil: null }, /validUntil/],
    ['seats on a site licence', { model: 'site', seats: 10 }, /seats/],
    ['seats on a free licence', { model: 'free', seats: 1 }, /seats/],
    ['a unit that does not exist', { unitId: 9999 }, /unit/],
  ])('refuses %s with 400 E_INVALID and writes nothing', async (_what, changes, message) => {
    const before = registryRows(t.dbFile);
    const res = await call(t, 'POST', '/licences', t.admin, windowsPro(t.units.finance, changes));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'E_INVALID', message: expect.stringMatching(message) });
    expect(registryRows(t.dbFile)).toEqual(before);
  });

  it('refuses what the schema refuses with 400 E_SCHEMA', async () => {
    const before = registryRows(t.dbFile);
    for (const changes of [{ model: 'pirated' }, { seats: -1 }, { extra: 1 }, { validFrom: '2026/01/01' }]) {
      const res = await call(t, 'POST', '/licences', t.admin, windowsPro(t.units.finance, changes));
      expect({ changes, status: res.statusCode, code: res.json().code }).toEqual({ changes, status: 400, code: 'E_SCHEMA' });
    }
    expect(registryRows(t.dbFile)).toEqual(before);
  });

  it('accepts the models that need no seats and a kms licence with its hosts', async () => {
    expect((await create({ productId: 'wps-office', model: 'site', seats: null, unitId: t.units.city })).seats).toBeNull();
    const kms = await create(windowsPro(t.units.finance, { model: 'kms', kmsHosts: ['kms.czj.gov.cn'], edition: 'enterprise' }));
    expect(kms.kmsHosts).toEqual(['kms.czj.gov.cn']);
    const sub = await create({ productId: 'ms-office', edition: 'professional-plus', model: 'subscription', seats: 5, unitId: t.units.education, validUntil: '2027-06-30' });
    expect(sub.effectiveSeats).toBe(5);
  });

  it('is refused to a viewer with 403, writing nothing', async () => {
    const before = registryRows(t.dbFile);
    const res = await call(t, 'POST', '/licences', t.viewer, windowsPro(t.units.finance));
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 403, code: 'E_FORBIDDEN' });
    expect(registryRows(t.dbFile)).toEqual(before);
  });
});

describe('GET /licences and /licences/:id', () => {
  let finance: LicenceView;
  let budget: LicenceView;
  let education: LicenceView;
  beforeEach(async () => {
    finance = await create(windowsPro(t.units.finance));
    budget = await create({ productId: 'wps-office', edition: 'professional', model: 'retail', seats: 3, unitId: t.units.budget });
    education = await create({ productId: 'ms-office', edition: 'professional-plus', model: 'mak', seats: 20, unitId: t.units.education });
  });

  it('lists every licence for an admin, filters by product and unit subtree, and pages', async () => {
    const ids = async (q: string) => {
      const res = await call(t, 'GET', `/licences${q}`, t.admin);
      return assertValid(LicenceList, res.json(), 'list').licences.map((l) => l.id);
    };
    expect(await ids('')).toEqual([finance.id, budget.id, education.id]);
    expect(await ids('?productId=ms-office')).toEqual([education.id]);
    expect(await ids(`?unitId=${t.units.finance}`)).toEqual([finance.id, budget.id]);
    expect(await ids(`?unitId=${t.units.budget}`)).toEqual([budget.id]);
    const page = (await call(t, 'GET', '/licences?limit=1&offset=1', t.admin)).json();
    expect(page.total).toBe(3);
    expect(page.licences.map((l: LicenceView) => l.id)).toEqual([budget.id]);
  });

  it('shows a viewer only the licences of its subtree', async () => {
    const list = (await call(t, 'GET', '/licences', t.viewer)).json();
    expect(list).toMatchObject({ total: 2, licences: [{ id: finance.id }, { id: budget.id }] });
    expect((await call(t, 'GET', `/licences?unitId=${t.units.education}`, t.viewer)).json()).toEqual({ licences: [], total: 0 });
    expect((await call(t, 'GET', `/licences/${budget.id}`, t.viewer)).statusCode).toBe(200);
    const outside = await call(t, 'GET', `/licences/${education.id}`, t.viewer);
    expect({ status: outside.statusCode, code: outside.json().code }).toEqual({ status: 404, code: 'E_NOT_FOUND' });
  });

  it('answers 404 for a licence that does not exist and 400 for a bad id or query', async () => {
    expect((await call(t, 'GET', '/licences/999', t.admin)).statusCode).toBe(404);
    expect((await call(t, 'GET', '/licences/abc', t.admin)).json().code).toBe('E_SCHEMA');
    expect((await call(t, 'GET', '/licences?limit=0', t.admin)).json().code).toBe('E_SCHEMA');
  });
});

describe('PATCH /licences/:id', () => {
  it('changes fields, audits before and after, and re-judges', async () => {
    const l = await create(windowsPro(t.units.finance));
    const res = await call(t, 'PATCH', `/licences/${l.id}`, t.admin, { seats: 60, vendor: null, unitId: t.units.education });
    expect(res.statusCode).toBe(200);
    expect(res.json().licence).toMatchObject({ seats: 60, vendor: null, unit: '教育局', edition: 'pro' });
    expect(res.json().rejudged).toBeDefined();
    const [entry] = await t.store.read.audit.list({ limit: 1, offset: 0, action: 'licence.' });
    expect(entry).toMatchObject({
      action: 'licence.update',
      detail: { before: { seats: 50, vendor: '联想', unitId: t.units.finance }, after: { seats: 60, vendor: null, unitId: t.units.education } },
    });
  });

  it('checks the licence as it would be after the change', async () => {
    const l = await create(windowsPro(t.units.finance));
    const before = registryRows(t.dbFile);
    for (const patch of [{ model: 'site' }, { productId: 'ms-office' }, { versionTo: '8' }, { unitId: 9999 }]) {
      const res = await call(t, 'PATCH', `/licences/${l.id}`, t.admin, patch);
      expect({ patch, status: res.statusCode, code: res.json().code }).toEqual({ patch, status: 400, code: 'E_INVALID' });
    }
    expect(registryRows(t.dbFile)).toEqual(before);
    const ok = await call(t, 'PATCH', `/licences/${l.id}`, t.admin, { model: 'site', seats: null });
    expect(ok.json().licence).toMatchObject({ model: 'site', seats: null, effectiveSeats: null });
  });

  it('refuses a viewer (403) and answers 404 outside its subtree, writing nothing', async () => {
    const mine = await create(windowsPro(t.units.finance));
    const theirs = await create(windowsPro(t.units.education));
    const before = registryRows(t.dbFile);
    expect((await call(t, 'PATCH', `/licences/${mine.id}`, t.viewer, { seats: 1 })).statusCode).toBe(403);
    expect((await call(t, 'PATCH', `/licences/${theirs.id}`, t.viewer, { seats: 1 })).statusCode).toBe(403);
    expect((await call(t, 'PATCH', '/licences/999', t.admin, { seats: 1 })).statusCode).toBe(404);
    expect(registryRows(t.dbFile)).toEqual(before);
  });
});

describe('DELETE /licences/:id', () => {
  it('deletes a licence entered by mistake, with its events, and audits it', async () => {
    const l = await create(windowsPro(t.units.finance));
    await call(t, 'POST', `/licences/${l.id}/events`, t.admin, { kind: 'purchase', date: '2026-01-05' });
    const res = await call(t, 'DELETE', `/licences/${l.id}`, t.admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ licence: { id: l.id }, rejudged: expect.any(Object) });
    expect(registryRows(t.dbFile)).toMatchObject({ licences: 0, licence_events: 0 });
    expect((await t.store.read.audit.list({ limit: 1, offset: 0 }))[0]).toMatchObject({ action: 'licence.delete', detail: { before: { seats: 50 } } });
    expect((await call(t, 'DELETE', `/licences/${l.id}`, t.admin)).statusCode).toBe(404);
  });

  it('is refused to a viewer, writing nothing', async () => {
    const l = await create(windowsPro(t.units.finance));
    const before = registryRows(t.dbFile);
    expect((await call(t, 'DELETE', `/licences/${l.id}`, t.viewer)).statusCode).toBe(403);
    expect(registryRows(t.dbFile)).toEqual(before);
  });
});
