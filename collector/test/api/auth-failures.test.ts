import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPair } from '@zhengban/shared';
import { adminToken, countRows, enrollmentToken, testApp, type TestApp } from '../helper.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const from = (remoteAddress: string, authorization?: string) => ({
  method: 'GET' as const,
  url: '/api/v1/machines',
  remoteAddress,
  ...(authorization ? { headers: { authorization } } : {}),
});

describe('failed authentication is limited per client address', () => {
  it('answers 429 with Retry-After once an address has failed its budget, and again 401 after the window', async () => {
    t = await testApp({ authFailures: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await t.app.inject(from('10.1.1.1', 'Bearer zba_wrong'))).statusCode).toBe(401);
    const limited = await t.app.inject(from('10.1.1.1', 'Bearer zba_wrong'));
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({ code: 'E_TOO_MANY_FAILURES', message: expect.stringMatching(/try again in \d+ s/) });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // No token at all is a failure too, and another address has its own budget.
    expect((await t.app.inject(from('10.1.1.1'))).statusCode).toBe(429);
    expect((await t.app.inject(from('10.2.2.2', 'Bearer zba_wrong'))).statusCode).toBe(401);
  });

  it('never slows a client that authenticates, even from an address over its budget', async () => {
    t = await testApp({ authFailures: { max: 2, windowMs: 60_000 } });
    const token = await adminToken(t.store);
    for (let i = 0; i < 5; i++) await t.app.inject(from('10.1.1.1', 'Bearer zba_wrong'));
    expect((await t.app.inject(from('10.1.1.1', 'Bearer zba_wrong'))).statusCode).toBe(429);
    for (let i = 0; i < 10; i++) expect((await t.app.inject(from('10.1.1.1', `Bearer ${token}`))).statusCode).toBe(200);
  });

  it('counts enrollment tokens that fail, and still enrolls an agent with a good token from that address', async () => {
    t = await testApp({ authFailures: { max: 2, windowMs: 60_000 } });
    const good = await enrollmentToken(t.store, '财政局', { maxUses: 5 });
    const enroll = (token: string) =>
      t!.app.inject({ method: 'POST', url: '/api/v1/enroll', remoteAddress: '10.9.9.9', payload: { token, publicKey: generateKeyPair().publicKeyPem, hostname: 'pc' } });
    expect((await enroll('zbe_guess1')).statusCode).toBe(401);
    expect((await enroll('zbe_guess2')).statusCode).toBe(401);
    const before = countRows(t.dbFile);
    const limited = await enroll('zbe_guess3');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(countRows(t.dbFile)).toEqual(before);
    expect((await enroll(good)).statusCode).toBe(201);
  });
});
