import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

const Healthy = Type.Object({ status: Type.Literal('ok'), db: Type.Literal('ok') });
const Unhealthy = Type.Object({ status: Type.Literal('error'), db: Type.Literal('error') });

/** Liveness for load balancers and the start script: answers only when the db does. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'Whether the collector and its database answer', security: [], response: { 200: Healthy, 503: Unhealthy } } }, async (request, reply) => {
    try {
      await app.store.ping();
      return reply.code(200).send({ status: 'ok', db: 'ok' });
    } catch (err) {
      request.log.error({ err }, 'health check: database does not answer');
      return reply.code(503).send({ status: 'error', db: 'error' });
    }
  });
};

export default healthRoutes;
