import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, Nullable, RejudgeSummary } from '../schema/common.js';
import { LicenceEvent, LicenceEventInput, LicenceEventList, LicenceView } from '../schema/licences.js';
import { addLicenceEvent, licenceEvents } from '../service/licence-event-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

/** The event, the licence after it, and the receiving unit's licence a reallocation created. */
const LicenceEventWriteResult = Type.Object({
  event: LicenceEvent,
  licence: LicenceView,
  created: Nullable(LicenceView),
  rejudged: RejudgeSummary,
});

const tags = ['licences'];

/** A licence's life: purchase, install, upgrade, renewal, disposal (转让, 捐赠, 调剂, 报废). */
const licenceEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.registry;

  app.get(
    '/licences/:id/events',
    { schema: { tags, summary: "A licence's events, oldest first", params: IdParams, response: { 200: LicenceEventList, ...errorResponses } } },
    async (request) => licenceEvents(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/licences/:id/events',
    {
      schema: {
        tags,
        summary: 'Record an event (admin): a renewal sets validUntil, an upgrade versionTo, a disposal takes seats away',
        params: IdParams,
        body: LicenceEventInput,
        response: { 201: LicenceEventWriteResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await addLicenceEvent(deps, principalOf(request), request.params.id, request.body)),
  );
};

export default licenceEventRoutes;
