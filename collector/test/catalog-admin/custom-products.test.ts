import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { CatalogWriteResult } from '../../src/schema/catalog.js';
import { commitLicence } from '../../src/service/licence-service.js';
import { T0 } from '../helper.js';
import { registryFixture, type RegistryFixture } from '../lists/fixture.js';
import { surveyProduct } from './products.js';

let f: RegistryFixture;
beforeEach(async () => {
  f = await registryFixture();
});
afterEach(() => f.t.close());

const version = async () => (await f.call('GET', '/catalog', f.admin)).json().version as string;
const check = async (name: string, publisher = 'Acme Geomatics', v = '3.2') =>
  (await f.call('POST', '/catalog/check', f.admin, { on: 'software', name, publisher, version: v })).json();

describe('POST /catalog/products', () => {
  it('adds a custom product: audited, catalog revision bumped, recognised at once', async () => {
    const res = await f.call('POST', '/catalog/products', f.admin, surveyProduct());
    expect(res.statusCode).toBe(201);
    const body = assertValid(CatalogWriteResult, res.json(), 'result');
    expect(body.product).toMatchObject({ id: 'acme-survey', origin: 'custom', override: null });
    expect(body.rejudged).toEqual(expect.objectContaining({ machines: expect.any(Number) }));
    expect(await version()).toBe('2026.12-1+local.1');
    expect((await f.call('GET', '/catalog/products/acme-survey', f.viewer)).json()).toMatchObject({ origin: 'custom' });
    expect(await check('Acme Survey Pro')).toEqual({
      version: '2026.12-1+local.1',
      recognised: expect.objectContaining({ productId: 'acme-survey', ruleId: 'acme-survey/name', edition: expect.objectContaining({ id: 'pro' }), release: '3', licence: 'commercial' }),
    });
    expect((await check('Acme Survey Lite')).recognised).toMatchObject({ edition: { id: 'lite' }, licence: 'free-for-orgs' });
    expect((await check('Acme Survey Pro', 'Someone Else')).recognised).toBeNull();
    const [audit] = await f.audit('catalog.');
    expect(audit).toMatchObject({ action: 'catalog.product.create', target: 'acme-survey', detail: { before: null, after: { id: 'acme-survey' } } });
    expect(audit!.actor).toMatch(/^token:\d+$/);
  });

  it('refuses a built-in id or an existing custom id with 409, writing nothing', async () => {
    const windows = await f.call('POST', '/catalog/products', f.admin, surveyProduct({ id: 'windows', rules: [{ id: 'windows/mine', on: 'software', name: 'x' }] }));
    expect([windows.statusCode, windows.json().code]).toEqual([409, 'E_CONFLICT']);
    expect(f.count('catalog_entries')).toBe(0);
    await f.call('POST', '/catalog/products', f.admin, surveyProduct());
    const again = await f.call('POST', '/catalog/products', f.admin, surveyProduct({ name: 'Other' }));
    expect([again.statusCode, again.json().code]).toEqual([409, 'E_CONFLICT']);
    expect(f.count('catalog_entries')).toBe(1);
    expect(await version()).toBe('2026.12-1+local.1');
  });

  it.each([
    ['a rule pattern that does not compile', { rules: [{ id: 'acme-survey/name', on: 'software', name: '(Acme' }] }, 'E_CATALOG_PATTERN'],
    ['an edition pattern that does not compile', { editions: [{ id: 'pro', name: 'Pro', nameZh: '专业版', pattern: '[Pro' }] }, 'E_CATALOG_PATTERN'],
    ['a rule id of another product', { rules: [{ id: 'windows/acme', on: 'software', name: 'Acme' }] }, 'E_INVALID'],
    ['an edition id twice', { editions: [{ id: 'pro', name: 'A', nameZh: 'A', pattern: 'a' }, { id: 'pro', name: 'B', nameZh: 'B', pattern: 'b' }] }, 'E_INVALID'],
  ])('refuses %s with 400, writing nothing', async (_what, changes, code) => {
    const audits = f.count('audit_log');
    const res = await f.call('POST', '/catalog/products', f.admin, surveyProduct(changes as never));
    expect([res.statusCode, res.json().code]).toEqual([400, code]);
    expect([f.count('catalog_entries'), f.count('audit_log'), await version()]).toEqual([0, audits, '2026.12-1']);
  });

  it('refuses a rule id given twice with 409', async () => {
    const rule = { id: 'acme-survey/name', on: 'software', name: 'Acme' } as const;
    const res = await f.call('POST', '/catalog/products', f.admin, surveyProduct({ rules: [rule, rule] }));
    expect([res.statusCode, res.json().code]).toEqual([409, 'E_CONFLICT']);
    expect(f.count('catalog_entries')).toBe(0);
  });

  it('refuses a viewer with 403 and a body the schema does not allow with 400', async () => {
    expect((await f.call('POST', '/catalog/products', f.viewer, surveyProduct())).statusCode).toBe(403);
    const noRules = await f.call('POST', '/catalog/products', f.admin, surveyProduct({ rules: [] }));
    expect([noRules.statusCode, noRules.json().code]).toEqual([400, 'E_SCHEMA']);
    expect([f.count('catalog_entries'), await version()]).toEqual([0, '2026.12-1']);
  });
});

describe('DELETE /catalog/products/:id', () => {
  beforeEach(async () => {
    await f.call('POST', '/catalog/products', f.admin, surveyProduct());
  });

  it('removes a custom product, audited with what it was', async () => {
    expect((await f.call('DELETE', '/catalog/products/acme-survey', f.viewer)).statusCode).toBe(403);
    const res = await f.call('DELETE', '/catalog/products/acme-survey', f.admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().product).toMatchObject({ id: 'acme-survey', origin: 'custom' });
    expect(await version()).toBe('2026.12-1+local.2');
    expect((await f.call('GET', '/catalog/products/acme-survey', f.admin)).statusCode).toBe(404);
    expect((await check('Acme Survey Pro')).recognised).toBeNull();
    const [audit] = await f.audit('catalog.');
    expect(audit).toMatchObject({ action: 'catalog.product.delete', target: 'acme-survey', detail: { before: { id: 'acme-survey' }, after: null } });
    expect((await f.call('DELETE', '/catalog/products/acme-survey', f.admin)).statusCode).toBe(404);
  });

  it('refuses a built-in product (400) and a product licences name (409 E_IN_USE)', async () => {
    const builtin = await f.call('DELETE', '/catalog/products/windows', f.admin);
    expect([builtin.statusCode, builtin.json().code]).toEqual([400, 'E_INVALID']);
    const w = { actor: 'test', at: T0.toISOString() };
    await commitLicence(f.t.store, { productId: 'acme-survey', model: 'retail', seats: 5, unitId: f.units.finance }, w);
    const inUse = await f.call('DELETE', '/catalog/products/acme-survey', f.admin);
    expect([inUse.statusCode, inUse.json().code]).toEqual([409, 'E_IN_USE']);
    expect(f.count('catalog_entries')).toBe(1);
  });
});
