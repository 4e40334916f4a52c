import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogOverride, CatalogProduct, CatalogProductView, CatalogView, CatalogWriteResult } from '../schema/catalog.js';
import { CatalogCheckResult, CatalogCheckSubject, checkSubject } from '../service/catalog-check.js';
import { addProduct, getProduct, overrideProduct, removeProduct, resetOverride, viewCatalog } from '../service/catalog-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

const ProductParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 60 }) });

/** The product catalog: anyone signed in reads it (global reference data); admins change it. */
const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const deps = app.registry;
  const tags = ['catalog'];
  const write = { 200: CatalogWriteResult, ...errorResponses };

  app.get(
    '/catalog',
    {
      schema: {
        tags,
        summary: 'The effective catalog: its version and every product, built-in, overridden or custom',
        response: { 200: CatalogView, ...errorResponses },
      },
    },
    async () => viewCatalog(deps),
  );

  app.get(
    '/catalog/products/:id',
    {
      schema: { tags, summary: 'One product with its editions and rules', params: ProductParams, response: { 200: CatalogProductView, ...errorResponses } },
    },
    async (request) => getProduct(deps, request.params.id),
  );

  app.post(
    '/catalog/products',
    {
      schema: {
        tags,
        summary: 'Add a custom product (admin); re-judges every machine',
        body: CatalogProduct,
        response: { 201: CatalogWriteResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await addProduct(deps, principalOf(request), request.body)),
  );

  app.put(
    '/catalog/products/:id/override',
    {
      schema: {
        tags,
        summary: 'Override a built-in product: replace fields, add rules, switch rules off (admin); re-judges every machine',
        params: ProductParams,
        body: CatalogOverride,
        response: write,
      },
    },
    async (request) => overrideProduct(deps, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/catalog/products/:id/override',
    {
      schema: { tags, summary: 'Drop the override: back to the built-in product (admin)', params: ProductParams, response: write },
    },
    async (request) => resetOverride(deps, principalOf(request), request.params.id),
  );

  app.delete(
    '/catalog/products/:id',
    {
      schema: { tags, summary: 'Remove a custom product (admin)', params: ProductParams, response: write },
    },
    async (request) => removeProduct(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/catalog/check',
    {
      schema: {
        tags,
        summary: 'What the catalog recognises a reported name as: product, rule, edition, release, licence',
        body: CatalogCheckSubject,
        response: { 200: CatalogCheckResult, ...errorResponses },
      },
    },
    async (request) => checkSubject(deps, request.body),
  );
};

export default catalogRoutes;
