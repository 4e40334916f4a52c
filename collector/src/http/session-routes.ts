import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { SessionAnswer, SignIn } from '../schema/session.js';
import { AuthInvalidError } from '../service/errors.js';
import { signIn, signOut } from '../service/session-service.js';
import { SESSION_COOKIE, principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

export interface SessionRoutesOptions {
  /** The server runs TLS: the cookie is then sent over HTTPS only. */
  secure: boolean;
}

/**
 * Browser sign-in for the dashboard: an API token in, a session cookie out. The cookie
 * is HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends it);
 * a write through it also needs the session's CSRF token (auth-plugin.ts). Sign-in takes
 * JSON only, which a form on another site cannot send.
 */
const sessionRoutes: FastifyPluginAsyncTypebox<SessionRoutesOptions> = async (app, opts) => {
  const tags = ['session'];
  const attributes = (maxAge: number): CookieSerializeOptions => ({ httpOnly: true, sameSite: 'strict', path: '/', secure: opts.secure, maxAge });

  app.post(
    '/session',
    {
      bodyLimit: 4096,
      schema: {
        tags,
        summary: 'Sign in with an API token: sets the session cookie (no bearer token)',
        security: [],
        body: SignIn,
        response: { 200: SessionAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const signed = await signIn(app.store, request.body.token, app.now()).catch((err: unknown) =>
        err instanceof AuthInvalidError ? app.authFailed(request, err) : Promise.reject(err),
      );
      reply.setCookie(SESSION_COOKIE, signed.id, attributes(signed.maxAge));
      return { session: signed.session };
    },
  );

  app.get(
    '/session',
    {
      onRequest: app.authenticateSession,
      schema: { tags, summary: "The session cookie's session, with its CSRF token", security: [{ session: [] }], response: { 200: SessionAnswer, ...errorResponses } },
    },
    async (request) => ({ session: request.session! }),
  );

  app.delete(
    '/session',
    {
      onRequest: app.authenticateSession,
      schema: { tags, summary: 'Sign out: ends the session and clears its cookie (X-CSRF-Token)', security: [{ session: [] }], response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await signOut(app.store, request.cookies[SESSION_COOKIE]!, principalOf(request), app.now());
      reply.clearCookie(SESSION_COOKIE, attributes(0));
      return reply.code(204).send(null);
    },
  );
};

export default sessionRoutes;
