import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Category, FindingCode, MachineList, SoftwareItem } from '@zhengban/shared';
import { LABEL_LIMITS, MachineDetail, MachinePatch } from '../schema/machine-detail.js';
import { setMachineLabels } from '../service/machine-label-service.js';
import { getMachine, listMachines, machineSoftware } from '../service/machine-service.js';
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
  category: Type.Optional(Category),
  code: Type.Optional(FindingCode),
  os: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'a part of the OS name' })),
  reporting: Type.Optional(Type.Boolean({ description: 'true: judged and heard from within the reporting window, as the reports count; false: the others (未上报)' })),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'a part of the host name, user, asset number or last IP address' })),
  sort: Type.Optional(
    Type.Union([
      Type.Literal('hostname'), Type.Literal('-hostname'), Type.Literal('unit'), Type.Literal('-unit'),
      Type.Literal('status'), Type.Literal('-status'), Type.Literal('lastSeen'), Type.Literal('-lastSeen'),
    ], {
      description: 'the column to sort by, descending with a leading -; host name by default',
    }),
  ),
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
    { schema: { tags: ['machines'], summary: 'Machines with their status, filtered by status, unit, asset number, a failed finding (category, code), OS or text, sorted and paged', querystring: ListQuery, response: { 200: MachineList, ...errorResponses } } },
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

  app.get(
    '/machines/:id/software',
    {
      schema: {
        tags: ['machines'], summary: "The programs of the machine's latest snapshot (Uninstall entries, packages)", params: IdParams,
        response: { 200: Type.Object({ software: Type.Array(SoftwareItem) }), ...errorResponses },
      },
    },
    async (request) => machineSoftware(deps, principalOf(request), request.params.id),
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
