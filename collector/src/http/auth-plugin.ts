import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import { authenticate } from '../service/auth-service.js';
import { AuthInvalidError, AuthRequiredError, SessionInvalidError } from '../service/errors.js';
import { checkCsrf, resumeSession } from '../service/session-service.js';
import type { Principal } from '../service/auth-service.js';
import type { Session } from '../schema/session.js';
import type { FastifyRequest } from 'fastify';
import './types.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for the session's own routes: the session cookie only. */
    authenticateSession: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    /** Set when the caller came with the session cookie (not with a bearer token). */
    session: Session | null;
  }
}

export const SESSION_COOKIE = 'zhengban_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing: the only ones a session cookie may use without the CSRF header. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const isAuthFailure = (err: unknown): err is Error =>
  err instanceof AuthRequiredError || err instanceof AuthInvalidError || err instanceof SessionInvalidError;

/**
 * Authentication for admin routes: a bearer token, or the session cookie a browser got
 * by signing in (session-routes.ts). Route plugins opt in with
 * `app.addHook('onRequest', app.authenticate)`: onRequest, so a stranger is refused
 * before its body is read or validated. A bearer header wins over a cookie: a script
 * run from a signed-in browser still acts as the token it names.
 */
export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('principal', null);
    app.decorateRequest('session', null);

    const fromSession = async (request: FastifyRequest) => {
      const id = request.cookies[SESSION_COOKIE];
      if (id === undefined) throw new AuthRequiredError();
      const resumed = await resumeSession(app.store, id, app.now());
      if (!SAFE_METHODS.has(request.method)) checkCsrf(resumed.session, request.headers[CSRF_HEADER]);
      request.principal = resumed.principal;
      request.session = resumed.session;
    };
    const fromEither = async (request: FastifyRequest) => {
      if (request.headers.authorization === undefined && request.cookies[SESSION_COOKIE] !== undefined) return fromSession(request);
      request.principal = await authenticate(app.store, request.headers.authorization, app.now());
    };
    // A refused CSRF header is not counted: the session itself was valid.
    const counted = (check: (request: FastifyRequest) => Promise<void>) => async (request: FastifyRequest) => {
      try {
        await check(request);
      } catch (err) {
        if (isAuthFailure(err)) await app.authFailed(request, err);
        throw err;
      }
    };
    app.decorate('authenticate', counted(fromEither));
    app.decorate('authenticateSession', counted(fromSession));

    // A dead cookie is dropped, so the browser stops sending it (and being counted for it).
    app.addHook('onError', async (request, reply, err) => {
      if (request.cookies[SESSION_COOKIE] !== undefined && (err instanceof SessionInvalidError || err.cause instanceof SessionInvalidError)) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
