import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MachineList } from '@zhengban/shared';
import { LABEL_LIMITS, MachineDetail, MachinePatch } from '../schema/machine-detail.js';
import { setMachineLabels } from '../service/machine-label-service.js';
import { getMachine, listMachines } from '../service/machine-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

export interface MachineRouteOptions {
  staleAfterMs: number;
}

const ListQuery = Type.Object({
  status: Type.Optional(
    Type.Union([Type.Literal('licensed'), Type.Literal('unauthorized'), Type.Literal('pending'), Type.Literal('stale')]),
  ),
  unit: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  assetNumber: Type.Optional(Type.String({ minLength: 1, maxLength: LABEL_LIMITS.assetNumber })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** Machines for inspectors: admins see all, a viewer its unit's; admins set users and asset numbers. */
const machineRoutes: FastifyPluginAsyncTypebox<MachineRouteOptions> = async (app, opts) => {
  app.addHook('onRequest', app.authenticate);
  const deps = { store: app.store, staleAfterMs: opts.staleAfterMs, now: app.now };

  app.get(
    '/machines',
    { schema: { tags: ['machines'], summary: 'Machines with their status, filtered by status, unit or asset number', querystring: ListQuery, response: { 200: MachineList, ...errorResponses } } },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      return listMachines(deps, principalOf(request), { ...filter, limit, offset });
    },
  );

  app.get(
    '/machines/:id',
    { schema: { tags: ['machines'], summary: 'One machine: identity, facts and its latest verdict', params: IdParams, response: { 200: MachineDetail, ...errorResponses } } },
    async (request) => getMachine(deps, principalOf(request), request.params.id),
  );

  app.patch(
    '/machines/:id',
    {
      schema: {
        tags: ['machines'],
        summary: "Set a machine's user (使用人) and asset number (资产编号) (admin); null or \"\" clears one",
        params: IdParams,
        body: MachinePatch,
        response: { 200: MachineDetail, ...errorResponses },
      },
    },
    async (request) => {
      const who = principalOf(request);
      await setMachineLabels(deps, who, request.params.id, request.body);
      return getMachine(deps, who, request.params.id);
    },
  );
};

export default machineRoutes;
