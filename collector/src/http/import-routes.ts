import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import { ImportReport, ImportSummary } from '../schema/imports.js';
import { importDepsFrom } from '../service/import-deps.js';
import { findImport, importUpload, listImports } from '../service/import-service.js';
import type { IngestDeps } from '../service/ingest-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

export interface ImportRouteOptions {
  ingest: Omit<IngestDeps, 'store' | 'catalog' | 'now'>;
  /** Largest bundle accepted, as sent (gzipped or not). */
  maxBytes: number;
  staleAfterMs: number;
}

const Query = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'the file name the report and the import log show' })),
  spotCheck: Type.Optional(Type.Integer({ minimum: 1, description: 'attach inspector kit scans that name no spot check to this one' })),
});

/** Bundles carried from networks with no route, imported as `zhengban-collector import` does. */
const importRoutes: FastifyPluginAsyncTypebox<ImportRouteOptions> = async (app, opts) => {
  app.addHook('onRequest', app.authenticate);
  // The body is the bundle itself, streamed to a file: no parser may buffer or parse it.
  app.removeAllContentTypeParsers();
  for (const type of ['application/x-ndjson', 'application/octet-stream', 'application/gzip']) {
    app.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
  }
  const deps = importDepsFrom({ ...opts.ingest, store: app.store, catalog: app.registry.catalog, now: app.now }, opts.staleAfterMs);

  app.post(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import a bundle (JSON lines, plain or gzipped; admin): every snapshot checked as over HTTP, offline enrollments registered, kit scans attached to their spot check',
        querystring: Query,
        response: { 200: ImportReport, ...errorResponses },
      },
    },
    async (request) => {
      const { name = 'upload', spotCheck } = request.query;
      return importUpload(deps, principalOf(request), request.body as Readable, { maxBytes: opts.maxBytes, fileName: name, ...(spotCheck !== undefined ? { spotCheckId: spotCheck } : {}) });
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'The import log, newest first (admin)',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
        response: { 200: Type.Array(ImportSummary), ...errorResponses },
      },
    },
    async (request) => listImports(deps, principalOf(request), request.query.limit ?? 50),
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: 'One import\'s report (admin)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: ImportReport, ...errorResponses },
      },
    },
    async (request) => findImport(deps, principalOf(request), request.params.id),
  );
};

export default importRoutes;
