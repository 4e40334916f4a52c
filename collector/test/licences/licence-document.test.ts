import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertValid } from '@zhengban/shared';
import { LicenceDocumentInfo, type LicenceView } from '../../src/schema/licences.js';
import { contentDisposition } from '../../src/http/content-disposition.js';
import { decodeBase64 } from '../../src/service/licence-document-service.js';
import { call, licenceApp, registryRows, windowsPro, type LicenceTestApp } from './licence-helper.js';

let t: LicenceTestApp;
let licence: LicenceView;
let theirs: LicenceView;
beforeEach(async () => {
  t = await licenceApp();
  licence = (await call(t, 'POST', '/licences', t.admin, windowsPro(t.units.finance))).json().licence;
  theirs = (await call(t, 'POST', '/licences', t.admin, windowsPro(t.units.education))).json().licence;
});
afterEach(() => t.close());

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(4096)]);
const upload = (bytes: Buffer, fileName = '正版化授权书 2026.pdf') => ({ fileName, mediaType: 'application/pdf', contentBase64: bytes.toString('base64') });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('PUT and GET /licences/:id/document', () => {
  it('stores the bytes with their SHA-256 and gives them back byte for byte', async () => {
    const put = await call(t, 'PUT', `/licences/${licence.id}/document`, t.admin, upload(pdf));
    expect(put.statusCode).toBe(200);
    const info = assertValid(LicenceDocumentInfo, put.json(), 'info');
    expect(info).toMatchObject({ fileName: '正版化授权书 2026.pdf', mediaType: 'application/pdf', sha256: sha256(pdf), size: pdf.length });
    expect(info.storedBy).toMatch(/^token:/);

    const shown = (await call(t, 'GET', `/licences/${licence.id}`, t.viewer)).json();
    expect(shown.document).toEqual(info);

    const got = await call(t, 'GET', `/licences/${licence.id}/document`, t.viewer);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['x-content-sha256']).toBe(sha256(pdf));
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="______ 2026.pdf"; filename*=UTF-8''${encodeURIComponent('正版化授权书 2026.pdf')}`,
    );
    expect((await t.store.read.audit.list({ limit: 1, offset: 0 }))[0]).toMatchObject({ action: 'licence.document', detail: { after: { sha256: sha256(pdf) } } });
  });

  it('replaces the document stored before', async () => {
    await call(t, 'PUT', `/licences/${licence.id}/document`, t.admin, upload(pdf));
    const second = Buffer.from('second scan');
    await call(t, 'PUT', `/licences/${licence.id}/document`, t.admin, upload(second, 'scan.txt'));
    const got = await call(t, 'GET', `/licences/${licence.id}/document`, t.admin);
    expect(got.body).toBe('second scan');
    expect(registryRows(t.dbFile).licence_documents).toBe(1);
  });

  it('refuses bad base64 and too large a file, writing nothing', async () => {
    const before = registryRows(t.dbFile);
    for (const contentBase64 of ['not base64!', 'QUJD=A==', 'QUJ']) {
      const res = await call(t, 'PUT', `/licences/${licence.id}/document`, t.admin, { ...upload(pdf), contentBase64 });
      expect({ contentBase64, status: res.statusCode, code: res.json().code }).toEqual({ contentBase64, status: 400, code: 'E_INVALID' });
    }
    const big = await call(t, 'PUT', `/licences/${licence.id}/document`, t.admin, upload(Buffer.alloc(10 * 1024 * 1024 + 1)));
    expect({ status: big.statusCode, code: big.json().code }).toEqual({ status: 413, code: 'E_TOO_LARGE' });
    const badType = await call(t, 'PUT', `/licences/${licence.id}/document`, t.admin, { ...upload(pdf), mediaType: 'pdf' });
    expect(badType.json().code).toBe('E_SCHEMA');
    expect(registryRows(t.dbFile)).toEqual(before);
  });

  it('accepts exactly 10 MiB', async () => {
    const res = await call(t, 'PUT', `/licences/${licence.id}/document`, t.admin, upload(Buffer.alloc(10 * 1024 * 1024, 7)));
    expect(res.json()).toMatchObject({ size: 10 * 1024 * 1024 });
  });

  it('is refused to a viewer (403); outside its subtree the document is 404', async () => {
    const before = registryRows(t.dbFile);
    expect((await call(t, 'PUT', `/licences/${licence.id}/document`, t.viewer, upload(pdf))).statusCode).toBe(403);
    expect(registryRows(t.dbFile)).toEqual(before);
    await call(t, 'PUT', `/licences/${theirs.id}/document`, t.admin, upload(pdf));
    expect((await call(t, 'GET', `/licences/${theirs.id}/document`, t.viewer)).statusCode).toBe(404);
    expect((await call(t, 'GET', `/licences/${theirs.id}/document`, t.admin)).statusCode).toBe(200);
  });

  it('answers 404 when the licence has no document', async () => {
    const res = await call(t, 'GET', `/licences/${licence.id}/document`, t.admin);
    expect(res.json()).toMatchObject({ code: 'E_NOT_FOUND', message: expect.stringMatching(/document/) });
  });
});

describe('document helpers', () => {
  it('decodes base64 with line breaks and refuses anything else', () => {
    expect(decodeBase64('QUJD\nREVG').toString()).toBe('ABCDEF');
    expect(() => decodeBase64('QUJD*')).toThrow(/base64/);
  });

  it('writes an ASCII stand-in and the RFC 5987 name', () => {
    expect(contentDisposition('a"b.pdf')).toBe(`attachment; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`);
    expect(contentDisposition("授权(1)'.pdf")).toBe(`attachment; filename="__(1)'.pdf"; filename*=UTF-8''%E6%8E%88%E6%9D%83%281%29%27.pdf`);
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const path of ['/api/v1/licences', '/api/v1/licences/{id}', '/api/v1/licences/{id}/document', '/api/v1/licences/{id}/events', '/api/v1/licences.csv', '/api/v1/licences/import']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
