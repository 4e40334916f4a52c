import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Overview, Trend } from '../schema/dashboard.js';
import { dashboardOverview, dashboardTrend } from '../service/dashboard-service.js';
import { TREND_DAYS } from '../service/trend-recorder.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

export interface DashboardRouteOptions {
  staleAfterMs: number;
}

const Unit = Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "a unit's name: its subtree; default the caller's own unit, or every unit for an admin" }));

/** The dashboard's figures for the caller's scope, from the reports' read model. */
const dashboardRoutes: FastifyPluginAsyncTypebox<DashboardRouteOptions> = async (app, opts) => {
  app.addHook('onRequest', app.authenticate);
  const deps = { ...app.registry, staleAfterMs: opts.staleAfterMs };

  app.get(
    '/dashboard/overview',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Machines licensed, unauthorized and not reporting, the genuine rates, the units behind first, and why machines are unauthorized',
        querystring: Type.Object({ unit: Unit }),
        response: { 200: Overview, ...errorResponses },
      },
    },
    async (request) => dashboardOverview(deps, principalOf(request), request.query.unit),
  );

  app.get(
    '/dashboard/trend',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'The genuine rates by day (China time), past days as counted in the background, today as now',
        querystring: Type.Object({ unit: Unit, days: Type.Optional(Type.Integer({ minimum: 1, maximum: TREND_DAYS, description: 'how many days back, today included (default 30)' })) }),
        response: { 200: Trend, ...errorResponses },
      },
    },
    async (request) => dashboardTrend(deps, principalOf(request), request.query.days ?? 30, request.query.unit),
  );
};

export default dashboardRoutes;
