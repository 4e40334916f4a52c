import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { notFoundHandler } from '../../src/http/error-handler.js';
import webRoutes, { CONTENT_SECURITY_POLICY } from '../../src/http/web-routes.js';
import { tempDir } from '../helper.js';

// The dashboard's serving on its own: a folder laid out as Vite builds it, or none.

async function serve(root: string) {
  const app = Fastify();
  app.setNotFoundHandler(notFoundHandler);
  await app.register(webRoutes, { root });
  return app;
}

describe('web routes', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  it('answers / with 503 and a page in Chinese and English while the dashboard is not built', async () => {
    const app = await serve(join(dir, 'missing'));
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('管理页面尚未构建');
    expect(res.body).toContain('npm run build');
    expect(res.body).toContain('The dashboard was not built');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    await app.close();
  });

  it('serves index.html uncached and hashed assets cached for good, under a self-only CSP', async () => {
    const root = join(dir, 'built');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    const app = await serve(root);

    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self'; style-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|data:|https?:/);

    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);

    const missing = await app.inject({ method: 'GET', url: '/assets/gone.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('E_NOT_FOUND');
    const outside = await app.inject({ method: 'GET', url: '/assets/..%2f..%2fbuilt%2findex.html' });
    expect([403, 404]).toContain(outside.statusCode);
    await app.close();
  });
});
