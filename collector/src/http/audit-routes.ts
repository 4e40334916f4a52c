import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditList } from '../schema/history.js';
import { listAudit } from '../service/audit-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

const AuditQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  /** Actions starting with this, e.g. `unit.` or `licence.update`. */
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

/** Who changed what and when: every admin write, newest first. Admins only. */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const deps = app.registry;

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (admin)',
        querystring: AuditQuery,
        response: { 200: AuditList, ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, action } = request.query;
      return listAudit(deps, principalOf(request), { limit, offset, ...(action === undefined ? {} : { action }) });
    },
  );
};

export default auditRoutes;
