import type { Server } from 'node:http';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyHttpOptions, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PREFIX } from '@zhengban/shared';
import { assessMachine } from './classify/assess.js';
import { defaultPolicy, type ClassifyPolicy } from './classify/context.js';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { catalogProvider } from './catalog/provider.js';
import auditRoutes from './http/audit-routes.js';
import authFailurePlugin, { DEFAULT_AUTH_FAILURES, type AuthFailureOptions } from './http/auth-failure-plugin.js';
import authPlugin, { SESSION_COOKIE } from './http/auth-plugin.js';
import catalogRoutes from './http/catalog-routes.js';
import licenceRoutes from './http/licence-routes.js';
import listRoutes from './http/list-routes.js';
import unitRoutes from './http/unit-routes.js';
import verdictRoutes from './http/verdict-routes.js';
import { createRejudge } from './service/rejudge-service.js';
import enrollRoutes from './http/enroll-routes.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import importRoutes from './http/import-routes.js';
import { MAX_DECOMPRESSED } from './service/import-deps.js';
import healthRoutes from './http/health-routes.js';
import machineRoutes from './http/machine-routes.js';
import reportRoutes from './http/report-routes.js';
import spotCheckRoutes from './http/spot-check-routes.js';
import dashboardRoutes from './http/dashboard-routes.js';
import sessionRoutes from './http/session-routes.js';
import snapshotRoutes from './http/snapshot-routes.js';
import storePlugin from './http/store-plugin.js';
import webRoutes from './http/web-routes.js';
import type { Classify } from './service/ingest-service.js';
import type { Store } from './store/store.js';
import { inThreadIntake, type Intake } from './service/intake-pool.js';

const MiB = 1024 * 1024;

export interface AppOptions {
  /** Owned by the app from here on: closed when the app closes. */
  store: Store;
  /** A pino logger (the CLI's, writing JSON to stderr); none by default. */
  logger?: FastifyBaseLogger;
  /** PEM certificate and key; both or neither. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  staleAfterHours?: number;
  policy?: ClassifyPolicy;
  now?: () => Date;
  /** For tests; production uses the real verdict engine. */
  classify?: Classify;
  limits?: { bodyBytes?: number; decompressedBytes?: number; bundleBytes?: number };
  /** Failed authentications per client address before 429 (default 20 a minute). */
  authFailures?: AuthFailureOptions;
  /** Where snapshot bodies are verified and read; owned by the app (closed with it). This thread by default. */
  intake?: Intake;
  /**
   * Addresses of the load balancers in front (nginx): a request from one of them is the
   * client's named in X-Forwarded-For, for the failure counts and the machine's last
   * address. None by default: the peer is the client.
   */
  trustProxy?: string[];
}


/**
 * Fastify's two info lines per request, at debug: at a fleet's morning rate they were a
 * fixed cost of every snapshot. Refusals (the error handler, at info) and faults are
 * logged as before.
 */
class RequestsAtDebug extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null, _request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Builds the collector app: plugins, routes and the one error handler. Does not listen. */
export async function buildApp(options: AppOptions) {
  const fastifyOptions: FastifyHttpOptions<Server> = {
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    logController: new RequestsAtDebug(),
    // Machine ids are ~35 characters; refuse anything far longer before routing.
    routerOptions: { maxParamLength: 200 },
    ...(options.trustProxy && options.trustProxy.length > 0 ? { trustProxy: options.trustProxy } : {}),
  };
  // https changes only how the server is created; requests are handled the same, so
  // the instance keeps the http typing.
  if (options.tls) Object.assign(fastifyOptions, { https: { cert: options.tls.cert, key: options.tls.key } });
  const app = Fastify(fastifyOptions).withTypeProvider<TypeBoxTypeProvider>();
  // TypeBox checks bodies as the schemas say: Fastify's default Ajv coerces a null in a
  // Nullable field to "" or 0 and drops unknown properties instead of refusing them.
  // Query strings and path params are still converted from text.
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  const intake = options.intake ?? inThreadIntake;
  app.addHook('onClose', async () => intake.close());
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  const now = options.now ?? (() => new Date());
  const policy = options.policy ?? defaultPolicy();
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'zhengban collector',
        description: 'Software-licence compliance: signed snapshots in, verdicts and the licence registry out.',
        version: '1',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'Set by POST /api/v1/session; a write through it also needs X-CSRF-Token' },
        },
      },
      // Either one: OpenAPI lists alternatives as separate entries.
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(storePlugin, { store: options.store, now });
  const catalog = catalogProvider(options.store);
  app.decorate('registry', { store: options.store, now, catalog, rejudge: createRejudge({ store: options.store, catalog, policy, now }) });
  await app.register(authFailurePlugin, options.authFailures ?? DEFAULT_AUTH_FAILURES);
  await app.register(authPlugin);

  await app.register(healthRoutes);
  await app.register(enrollRoutes, { prefix: API_PREFIX });
  await app.register(sessionRoutes, { prefix: API_PREFIX, secure: options.tls !== undefined });
  await app.register(snapshotRoutes, {
    prefix: API_PREFIX,
    policy,
    classify: options.classify ?? assessMachine,
    bodyLimit: options.limits?.bodyBytes ?? 16 * MiB,
    maxDecompressed: options.limits?.decompressedBytes ?? MAX_DECOMPRESSED,
    intake,
  });
  const staleAfterMs = (options.staleAfterHours ?? 48) * 3_600_000;
  await app.register(importRoutes, {
    prefix: API_PREFIX,
    staleAfterMs,
    ingest: { policy, classify: options.classify ?? assessMachine, intake, maxDecompressed: options.limits?.decompressedBytes ?? MAX_DECOMPRESSED },
    maxBytes: options.limits?.bundleBytes ?? 2048 * MiB,
  });
  await app.register(machineRoutes, { prefix: API_PREFIX, staleAfterMs });
  await app.register(reportRoutes, { prefix: API_PREFIX, staleAfterMs });
  await app.register(spotCheckRoutes, { prefix: API_PREFIX, staleAfterMs });
  await app.register(dashboardRoutes, { prefix: API_PREFIX, staleAfterMs });
  for (const routes of [unitRoutes, auditRoutes, licenceRoutes, listRoutes, catalogRoutes, verdictRoutes]) {
    await app.register(routes, { prefix: API_PREFIX });
  }
  await app.register(webRoutes);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
