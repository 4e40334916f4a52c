import { describe, expect, it } from 'vitest';
import {
  KeyFormatError,
  generateKeyPair,
  loadPublicKey,
  sealEnvelope,
  signBytes,
  verifyBytes,
} from '@zhengban/shared';

describe('Ed25519 signing of exact bytes', () => {
  const keys = generateKeyPair();
  const payload = Buffer.from('{"schemaVersion":1,"host":"办公室-PC01"}', 'utf8');

  it('verifies its own signature', () => {
    const sig = signBytes(payload, keys.privateKeyPem);
    expect(sig).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(verifyBytes(payload, sig, keys.publicKeyPem)).toBe(true);
  });

  it('refuses a tampered payload, even one changed only in whitespace', () => {
    const sig = signBytes(payload, keys.privateKeyPem);
    const spaced = Buffer.from('{"schemaVersion":1, "host":"办公室-PC01"}', 'utf8');
    const other = Buffer.from(payload);
    other[other.length - 3] ^= 1;
    expect(verifyBytes(spaced, sig, keys.publicKeyPem)).toBe(false);
    expect(verifyBytes(other, sig, keys.publicKeyPem)).toBe(false);
  });

  it('refuses a signature made with another key', () => {
    const other = generateKeyPair();
    const sig = signBytes(payload, other.privateKeyPem);
    expect(verifyBytes(payload, sig, keys.publicKeyPem)).toBe(false);
  });

  it('refuses malformed signatures without throwing', () => {
    expect(verifyBytes(payload, '', keys.publicKeyPem)).toBe(false);
    expect(verifyBytes(payload, 'not base64 at all', keys.publicKeyPem)).toBe(false);
    expect(verifyBytes(payload, Buffer.alloc(63).toString('base64'), keys.publicKeyPem)).toBe(false);
  });

  it('rejects keys that are not Ed25519 PEM with a coded error', () => {
    expect(() => loadPublicKey('hello')).toThrow(KeyFormatError);
    try {
      loadPublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n');
      expect.unreachable();
    } catch (err) {
      expect((err as KeyFormatError).code).toBe('E_KEY_FORMAT');
    }
  });

  it('seals an envelope whose signature covers the payload text', () => {
    const env = sealEnvelope('agent-1', '{"a":1}', keys.privateKeyPem);
    expect(env.agentId).toBe('agent-1');
    expect(verifyBytes(Buffer.from(env.payload), env.signature, keys.publicKeyPem)).toBe(true);
  });
});
