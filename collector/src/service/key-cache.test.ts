import { generateKeyPair, signBytes, verifyBytes } from '@zhengban/shared';
import { describe, expect, it } from 'vitest';
import { publicKeyOf } from './key-cache.js';

describe('the agents’ key cache', () => {
  it('gives the same key object for the same PEM, one that verifies what that key signed and nothing else', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    const key = publicKeyOf(a.publicKeyPem);
    expect(publicKeyOf(a.publicKeyPem)).toBe(key);
    const bytes = Buffer.from('{"seq":1}');
    expect(verifyBytes(bytes, signBytes(bytes, a.privateKeyPem), key)).toBe(true);
    expect(verifyBytes(bytes, signBytes(bytes, b.privateKeyPem), key)).toBe(false);
    expect(publicKeyOf(b.publicKeyPem)).not.toBe(key);
  });

  it('refuses a PEM that is no key, as parsing it does', () => {
    expect(() => publicKeyOf('not a key')).toThrow(/PEM/);
  });
});
