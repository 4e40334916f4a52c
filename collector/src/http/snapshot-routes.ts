import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HEADER_AGENT, HEADER_SIGNATURE, IngestResponse } from '@zhengban/shared';
import type { ClassifyPolicy } from '../classify/context.js';
import { ingestSnapshot, type Classify } from '../service/ingest-service.js';
import type { Intake } from '../service/intake-pool.js';
import { errorResponses } from './error-responses.js';

export interface SnapshotRouteOptions {
  policy: ClassifyPolicy;
  classify: Classify;
  /** Largest body accepted on the wire (compressed or not). */
  bodyLimit: number;
  /** Largest snapshot after gunzip. */
  maxDecompressed: number;
  /** Where bodies are verified and read: worker threads under `serve`. */
  intake: Intake;
}

// Optional so that a missing header is answered 401 by the service, not 400 by validation.
const Headers = Type.Object({
  [HEADER_AGENT]: Type.Optional(Type.String({ maxLength: 100 })),
  [HEADER_SIGNATURE]: Type.Optional(Type.String({ maxLength: 200 })),
  'content-encoding': Type.Optional(Type.String({ maxLength: 50 })),
});

/**
 * `POST /snapshots`. The body has no schema on purpose: the signature covers the exact
 * bytes, so this plugin swaps the JSON parser for one that hands over the raw Buffer,
 * and the service verifies before it parses.
 */
const snapshotRoutes: FastifyPluginAsyncTypebox<SnapshotRouteOptions> = async (app, opts) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (_req, body, done) => {
    done(null, body);
  });
  const deps = {
    store: app.store,
    policy: opts.policy,
    classify: opts.classify,
    catalog: app.registry.catalog,
    now: app.now,
    intake: opts.intake,
    maxDecompressed: opts.maxDecompressed,
  };

  app.post(
    '/snapshots',
    {
      bodyLimit: opts.bodyLimit,
      schema: { tags: ['agents'], summary: 'Deliver a signed snapshot (agent signature headers, no bearer token)', security: [], headers: Headers, response: { 200: IngestResponse, 202: IngestResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const result = await ingestSnapshot(deps, {
        agentId: request.headers[HEADER_AGENT],
        signature: request.headers[HEADER_SIGNATURE],
        body,
        encoding: request.headers['content-encoding'],
        clientIp: request.ip,
      });
      return reply.code(result.status).send(result.response);
    },
  );
};

export default snapshotRoutes;
