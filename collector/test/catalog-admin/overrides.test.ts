import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { CatalogWriteResult, type CatalogProductView } from '../../src/schema/catalog.js';
import { registryFixture, type RegistryFixture } from '../lists/fixture.js';
import { collaboraRule, libreOverride, surveyProduct } from './products.js';

let f: RegistryFixture;
let libreRules: string[];
beforeEach(async () => {
  f = await registryFixture();
  // Read from the catalog rather than written here, so the test follows the built-in rule ids.
  const libre = (await f.call('GET', '/catalog/products/libreoffice', f.admin)).json() as CatalogProductView;
  libreRules = libre.rules.map((r) => r.id);
});
afterEach(() => f.t.close());

const version = async () => (await f.call('GET', '/catalog', f.admin)).json().version as string;
const office = async (name: string) =>
  (await f.call('POST', '/catalog/check', f.admin, { on: 'office', name, version: '7.6.4.1' })).json().recognised as { productId: string; ruleId: string } | null;
const put = (body: unknown, token = f.admin, id = 'libreoffice') => f.call('PUT', `/catalog/products/${id}/override`, token, body);

describe('PUT /catalog/products/:id/override', () => {
  it('switches rules off and adds rules: the old example is no longer recognised, the new name is', async () => {
    expect(await office('LibreOffice')).toMatchObject({ productId: 'libreoffice' });
    expect(await office('Collabora Office')).toBeNull();
    const res = await put(libreOverride(libreRules));
    expect(res.statusCode).toBe(200);
    const body = assertValid(CatalogWriteResult, res.json(), 'result');
    expect(body.product).toMatchObject({ id: 'libreoffice', origin: 'overridden', name: 'LibreOffice (local builds)', override: { disableRules: libreRules } });
    expect(body.product.rules.map((r) => r.id)).toEqual([collaboraRule.id]);
    expect(await version()).toBe('2026.12-1+local.1');
    expect(await office('LibreOffice')).toBeNull();
    expect(await office('Collabora Office')).toMatchObject({ productId: 'libreoffice', ruleId: collaboraRule.id });
  });

  it('audits each override with the JSON before and after', async () => {
    await put(libreOverride([]));
    await put({ licence: 'free-for-orgs' });
    const [second, first] = await f.audit('catalog.override');
    expect(first).toMatchObject({ action: 'catalog.override.put', target: 'libreoffice', detail: { before: null, after: { name: 'LibreOffice (local builds)' } } });
    expect(second).toMatchObject({ detail: { before: { name: 'LibreOffice (local builds)' }, after: { licence: 'free-for-orgs' } } });
    expect(second!.actor).toMatch(/^token:\d+$/);
    expect(await version()).toBe('2026.12-1+local.2');
    // The second override replaces the first: the Collabora rule is gone again.
    expect(await office('Collabora Office')).toBeNull();
  });

  it.each([
    ['a product that is not built-in', () => [libreOverride([]), 'no-such-product'], 404, 'E_NOT_FOUND'],
    ['a rule it does not have', () => [libreOverride(['windows/client'])], 400, 'E_INVALID'],
    ['an added rule of another product', () => [libreOverride([], { addRules: [{ ...collaboraRule, id: 'windows/collabora' }] })], 400, 'E_INVALID'],
    ['an added rule with a built-in id', () => [libreOverride([], { addRules: [{ ...collaboraRule, id: libreRules[0]! }] })], 409, 'E_CONFLICT'],
    ['an added rule twice', () => [libreOverride([], { addRules: [collaboraRule, collaboraRule] })], 409, 'E_CONFLICT'],
    ['a pattern that does not compile', () => [libreOverride([], { addRules: [{ ...collaboraRule, name: '(Collabora' }] })], 400, 'E_CATALOG_PATTERN'],
  ])('refuses %s, writing nothing', async (_what, args, status, code) => {
    const [body, id] = args() as [unknown, string | undefined];
    const audits = f.count('audit_log');
    const res = await put(body, f.admin, id);
    expect([res.statusCode, res.json().code]).toEqual([status, code]);
    expect([f.count('catalog_entries'), f.count('audit_log'), await version()]).toEqual([0, audits, '2026.12-1']);
  });

  it('answers 404 for a custom product (it is changed whole, not overridden)', async () => {
    await f.call('POST', '/catalog/products', f.admin, surveyProduct());
    const res = await put({ name: 'x' }, f.admin, 'acme-survey');
    expect(res.statusCode).toBe(404);
    expect(f.count('catalog_entries')).toBe(1);
  });

  it('refuses a viewer with 403, writing nothing', async () => {
    const res = await put(libreOverride(libreRules), f.viewer);
    expect([res.statusCode, res.json().code]).toEqual([403, 'E_FORBIDDEN']);
    expect([f.count('catalog_entries'), await office('LibreOffice')]).toEqual([0, expect.objectContaining({ productId: 'libreoffice' })]);
  });
});

describe('DELETE /catalog/products/:id/override', () => {
  it('puts the built-in product back', async () => {
    await put(libreOverride(libreRules));
    expect((await f.call('DELETE', '/catalog/products/libreoffice/override', f.viewer)).statusCode).toBe(403);
    const res = await f.call('DELETE', '/catalog/products/libreoffice/override', f.admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().product).toMatchObject({ id: 'libreoffice', origin: 'built-in', override: null, name: 'LibreOffice' });
    expect(await version()).toBe('2026.12-1+local.2');
    expect(await office('LibreOffice')).toMatchObject({ productId: 'libreoffice' });
    expect(await office('Collabora Office')).toBeNull();
    const [audit] = await f.audit('catalog.override');
    expect(audit).toMatchObject({ action: 'catalog.override.delete', detail: { before: { disableRules: libreRules }, after: null } });
  });

  it('answers 404 when there is no override', async () => {
    const res = await f.call('DELETE', '/catalog/products/libreoffice/override', f.admin);
    expect([res.statusCode, res.json().code]).toEqual([404, 'E_NOT_FOUND']);
    expect(await version()).toBe('2026.12-1');
  });
});
