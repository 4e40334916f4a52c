import type { KeyObject } from 'node:crypto';
import { loadPublicKey } from '@zhengban/shared';

/**
 * Agents' public keys as parsed key objects, kept by their PEM text: parsing the PEM of
 * every snapshot's agent was a twentieth of an ingest's time. Keys never change for an
 * agent id, and a PEM names its key exactly, so the text is the key. Bounded so a
 * collector with more agents than the bound re-parses the least recent, nothing worse.
 */
const LIMIT = 200_000;
const keys = new Map<string, KeyObject>();

export function publicKeyOf(pem: string): KeyObject {
  let key = keys.get(pem);
  if (key) {
    // Most recent last, so the oldest is first to go.
    keys.delete(pem);
    keys.set(pem, key);
    return key;
  }
  key = loadPublicKey(pem);
  if (keys.size >= LIMIT) keys.delete(keys.keys().next().value!);
  keys.set(pem, key);
  return key;
}
