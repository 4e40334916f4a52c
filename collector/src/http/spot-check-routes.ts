import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../schema/common.js';
import { OnSiteRecordInput, SpotCheckCreate, SpotCheckList, SpotCheckMachine, SpotCheckView, UnitChecks, UnitChecksInput } from '../schema/spot-checks.js';
import { createSpotCheck } from '../service/spot-check-create.js';
import { closeSpotCheck, getSpotCheck, listSpotChecks, recordMachine, recordUnitChecks } from '../service/spot-check-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

export interface SpotCheckRouteOptions {
  staleAfterMs: number;
}

const ListQuery = Type.Object({ unit: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "the spot checks of this unit's subtree" })) });
const MachineParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  machine: Type.String({ minLength: 1, maxLength: 255, description: "the machine's number on the form (序号), its machine id, or its host name" }),
});

/** Spot checks (抽查): admins draw and record; a viewer reads those of its subtree. */
const spotCheckRoutes: FastifyPluginAsyncTypebox<SpotCheckRouteOptions> = async (app, opts) => {
  app.addHook('onRequest', app.authenticate);
  const deps = { store: app.store, now: app.now, staleAfterMs: opts.staleAfterMs };
  const tags = ['spot checks'];

  app.get(
    '/spot-checks',
    { schema: { tags, summary: 'Spot checks, newest first, with their grades', querystring: ListQuery, response: { 200: SpotCheckList, ...errorResponses } } },
    async (request) => listSpotChecks(deps, principalOf(request), request.query),
  );

  app.post(
    '/spot-checks',
    {
      schema: {
        tags,
        summary: "Draw a spot check of a unit's subtree (admin): a reproducible sample by sub-unit and machine type, each machine's verdict frozen; or a re-check of an earlier one",
        body: SpotCheckCreate,
        response: { 201: SpotCheckView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const who = principalOf(request);
      const { id } = await createSpotCheck(deps, who, request.body);
      return reply.code(201).send(await getSpotCheck(deps, who, id));
    },
  );

  app.get(
    '/spot-checks/:id',
    { schema: { tags, summary: 'One spot check: its machines (frozen verdict, on-site record, scan, discrepancies), the unit checks, the grade and, for a re-check, the comparison', params: IdParams, response: { 200: SpotCheckView, ...errorResponses } } },
    async (request) => getSpotCheck(deps, principalOf(request), request.params.id),
  );

  app.put(
    '/spot-checks/:id/machines/:machine',
    {
      schema: {
        tags,
        summary: 'Record what the inspector saw at one PC (admin), replacing the earlier record; absent fields are not checked',
        params: MachineParams,
        body: OnSiteRecordInput,
        response: { 200: SpotCheckMachine, ...errorResponses },
      },
    },
    async (request) => recordMachine(deps, principalOf(request), request.params.id, request.params.machine, request.body),
  );

  app.put(
    '/spot-checks/:id/unit-checks',
    { schema: { tags, summary: "Record the unit's 台账 and licence documents checks (admin)", params: IdParams, body: UnitChecksInput, response: { 200: UnitChecks, ...errorResponses } } },
    async (request) => recordUnitChecks(deps, principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/spot-checks/:id/close',
    { schema: { tags, summary: 'Close the spot check once the unit has stamped its form (admin); nothing changes in it afterwards', params: IdParams, response: { 200: SpotCheckView, ...errorResponses } } },
    async (request) => closeSpotCheck(deps, principalOf(request), request.params.id),
  );
};

export default spotCheckRoutes;
