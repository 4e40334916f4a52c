import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export interface WebRouteOptions {
  /** The built dashboard (`npm run build` writes it); by default collector/web-dist beside dist/. */
  root?: string;
}

/** From collector/dist/http/ (and src/http/ under the tests), the package's web-dist/. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web-dist/', import.meta.url));

/**
 * The page may load scripts, styles, images and data from the collector only: the build
 * inlines nothing, ECharts draws on a canvas, and the API is same-origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>未构建 Not built</title></head>
<body><h1>管理页面尚未构建</h1><p>请在源码目录运行 <code>npm run build</code>，然后重启采集服务。</p>
<h1 lang="en">The dashboard was not built</h1><p lang="en">Run <code>npm run build</code> in the source tree, then restart the collector.</p>
<p>API: <a href="/docs">/docs</a></p></body></html>
`;

const hidden = { schema: { hide: true } };

/**
 * The dashboard at `/`. Vite names every file under assets/ by its content, so those are
 * cached for good; index.html names the current ones and is never cached. The routes are
 * the same whether or not the dashboard is built (the access tests list every route), and
 * whether it is is asked per request, so a build needs no restart. A file that is not
 * there is the app's usual 404.
 */
const webRoutes: FastifyPluginAsync<WebRouteOptions> = async (app, opts) => {
  const root = opts.root ?? DEFAULT_WEB_ROOT;
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
  });
  // Only reply.sendFile: no wildcard route reads the disk for every path nobody routed.
  await app.register(fastifyStatic, {
    root,
    serve: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : 'no-cache');
    },
  });

  app.get('/', hidden, async (_request, reply) => {
    if (existsSync(join(root, 'index.html'))) return reply.sendFile('index.html');
    return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(NOT_BUILT);
  });
  app.get('/favicon.svg', hidden, async (_request, reply) => reply.sendFile('favicon.svg'));
  app.get<{ Params: { '*': string } }>('/assets/*', hidden, async (request, reply) => reply.sendFile(`assets/${request.params['*']}`));
};

export default webRoutes;
