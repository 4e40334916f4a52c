import fp from 'fastify-plugin';
import { authenticate } from '../service/auth-service.js';
import { AuthInvalidError, AuthRequiredError } from '../service/errors.js';
import type { Principal } from '../service/auth-service.js';
import type { FastifyRequest } from 'fastify';
import './types.js';

/**
 * Bearer-token authentication for admin routes. Route plugins opt in with
 * `app.addHook('onRequest', app.authenticate)`: onRequest, so a stranger is refused
 * before its body is read or validated.
 */
export default fp(
  async (app) => {
    app.decorateRequest('principal', null);
    app.decorate('authenticate', async (request: FastifyRequest) => {
      try {
        request.principal = await authenticate(app.store, request.headers.authorization, app.now());
      } catch (err) {
        if (err instanceof AuthRequiredError || err instanceof AuthInvalidError) await app.authFailed(request, err);
        throw err;
      }
    });
  },
  { name: 'zhengban-auth', fastify: '5.x', dependencies: ['zhengban-store', 'zhengban-auth-failures'] },
);

/** The caller of an authenticated route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AuthRequiredError();
  return request.principal;
}
