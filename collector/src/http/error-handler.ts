import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZhengbanError, type ErrorBody } from '@zhengban/shared';
import { TooManyFailuresError } from '../service/errors.js';

interface Answer {
  status: number;
  body: ErrorBody;
}

/** Fastify's own 4xx errors get codes in the project's E_ vocabulary. */
function fastifyCode(err: FastifyError, status: number): string {
  if (status === 413) return 'E_TOO_LARGE';
  if (status === 415) return 'E_MEDIA_TYPE';
  if (err.code?.includes('JSON') || err instanceof SyntaxError) return 'E_JSON';
  return 'E_BAD_REQUEST';
}

export function toAnswer(err: FastifyError | Error): Answer {
  const e = err as FastifyError;
  if (err instanceof ZhengbanError && err.status < 500) {
    return { status: err.status, body: { code: err.code, message: err.message } };
  }
  if (e.validation) return { status: 400, body: { code: 'E_SCHEMA', message: err.message } };
  const status = e.statusCode ?? 500;
  if (status >= 400 && status < 500) return { status, body: { code: fastifyCode(e, status), message: err.message } };
  return { status: status >= 500 && status < 600 ? status : 500, body: { code: 'E_INTERNAL', message: 'internal error' } };
}

/** The one place an error becomes a response: 4xx say why, 5xx are logged and say nothing. */
export function errorHandler(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = toAnswer(err);
  if (status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ code: body.code, status }, body.message);
  if (err instanceof TooManyFailuresError) reply.header('retry-after', String(err.retryAfterSeconds));
  return reply.code(status).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(404).send({ code: 'E_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` });
}
