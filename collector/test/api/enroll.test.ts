import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { generateKeyPair } from '@zhengban/shared';
import { countRows, enrollmentToken, testApp, type TestApp } from '../helper.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.close());

const enroll = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/enroll', payload });
const keys = generateKeyPair();

describe('POST /api/v1/enroll', () => {
  it('answers 201 with a new agent id and the token unit, and spends one use', async () => {
    const token = await enrollmentToken(t.store, '财政局', { maxUses: 2 });
    const res = await enroll({ token, publicKey: keys.publicKeyPem, hostname: 'pc-01', hardwareUuid: 'U-1', agentVersion: '0.1.0' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({ agentId: expect.stringMatching(/^ag_[0-9a-f]{32}$/), unit: '财政局' });
    expect((await t.store.read.enrollments.list())[0]?.uses).toBe(1);
    expect(await t.store.read.agents.key(body.agentId)).toMatchObject({ publicKey: keys.publicKeyPem });
  });

  it('gives each enrollment its own agent id', async () => {
    const token = await enrollmentToken(t.store);
    const a = (await enroll({ token, publicKey: keys.publicKeyPem, hostname: 'pc-01' })).json();
    const b = (await enroll({ token, publicKey: generateKeyPair().publicKeyPem, hostname: 'pc-02' })).json();
    expect(a.agentId).not.toBe(b.agentId);
  });

  it('refuses a public key that is already enrolled with 409 naming its agent, writing nothing and spending no use', async () => {
    const token = await enrollmentToken(t.store, 'u', { maxUses: 3 });
    const first = (await enroll({ token, publicKey: keys.publicKeyPem, hostname: 'pc-01' })).json();
    const before = countRows(t.dbFile);
    // The same key in another PEM spelling (no trailing newline) is the same key.
    const res = await enroll({ token, publicKey: keys.publicKeyPem.trim(), hostname: 'pc-01-again' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ code: 'E_KEY_ENROLLED', message: expect.stringContaining(first.agentId) });
    expect(countRows(t.dbFile)).toEqual(before);
    expect((await t.store.read.enrollments.list())[0]?.uses).toBe(1);
  });

  it('refuses an unknown token with 401', async () => {
    await enrollmentToken(t.store);
    const before = countRows(t.dbFile);
    const res = await enroll({ token: 'zbe_wrong', publicKey: keys.publicKeyPem, hostname: 'pc-01' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'E_ENROLL_TOKEN_INVALID', message: expect.any(String) });
    expect(countRows(t.dbFile)).toEqual(before);
  });

  it('refuses an expired token with 403', async () => {
    const token = await enrollmentToken(t.store, 'u', { ttlMs: 60_000 });
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const before = countRows(t.dbFile);
    const res = await enroll({ token, publicKey: keys.publicKeyPem, hostname: 'pc-01' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('E_ENROLL_TOKEN_EXPIRED');
    expect(countRows(t.dbFile)).toEqual(before);
  });

  it('refuses a used-up token with 403', async () => {
    const token = await enrollmentToken(t.store, 'u', { maxUses: 1 });
    expect((await enroll({ token, publicKey: keys.publicKeyPem, hostname: 'pc-01' })).statusCode).toBe(201);
    const before = countRows(t.dbFile);
    const res = await enroll({ token, publicKey: keys.publicKeyPem, hostname: 'pc-02' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('E_ENROLL_TOKEN_USED_UP');
    expect(countRows(t.dbFile)).toEqual(before);
  });

  it('refuses a key that is not Ed25519 PEM with 400, without spending a use', async () => {
    const token = await enrollmentToken(t.store, 'u', { maxUses: 1 });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    for (const publicKey of ['not a key', rsa]) {
      const res = await enroll({ token, publicKey, hostname: 'pc-01' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('E_KEY_FORMAT');
    }
    expect((await t.store.read.enrollments.list())[0]?.uses).toBe(0);
    expect(countRows(t.dbFile).agents).toBe(0);
  });

  it('refuses a body that does not match EnrollRequest with 400 E_SCHEMA naming the field', async () => {
    const res = await enroll({ token: 'x', publicKey: keys.publicKeyPem });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'E_SCHEMA', message: expect.stringContaining('hostname') });
  });

  it('refuses a field EnrollRequest does not name with 400 E_SCHEMA, writing nothing', async () => {
    const token = await enrollmentToken(t.store);
    const before = countRows(t.dbFile);
    const res = await enroll({ token, publicKey: keys.publicKeyPem, hostname: 'pc-01', unit: '财政局' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ code: 'E_SCHEMA', message: expect.stringContaining('unit') });
    expect(countRows(t.dbFile)).toEqual(before);
  });

  it('refuses malformed JSON with 400 E_JSON', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/enroll', headers: { 'content-type': 'application/json' }, payload: '{"token":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('E_JSON');
  });
});
