import { Writable } from 'node:stream';
import { signBytes } from '@zhengban/shared';
import { createLogger } from '../../src/logger.js';
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, enrolledAgent, postSnapshot, snapshotOf, testApp, type TestApp } from '../helper.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A pino logger writing JSON lines into an array. */
function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: createLogger('trace', stream) };
}

describe('healthz', () => {
  it('answers ok when the db answers', async () => {
    t = await testApp();
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers 503 when the db does not', async () => {
    t = await testApp();
    await t.store.close();
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'error', db: 'error' });
  });
});

describe('the error handler', () => {
  it('answers an unknown route with 404 E_NOT_FOUND', async () => {
    t = await testApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'E_NOT_FOUND', message: 'no route GET /api/v1/nothing' });
  });

  it('logs a 5xx with its error and answers only E_INTERNAL, storing nothing', async () => {
    const { lines, logger } = memoryLogger();
    t = await testApp({
      logger,
      classify: () => {
        throw new Error('rule table corrupt at row 7');
      },
    });
    const agent = await enrolledAgent(t);
    const before = countRows(t.dbFile);
    const res = await postSnapshot(t, agent, snapshotOf(agent, 1));
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'E_INTERNAL', message: 'internal error' });
    expect(countRows(t.dbFile)).toEqual(before);
    const logged = lines.find((l) => l.level === 50);
    expect(JSON.stringify(logged)).toContain('rule table corrupt at row 7');
  });

  it('keeps signatures and bearer tokens out of the logs', async () => {
    const { lines, logger } = memoryLogger();
    t = await testApp({ logger });
    const agent = await enrolledAgent(t);
    const body = JSON.stringify(snapshotOf(agent, 1));
    const signature = signBytes(Buffer.from(body), agent.keys.privateKeyPem);
    const res = await postSnapshot(t, agent, body, { signature, headers: { authorization: 'Bearer zba_secret' } });
    expect(res.statusCode).toBe(202);
    await t.app.inject({ method: 'GET', url: '/api/v1/machines', headers: { authorization: 'Bearer zba_secret' } });
    // Someone logging headers on purpose still leaks nothing.
    logger.info({ req: { headers: { authorization: 'Bearer zba_secret', 'x-zhengban-signature': signature } } }, 'debug dump');
    const all = JSON.stringify(lines);
    expect(all).not.toContain('zba_secret');
    expect(all).not.toContain(signature);
    expect(all).toContain('[redacted]');
    expect(lines.length).toBeGreaterThan(0);
  });
});
