import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { CatalogProductView, CatalogView } from '../../src/schema/catalog.js';
import { CatalogCheckResult } from '../../src/service/catalog-check.js';
import { registryFixture, type RegistryFixture } from '../lists/fixture.js';

let f: RegistryFixture;
beforeEach(async () => {
  f = await registryFixture();
});
afterEach(() => f.t.close());

describe('GET /catalog', () => {
  it('shows the built-in catalog at its built-in version, to admins and viewers alike', async () => {
    for (const token of [f.admin, f.viewer]) {
      const res = await f.call('GET', '/catalog', token);
      expect(res.statusCode).toBe(200);
      const view = assertValid(CatalogView, res.json(), 'catalog');
      expect(view.version).toBe('2026.12-1');
      expect(view.products.map((p) => p.id)).toEqual(expect.arrayContaining(['windows', 'windows-server', 'ms-office', 'wps-office', 'libreoffice']));
      expect(view.products.every((p) => p.origin === 'built-in' && p.override === null)).toBe(true);
    }
    expect((await f.call('GET', '/catalog')).statusCode).toBe(401);
  });

  it('shows one product with its editions and rules; 404 for an unknown id', async () => {
    const res = await f.call('GET', '/catalog/products/windows', f.viewer);
    expect(res.statusCode).toBe(200);
    const windows = assertValid(CatalogProductView, res.json(), 'product');
    expect(windows).toMatchObject({ id: 'windows', category: 'os', origin: 'built-in' });
    expect(windows.editions?.map((e) => e.id)).toEqual(expect.arrayContaining(['home', 'pro', 'enterprise']));
    expect(windows.rules.length).toBeGreaterThan(0);
    const missing = await f.call('GET', '/catalog/products/no-such-product', f.admin);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('E_NOT_FOUND');
  });
});

describe('POST /catalog/check', () => {
  it('says which product, rule, edition, release and licence a subject is recognised as', async () => {
    const res = await f.call('POST', '/catalog/check', f.viewer, {
      on: 'os',
      name: 'Microsoft Windows 11 家庭中文版',
      osId: 'windows',
      edition: 'CoreCountrySpecific',
      version: '10.0.22631',
    });
    expect(res.statusCode).toBe(200);
    const result = assertValid(CatalogCheckResult, res.json(), 'check');
    expect(result).toMatchObject({
      version: '2026.12-1',
      recognised: { productId: 'windows', category: 'os', edition: { id: 'home' }, release: '11', licence: 'personal-use-only' },
    });
    expect(result.recognised?.ruleId).toMatch(/^windows\//);
  });

  it('recognises office suites and answers null for what no rule knows', async () => {
    const office = await f.call('POST', '/catalog/check', f.admin, { on: 'office', name: 'LibreOffice', version: '7.6.4.1' });
    expect(office.json().recognised).toMatchObject({ productId: 'libreoffice', licence: 'open-source' });
    const unknown = await f.call('POST', '/catalog/check', f.admin, { on: 'software', name: 'Acme Survey Pro', publisher: 'Acme' });
    expect(unknown.json()).toEqual({ version: '2026.12-1', recognised: null });
  });

  it('refuses a subject the schema does not allow with 400', async () => {
    for (const bad of [{ on: 'printer', name: 'x' }, { on: 'software' }, { on: 'software', name: '' }]) {
      const res = await f.call('POST', '/catalog/check', f.admin, bad);
      expect({ bad, status: res.statusCode, code: res.json().code }).toEqual({ bad, status: 400, code: 'E_SCHEMA' });
    }
  });
});

describe('OpenAPI', () => {
  it('documents the catalog and list routes under their tags', async () => {
    const doc = (await f.t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/api/v1/catalog/check'].post.tags).toEqual(['catalog']);
    expect(doc.paths['/api/v1/catalog/products/{id}/override'].put.summary).toMatch(/Override a built-in product/);
    expect(doc.paths['/api/v1/lists/{id}'].delete.tags).toEqual(['lists']);
  });
});
