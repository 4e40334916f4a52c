import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { KeyFormatError } from '../errors.js';

export interface KeyPairPem {
  publicKeyPem: string;
  privateKeyPem: string;
}

export function generateKeyPair(): KeyPairPem {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function requireEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new KeyFormatError(`${what} is a ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
  }
  return key;
}

export function loadPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (err) {
    throw new KeyFormatError('the public key is not a PEM-encoded key', err);
  }
  return requireEd25519(key, 'the public key');
}

export function loadPrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new KeyFormatError('the private key is not a PEM-encoded key', err);
  }
  return requireEd25519(key, 'the private key');
}

/** Base64 Ed25519 signature of exactly these bytes: no canonical JSON is needed. */
export function signBytes(payload: Uint8Array, privateKey: KeyObject | string): string {
  const key = typeof privateKey === 'string' ? loadPrivateKey(privateKey) : privateKey;
  return sign(null, payload, key).toString('base64');
}

/** False for any mismatch, including a signature that is not base64 of 64 bytes. */
export function verifyBytes(payload: Uint8Array, signatureB64: string, publicKey: KeyObject | string): boolean {
  const key = typeof publicKey === 'string' ? loadPublicKey(publicKey) : publicKey;
  if (!/^[A-Za-z0-9+/]{86}==$/.test(signatureB64)) return false;
  return verify(null, payload, key, Buffer.from(signatureB64, 'base64'));
}
