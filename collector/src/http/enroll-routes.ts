import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EnrollRequest, EnrollResponse } from '@zhengban/shared';
import { enrollAgent } from '../service/enroll-service.js';
import { EnrollTokenError } from '../service/errors.js';
import { errorResponses } from './error-responses.js';

/** `POST /enroll`: an agent trades an enrollment token and its public key for an agent id. */
const enrollRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/enroll',
    {
      bodyLimit: 64 * 1024,
      schema: { tags: ['agents'], summary: 'Enroll an agent with an enrollment token (no bearer token)', security: [], body: EnrollRequest, response: { 201: EnrollResponse, ...errorResponses } },
    },
    async (request, reply) => {
      const answer = await enrollAgent(app.store, request.body, app.now()).catch((err: unknown) =>
        err instanceof EnrollTokenError ? app.authFailed(request, err) : Promise.reject(err),
      );
      return reply.code(201).send(answer);
    },
  );
};

export default enrollRoutes;
