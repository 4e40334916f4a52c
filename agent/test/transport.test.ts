import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, sealEnvelope, verifyBytes } from '@zhengban/shared';
import {
  CollectorClient, normalizeServerUrl, ProtocolError, readCaFile, RejectedError, UnreachableError,
} from '../src/index.js';
import { fakeCollector, fakeBuild, ingestAnswer, tempDir } from './helpers.js';

const keys = generateKeyPair();

function client(serverUrl: string, timeoutMs = 3000): CollectorClient {
  return new CollectorClient({ serverUrl, userAgent: 'test', connectTimeoutMs: 2000, timeoutMs });
}

async function signed() {
  const payload = JSON.stringify(await fakeBuild({ agentId: 'a1', seq: 7 }));
  return sealEnvelope('a1', payload, keys.privateKeyPem);
}

/** A port nobody listens on: bind, note it, close. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('sending a snapshot', () => {
  it('posts the gzipped exact bytes with agent and signature headers', async () => {
    const fake = await fakeCollector((r) => ({ status: 202, body: ingestAnswer(r) }));
    const env = await signed();
    const answer = await client(`${fake.url}/`).sendSnapshot(env);
    expect(answer.seq).toBe(7);
    const [r] = fake.received;
    expect(r!.url).toBe('/api/v1/snapshots');
    expect(r!.headers['content-encoding']).toBe('gzip');
    expect(r!.headers['content-type']).toBe('application/json');
    expect(r!.headers['x-zhengban-agent']).toBe('a1');
    expect(r!.raw.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(r!.body.toString('utf8')).toBe(env.payload);
    expect(verifyBytes(r!.body, String(r!.headers['x-zhengban-signature']), keys.publicKeyPem)).toBe(true);
  });

  it('turns a 4xx into RejectedError with the collector code and message', async () => {
    const fake = await fakeCollector(() => ({ status: 401, body: { code: 'E_SIGNATURE', message: 'signature does not match' } }));
    const err = await client(fake.url).sendSnapshot(await signed()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RejectedError);
    expect(err).toMatchObject({ code: 'E_REJECTED', httpStatus: 401, collectorCode: 'E_SIGNATURE', collectorMessage: 'signature does not match' });
  });

  it('keeps a 4xx from a proxy readable', async () => {
    const fake = await fakeCollector(() => ({ status: 413, body: '<html>Too Large</html>' }));
    await expect(client(fake.url).sendSnapshot(await signed())).rejects.toMatchObject({ collectorCode: 'HTTP_413', collectorMessage: '<html>Too Large</html>' });
  });

  it('turns a 5xx into UnreachableError', async () => {
    const fake = await fakeCollector(() => ({ status: 503, body: { code: 'E_BUSY', message: 'later' } }));
    await expect(client(fake.url).sendSnapshot(await signed())).rejects.toMatchObject({ code: 'E_UNREACHABLE', reason: 'HTTP 503 E_BUSY' });
  });

  it('keeps a snapshot answered 429 (too many failures from this address) for later, like a 5xx', async () => {
    const fake = await fakeCollector(() => ({ status: 429, body: { code: 'E_TOO_MANY_FAILURES', message: 'try again in 40 s' } }));
    await expect(client(fake.url).sendSnapshot(await signed())).rejects.toMatchObject({ code: 'E_UNREACHABLE', reason: 'HTTP 429 E_TOO_MANY_FAILURES' });
  });

  it('turns a refused connection into UnreachableError naming ECONNREFUSED', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const err = await client(url).sendSnapshot(await signed()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect((err as Error).message).toBe(`collector unreachable at ${url} (ECONNREFUSED)`);
  });

  it('times out a collector that never answers', async () => {
    const fake = await fakeCollector(() => 'hang');
    await expect(client(fake.url, 300).sendSnapshot(await signed())).rejects.toMatchObject({ code: 'E_UNREACHABLE', reason: expect.stringMatching(/^ETIMEDOUT/) });
  });

  it('calls a 2xx with a broken body a ProtocolError', async () => {
    const fake = await fakeCollector(() => ({ status: 202, body: { ok: true } }));
    await expect(client(fake.url).sendSnapshot(await signed())).rejects.toBeInstanceOf(ProtocolError);
  });
});

describe('enrolling', () => {
  it('posts the EnrollRequest as plain JSON and returns the answer', async () => {
    const fake = await fakeCollector(() => ({ status: 201, body: { agentId: 'a9', unit: '市财政局' } }));
    const answer = await client(fake.url).enroll({ token: 't', publicKey: keys.publicKeyPem, hostname: 'pc-01' });
    expect(answer).toEqual({ agentId: 'a9', unit: '市财政局' });
    expect(fake.received[0]!.url).toBe('/api/v1/enroll');
    expect(JSON.parse(fake.received[0]!.body.toString('utf8'))).toMatchObject({ token: 't', hostname: 'pc-01' });
  });
});

describe('collector URL and CA file', () => {
  it('normalizes and refuses bad URLs', () => {
    expect(normalizeServerUrl('https://c.example:8443/')).toBe('https://c.example:8443');
    expect(normalizeServerUrl('http://c.example/base/')).toBe('http://c.example/base');
    for (const bad of ['c.example', 'ftp://c.example', 'https://c.example/?x=1', 'https://u:p@c.example']) {
      expect(() => normalizeServerUrl(bad)).toThrow(expect.objectContaining({ code: 'E_BAD_URL' }));
    }
  });

  it('refuses a missing CA file or one without a certificate', async () => {
    const dir = await tempDir();
    await expect(readCaFile(join(dir, 'none.pem'))).rejects.toMatchObject({ code: 'E_CA_FILE' });
    await writeFile(join(dir, 'junk.pem'), 'hello');
    await expect(readCaFile(join(dir, 'junk.pem'))).rejects.toMatchObject({ code: 'E_CA_FILE', message: expect.stringMatching(/no PEM certificate/) });
  });
});
