import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { LicenceEvent, type LicenceView } from '../../src/schema/licences.js';
import { call, licenceApp, registryRows, windowsPro, type LicenceTestApp } from './licence-helper.js';

let t: LicenceTestApp;
let licence: LicenceView;
beforeEach(async () => {
  t = await licenceApp();
  const res = await call(t, 'POST', '/licences', t.admin, windowsPro(t.units.finance, { validUntil: '2026-12-31' }));
  licence = res.json().licence;
});
afterEach(() => t.close());

const event = (body: Record<string, unknown>, token = t.admin, id = licence.id) => call(t, 'POST', `/licences/${id}/events`, token, body);
const current = async (id = licence.id) => (await call(t, 'GET', `/licences/${id}`, t.admin)).json() as LicenceView;

describe('POST /licences/:id/events', () => {
  it('records a purchase and an install without changing the licence', async () => {
    const before = registryRows(t.dbFile);
    const res = await event({ kind: 'purchase', date: '2026-01-05', seats: 50, notes: '政府采购' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    assertValid(LicenceEvent, body.event, 'event');
    expect(body.event).toMatchObject({ kind: 'purchase', disposal: null, seats: 50, actor: expect.stringMatching(/^token:/) });
    expect(body.rejudged).toBeDefined();
    expect(body.created).toBeNull();
    expect((await event({ kind: 'install', date: '2026-01-20' })).statusCode).toBe(201);
    expect(await current()).toMatchObject({ seats: 50, effectiveSeats: 50, validUntil: '2026-12-31' });
    const after = registryRows(t.dbFile);
    expect(after.licence_events).toBe(2);
    expect(Number(after.revision)).toBe(Number(before.revision) + 2);
    expect((await t.store.read.audit.list({ limit: 1, offset: 0 }))[0]).toMatchObject({ action: 'licence.event', target: `licence #${licence.id}` });
  });

  it('a renewal sets validUntil; an upgrade sets versionTo', async () => {
    expect((await event({ kind: 'renewal', date: '2026-12-01', validUntil: '2027-12-31' })).json().licence.validUntil).toBe('2027-12-31');
    expect((await event({ kind: 'upgrade', date: '2027-02-01', versionTo: '12' })).json().licence.versionTo).toBe('12');
    expect(await current()).toMatchObject({ validUntil: '2027-12-31', versionTo: '12' });
  });

  it('a disposal takes seats away; one without seats takes all that remain', async () => {
    await event({ kind: 'disposal', disposal: 'scrap', date: '2026-11-01', seats: 3 });
    expect((await current()).effectiveSeats).toBe(47);
    await event({ kind: 'disposal', disposal: 'donation', date: '2026-11-02', seats: 7 });
    expect(await current()).toMatchObject({ seats: 50, effectiveSeats: 40 });
    await event({ kind: 'disposal', disposal: 'transfer', date: '2026-11-03' });
    expect((await current()).effectiveSeats).toBe(0);
    const before = registryRows(t.dbFile);
    const res = await event({ kind: 'disposal', disposal: 'scrap', date: '2026-11-04', seats: 1 });
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 400, code: 'E_INVALID' });
    expect(registryRows(t.dbFile)).toEqual(before);
  });

  it('refuses disposing of more seats than remain, and lowering seats below those disposed of', async () => {
    await event({ kind: 'disposal', disposal: 'scrap', date: '2026-11-01', seats: 45 });
    const before = registryRows(t.dbFile);
    const res = await event({ kind: 'disposal', disposal: 'scrap', date: '2026-11-02', seats: 6 });
    expect(res.json()).toMatchObject({ code: 'E_INVALID', message: expect.stringMatching(/5 seats left/) });
    const patch = await call(t, 'PATCH', `/licences/${licence.id}`, t.admin, { seats: 40 });
    expect(patch.json()).toMatchObject({ code: 'E_INVALID', message: expect.stringMatching(/45 seats/) });
    expect(registryRows(t.dbFile)).toEqual(before);
  });

  it('a reallocation (调剂) creates a licence in the receiving unit with the seats given', async () => {
    const res = await event({ kind: 'disposal', disposal: 'reallocation', date: '2026-11-05', seats: 10, toUnitId: t.units.education });
    expect(res.statusCode).toBe(201);
    const { event: ev, licence: after, created } = res.json();
    expect(after.effectiveSeats).toBe(40);
    expect(created).toMatchObject({
      id: ev.createdLicenceId,
      productId: 'windows',
      edition: 'pro',
      versionFrom: '10',
      versionTo: '11',
      model: 'oem',
      seats: 10,
      effectiveSeats: 10,
      unitId: t.units.education,
      unit: '教育局',
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
      price: null,
      notes: `调剂自 licence #${licence.id}`,
    });
    expect(ev).toMatchObject({ toUnitId: t.units.education, seats: 10 });
    expect(registryRows(t.dbFile).licences).toBe(2);
    const whole = await event({ kind: 'disposal', disposal: 'reallocation', date: '2026-11-06', toUnitId: t.units.city });
    expect(whole.json().created.seats).toBe(40);
    expect(whole.json().licence.effectiveSeats).toBe(0);
  });

  it.each([
    ['disposal fields on a renewal', { kind: 'renewal', date: '2026-11-01', validUntil: '2027-12-31', disposal: 'scrap' }, /disposal/],
    ['a renewal without validUntil', { kind: 'renewal', date: '2026-11-01' }, /validUntil/],
    ['a renewal that shortens', { kind: 'renewal', date: '2026-11-01', validUntil: '2026-06-30' }, /validUntil/],
    ['an upgrade without versionTo', { kind: 'upgrade', date: '2026-11-01' }, /versionTo/],
    ['an upgrade to an older release', { kind: 'upgrade', date: '2026-11-01', versionTo: '8' }, /versionTo/],
    ['a disposal without its kind', { kind: 'disposal', date: '2026-11-01', seats: 1 }, /disposal/],
    ['a reallocation without a unit', { kind: 'disposal', disposal: 'reallocation', date: '2026-11-01' }, /toUnitId/],
    ['a unit on a scrapping', { kind: 'disposal', disposal: 'scrap', date: '2026-11-01', toUnitId: 2 }, /toUnitId/],
    ['a reallocation to an absent unit', { kind: 'disposal', disposal: 'reallocation', date: '2026-11-01', toUnitId: 999 }, /unit/],
    ['versionTo on a purchase', { kind: 'purchase', date: '2026-11-01', versionTo: '11' }, /versionTo/],
    ['a date that does not exist', { kind: 'install', date: '2026-13-01' }, /date/],
  ])('refuses %s with 400 E_INVALID, writing nothing', async (_what, body, message) => {
    const before = registryRows(t.dbFile);
    const res = await event(body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'E_INVALID', message: expect.stringMatching(message) });
    expect(registryRows(t.dbFile)).toEqual(before);
  });

  it('refuses a reallocation to the unit that holds the licence', async () => {
    const res = await event({ kind: 'disposal', disposal: 'reallocation', date: '2026-11-01', toUnitId: t.units.finance });
    expect(res.json()).toMatchObject({ code: 'E_INVALID', message: expect.stringMatching(/another unit/) });
  });

  it('disposes of an unlimited licence only whole', async () => {
    const site = (await call(t, 'POST', '/licences', t.admin, { productId: 'wps-office', model: 'site', seats: null, unitId: t.units.finance })).json().licence;
    expect((await event({ kind: 'disposal', disposal: 'scrap', date: '2026-11-01', seats: 3 }, t.admin, site.id)).statusCode).toBe(400);
    expect((await current(site.id)).effectiveSeats).toBeNull();
    expect((await event({ kind: 'disposal', disposal: 'scrap', date: '2026-11-01' }, t.admin, site.id)).statusCode).toBe(201);
    expect((await current(site.id)).effectiveSeats).toBe(0);
  });

  it('is refused to a viewer (403) and answers 404 for a missing licence, writing nothing', async () => {
    const before = registryRows(t.dbFile);
    expect((await event({ kind: 'install', date: '2026-01-20' }, t.viewer)).statusCode).toBe(403);
    expect((await event({ kind: 'install', date: '2026-01-20' }, t.admin, 999)).statusCode).toBe(404);
    expect(registryRows(t.dbFile)).toEqual(before);
  });
});

describe('GET /licences/:id/events', () => {
  it('lists the events oldest first; a viewer sees them in its subtree only', async () => {
    await event({ kind: 'install', date: '2026-01-20' });
    await event({ kind: 'purchase', date: '2026-01-05' });
    const res = await call(t, 'GET', `/licences/${licence.id}/events`, t.viewer);
    expect(res.json().events.map((e: LicenceEvent) => e.kind)).toEqual(['purchase', 'install']);
    const theirs = (await call(t, 'POST', '/licences', t.admin, windowsPro(t.units.education))).json().licence;
    expect((await call(t, 'GET', `/licences/${theirs.id}/events`, t.viewer)).statusCode).toBe(404);
    expect((await call(t, 'GET', `/licences/${theirs.id}/events`, t.admin)).json()).toEqual({ events: [] });
  });
});
