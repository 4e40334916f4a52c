import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../schema/common.js';
import {
  MachineMove,
  MoveInput,
  MoveResult,
  Person,
  PersonInput,
  PersonPatch,
  UnitInput,
  UnitList,
  UnitPatch,
  UnitView,
  UnitWriteResult,
} from '../schema/units.js';
import { listMoves, moveMachine } from '../service/move-service.js';
import { createUnit, deleteUnit, getUnit, listUnits, updateUnit } from '../service/org-service.js';
import { addPerson, getPerson, listAllPeople, listPeople, removePerson, updatePerson } from '../service/person-service.js';
import { principalOf } from './auth-plugin.js';
import { errorResponses } from './error-responses.js';

const People = Type.Object({ people: Type.Array(Person) });
const PersonWriteResult = Type.Object({ person: Person });
const Moves = Type.Object({ moves: Type.Array(MachineMove) });
const MachineParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/**
 * Units, their responsible persons, and machine moves between units. Admins read and
 * write everything; a viewer reads its subtree (anything else is 404) and writes nothing.
 */
const unitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', app.authenticate);
  const deps = app.registry;
  const units = { tags: ['units'] };
  const people = { tags: ['people'] };
  const machines = { tags: ['machines'] };

  app.get(
    '/units',
    { schema: { ...units, summary: 'Units the caller sees, with their people and machine counts', response: { 200: UnitList, ...errorResponses } } },
    async (request) => listUnits(deps, principalOf(request)),
  );

  app.get(
    '/units/:id',
    { schema: { ...units, summary: 'One unit', params: IdParams, response: { 200: UnitView, ...errorResponses } } },
    async (request) => getUnit(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/units',
    {
      schema: {
        ...units,
        summary: 'Create a unit (admin); names are unique',
        body: UnitInput,
        response: { 201: UnitWriteResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createUnit(deps, principalOf(request), request.body)),
  );

  app.patch(
    '/units/:id',
    {
      schema: {
        ...units,
        summary: 'Rename, re-parent or edit a unit (admin); a new parent re-judges every machine',
        params: IdParams,
        body: UnitPatch,
        response: { 200: UnitWriteResult, ...errorResponses },
      },
    },
    async (request) => updateUnit(deps, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/units/:id',
    {
      schema: {
        ...units,
        summary: 'Delete a unit (admin); refused (409 E_IN_USE) while anything refers to it',
        params: IdParams,
        response: { 200: UnitWriteResult, ...errorResponses },
      },
    },
    async (request) => deleteUnit(deps, principalOf(request), request.params.id),
  );

  app.get(
    '/units/:id/people',
    { schema: { ...people, summary: "A unit's responsible persons", params: IdParams, response: { 200: People, ...errorResponses } } },
    async (request) => listPeople(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/units/:id/people',
    {
      schema: {
        ...people,
        summary: 'Add a responsible person to a unit (admin)',
        params: IdParams,
        body: PersonInput,
        response: { 201: PersonWriteResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await addPerson(deps, principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/people',
    { schema: { ...people, summary: 'The responsible persons of every unit the caller sees', response: { 200: People, ...errorResponses } } },
    async (request) => listAllPeople(deps, principalOf(request)),
  );

  app.get(
    '/people/:id',
    { schema: { ...people, summary: 'One responsible person', params: IdParams, response: { 200: Person, ...errorResponses } } },
    async (request) => getPerson(deps, principalOf(request), request.params.id),
  );

  app.patch(
    '/people/:id',
    {
      schema: {
        ...people,
        summary: 'Edit a responsible person (admin)',
        params: IdParams,
        body: PersonPatch,
        response: { 200: PersonWriteResult, ...errorResponses },
      },
    },
    async (request) => updatePerson(deps, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/people/:id',
    {
      schema: { ...people, summary: 'Remove a responsible person (admin)', params: IdParams, response: { 200: PersonWriteResult, ...errorResponses } },
    },
    async (request) => removePerson(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/machines/:id/move',
    {
      schema: {
        ...machines,
        summary: 'Move a machine to another unit (admin); recorded, and the machine is judged again',
        params: MachineParams,
        body: MoveInput,
        response: { 201: MoveResult, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await moveMachine(deps, principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/machines/:id/moves',
    { schema: { ...machines, summary: "A machine's moves between units, newest first", params: MachineParams, response: { 200: Moves, ...errorResponses } } },
    async (request) => listMoves(deps, principalOf(request), request.params.id),
  );
};

export default unitRoutes;
