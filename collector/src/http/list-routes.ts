import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../schema/common.js';
import { ListEntries, ListEntry, ListEntryInput, ListKind, ListWriteResult } from '../schema/lists.js';
import { createEntry, getEntry, listEntries, removeEntry } from '../service/list-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

const ListQuery = Type.Object({ list: Type.Optional(ListKind) });

/** Deny and allow lists of installed software: admins write, viewers read global entries and their subtree's. */
const listRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const deps = app.registry;
  const tags = ['lists'];

  app.get(
    '/lists',
    {
      schema: {
        tags,
        summary: 'Deny and allow list entries (global ones and those of units the caller sees)',
        querystring: ListQuery,
        response: { 200: ListEntries, ...errorResponses },
      },
    },
    async (request) => ({ entries: await listEntries(deps, principalOf(request), request.query.list) }),
  );

  app.get(
    '/lists/:id',
    {
      schema: { tags, summary: 'One list entry', params: IdParams, response: { 200: ListEntry, ...errorResponses } },
    },
    async (request) => getEntry(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/lists',
    {
      schema: {
        tags,
        summary: 'Add a deny or allow list entry (admin); re-judges every machine',
        body: ListEntryInput,
        response: { 201: ListWriteResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createEntry(deps, principalOf(request), request.body)),
  );

  app.delete(
    '/lists/:id',
    {
      schema: {
        tags,
        summary: 'Remove a list entry (admin); re-judges every machine',
        params: IdParams,
        response: { 200: ListWriteResult, ...errorResponses },
      },
    },
    async (request) => removeEntry(deps, principalOf(request), request.params.id),
  );
};

export default listRoutes;
