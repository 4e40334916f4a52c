import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * JSON logs on stderr, so stdout carries only what scripts parse (the `listening on`
 * line, tokens). Fastify's request serializer leaves headers out; the redaction is
 * for anyone who logs a request or its headers on purpose.
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["x-zhengban-signature"]',
          'headers.authorization',
          'headers["x-zhengban-signature"]',
          'signature',
          'token',
          '*.token',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
