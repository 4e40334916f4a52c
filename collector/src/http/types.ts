import type { FastifyRequest } from 'fastify';
import type { Principal } from '../service/auth-service.js';
import type { RegistryDeps } from '../service/registry-deps.js';
import type { Store } from '../store/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    /** The clock every route reads, replaceable in tests. */
    now: () => Date;
    /** Counts a failed authentication of this client and throws: `err`, or 429 once it is over its budget. */
    authFailed: (request: FastifyRequest, err: Error) => Promise<never>;
    /** onRequest hook for admin routes: sets `request.principal` or refuses. */
    authenticate: (request: FastifyRequest) => Promise<void>;
    /** Store, clock, verdict engine and catalog for the registry routes. */
    registry: RegistryDeps;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}
