import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CERTIFICATE_ERRORS, UntrustedCertificateError, UnreachableError } from './errors.js';

export interface PostOptions {
  url: URL;
  body: Uint8Array;
  headers: Record<string, string>;
  /** PEM of the CA to trust instead of the system roots (https only). */
  ca?: Buffer | undefined;
  connectTimeoutMs: number;
  /** Whole exchange, from connect to the last byte of the answer. */
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** The collector's answers are small JSON; more than this is not a collector. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * One POST over node:http(s), not fetch: fetch cannot take a per-request CA, which a
 * private collector certificate needs. A certificate that fails verification is an
 * UntrustedCertificateError; every other failure to get an answer an UnreachableError;
 * any HTTP status is an answer and is returned.
 */
export function postBytes(o: PostOptions): Promise<HttpAnswer> {
  const where = o.url.origin;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const send = o.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(o.url, {
      method: 'POST',
      headers: { ...o.headers, 'content-length': String(o.body.byteLength) },
      ...(o.url.protocol === 'https:' && o.ca ? { ca: o.ca } : {}),
    });
    const fail = (reason: string, cause?: unknown): void => {
      clearTimeout(overall);
      req.destroy();
      reject(new UnreachableError(where, reason, cause));
    };
    const overall = setTimeout(() => fail(`ETIMEDOUT: no answer within ${o.timeoutMs} ms`), o.timeoutMs);
    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      const connect = setTimeout(() => fail(`ETIMEDOUT: no connection within ${o.connectTimeoutMs} ms`), o.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(connect));
      socket.once('close', () => clearTimeout(connect));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (!CERTIFICATE_ERRORS.test(err.code ?? '')) return fail(err.code ?? err.message, err);
      clearTimeout(overall);
      req.destroy();
      reject(new UntrustedCertificateError(where, err.code ?? 'certificate', err));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) fail(`answer larger than ${MAX_ANSWER_BYTES} bytes`);
        else chunks.push(chunk);
      });
      res.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? err.message, err));
      res.on('end', () => {
        clearTimeout(overall);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.end(o.body);
  });
}
