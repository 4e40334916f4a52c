import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { Static, TSchema } from 'typebox';
import {
  API_PREFIX, assertValid, parseJson, EnrollResponse, ErrorBody, HEADER_AGENT, HEADER_SIGNATURE, IngestResponse,
  type EnrollRequest, type SignedEnvelope,
} from '@zhengban/shared';
import { BadUrlError, CaFileError, ProtocolError, RejectedError, UnreachableError } from './errors.js';
import { postBytes, type HttpAnswer } from './http-post.js';

export interface ClientOptions {
  serverUrl: string;
  ca?: Buffer | undefined;
  connectTimeoutMs: number;
  timeoutMs: number;
  userAgent: string;
}

/** What the collector said about one snapshot. */
export type Ingested = IngestResponse;

/** Checks and normalizes a collector base URL: http(s), no query, no trailing slash. */
export function normalizeServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadUrlError(raw, 'not a URL (expected e.g. https://collector.example.gov.cn:8443)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BadUrlError(raw, 'must start with http:// or https://');
  if (url.search || url.hash) throw new BadUrlError(raw, 'must not have a query or fragment');
  if (url.username || url.password) throw new BadUrlError(raw, 'must not carry credentials');
  return url.href.replace(/\/+$/, '');
}

export async function readCaFile(file: string): Promise<Buffer> {
  let pem: Buffer;
  try {
    pem = await readFile(file);
  } catch (err) {
    throw new CaFileError(`cannot read CA file ${file}: ${(err as Error).message}`, err);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new CaFileError(`CA file ${file} holds no PEM certificate`);
  return pem;
}

const RETRY_LATER: ReadonlySet<number> = new Set([408, 429]);

export class CollectorClient {
  readonly serverUrl: string;

  constructor(private readonly opts: ClientOptions) {
    this.serverUrl = normalizeServerUrl(opts.serverUrl);
  }

  async enroll(req: EnrollRequest): Promise<EnrollResponse> {
    const answer = await this.post('/enroll', Buffer.from(JSON.stringify(req), 'utf8'), {}, 'the enrollment');
    return parseAnswer(EnrollResponse, answer, 'enroll answer');
  }

  /**
   * Sends the exact signed bytes, gzipped on the wire; the signature covers the
   * uncompressed JSON, so the collector verifies after inflating.
   */
  async sendSnapshot(envelope: SignedEnvelope): Promise<Ingested> {
    const body = gzipSync(Buffer.from(envelope.payload, 'utf8'));
    const headers = {
      [HEADER_AGENT]: envelope.agentId,
      [HEADER_SIGNATURE]: envelope.signature,
      'content-encoding': 'gzip',
    };
    const answer = await this.post('/snapshots', body, headers, 'the snapshot');
    return parseAnswer(IngestResponse, answer, 'ingest answer') as Ingested;
  }

  private async post(path: string, body: Uint8Array, headers: Record<string, string>, what: string): Promise<HttpAnswer> {
    const answer = await postBytes({
      url: new URL(`${this.serverUrl}${API_PREFIX}${path}`),
      body,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'user-agent': this.opts.userAgent, ...headers },
      ca: this.opts.ca,
      connectTimeoutMs: this.opts.connectTimeoutMs,
      timeoutMs: this.opts.timeoutMs,
    });
    if (answer.status >= 200 && answer.status < 300) return answer;
    const error = errorBody(answer);
    // 429 (too many failures from this address) and 408 are "not now", not "never": keep and retry like a 5xx.
    if (answer.status >= 400 && answer.status < 500 && !RETRY_LATER.has(answer.status)) {
      throw new RejectedError(answer.status, error.code, error.message, what);
    }
    // 5xx and stray redirects: the collector is there but cannot take it now; keep and retry.
    const after = answer.headers['retry-after'];
    throw new UnreachableError(this.serverUrl, `HTTP ${answer.status} ${error.code}${typeof after === 'string' ? `, retry after ${after} s` : ''}`);
  }
}

/** A 2xx whose body breaks the API is a ProtocolError: the request itself was taken. */
function parseAnswer<T extends TSchema>(schema: T, answer: HttpAnswer, what: string): Static<T> {
  try {
    return assertValid(schema, parseJson(answer.body, what), what);
  } catch (err) {
    throw new ProtocolError(`collector answered ${answer.status} but ${(err as Error).message}`, err);
  }
}

/** The collector's `{code, message}`, or a stand-in when a proxy answered instead. */
function errorBody(answer: HttpAnswer): ErrorBody {
  try {
    return assertValid(ErrorBody, JSON.parse(answer.body), 'error answer');
  } catch {
    const text = answer.body.replace(/\s+/g, ' ').trim().slice(0, 200);
    return { code: `HTTP_${answer.status}`, message: text || '(empty answer)' };
  }
}
