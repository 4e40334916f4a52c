import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../schema/common.js';
import { LicenceInput, LicenceList, LicencePatch, LicenceView, LicenceWriteResult } from '../schema/licences.js';
import { createLicence, deleteLicence, getLicence, listLicences, updateLicence } from '../service/licence-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';
import licenceCsvRoutes from './licence-csv-routes.js';
import licenceDocumentRoutes from './licence-document-routes.js';
import licenceEventRoutes from './licence-event-routes.js';

const ListQuery = Type.Object({
  productId: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  /** The licences of this unit and the units below it. */
  unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
});

const tags = ['licences'];

/** The licence registry: admins write, viewers read their subtree (anything else is 404). */
const licenceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const deps = app.registry;

  app.get(
    '/licences',
    {
      schema: {
        tags,
        summary: 'List licences (a viewer: those of its subtree)',
        querystring: ListQuery,
        response: { 200: LicenceList, ...errorResponses },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, ...filter } = request.query;
      return listLicences(deps, principalOf(request), { ...filter, limit, offset });
    },
  );

  app.get(
    '/licences/:id',
    { schema: { tags, summary: 'One licence, with its document info', params: IdParams, response: { 200: LicenceView, ...errorResponses } } },
    async (request) => getLicence(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/licences',
    {
      schema: {
        tags,
        summary: 'Record a licence (admin); re-judges its product',
        body: LicenceInput,
        response: { 201: LicenceWriteResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createLicence(deps, principalOf(request), request.body)),
  );

  app.patch(
    '/licences/:id',
    {
      schema: {
        tags,
        summary: 'Change a licence (admin); re-judges its product, old and new',
        params: IdParams,
        body: LicencePatch,
        response: { 200: LicenceWriteResult, ...errorResponses },
      },
    },
    async (request) => updateLicence(deps, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/licences/:id',
    {
      schema: {
        tags,
        summary: 'Delete a licence entered by mistake (admin); a licence that ends is disposed of with an event',
        params: IdParams,
        response: { 200: LicenceWriteResult, ...errorResponses },
      },
    },
    async (request) => deleteLicence(deps, principalOf(request), request.params.id),
  );

  await app.register(licenceEventRoutes);
  await app.register(licenceDocumentRoutes);
  await app.register(licenceCsvRoutes);
};

export default licenceRoutes;
