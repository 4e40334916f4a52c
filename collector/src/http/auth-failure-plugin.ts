import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { TooManyFailuresError } from '../service/errors.js';
import './types.js';

export interface AuthFailureOptions {
  /** Failed authentications a client address may make per window before it is answered 429. */
  max: number;
  windowMs: number;
}

export const DEFAULT_AUTH_FAILURES: AuthFailureOptions = { max: 20, windowMs: 60_000 };

/**
 * Counts failed authentications (bearer tokens, enrollment tokens) per client address
 * with @fastify/rate-limit's store, and answers a client over its budget 429 with
 * Retry-After instead of 401. Only failures are counted and only failures are refused:
 * a client that authenticates is never slowed, however many strangers share its address.
 * Behind a reverse proxy every client has the proxy's address, so the budget is shared.
 */
export default fp<AuthFailureOptions>(
  async (app, opts) => {
    await app.register(rateLimit, { global: false });
    const count = app.createRateLimit({ max: opts.max, timeWindow: opts.windowMs, keyGenerator: (request: FastifyRequest) => request.ip });
    app.decorate('authFailed', async (request: FastifyRequest, err: Error): Promise<never> => {
      const seen = await count(request);
      // isAllowed is true only for an allow-listed key; none is configured.
      if (!seen.isAllowed && seen.isExceeded) throw new TooManyFailuresError(Math.max(1, seen.ttlInSeconds), err);
      throw err;
    });
  },
  { name: 'zhengban-auth-failures', fastify: '5.x' },
);
