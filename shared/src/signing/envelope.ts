import { Type, type Static } from 'typebox';
import type { KeyObject } from 'node:crypto';
import { signBytes } from './ed25519.js';

/**
 * How a signed snapshot travels in files (spool, bundles): one JSON object a line,
 * the payload kept as the exact text that was signed. On HTTP the payload is the
 * body itself and the other two fields travel in headers.
 */
export const SignedEnvelope = Type.Object({
  agentId: Type.String({ minLength: 1, maxLength: 100 }),
  payload: Type.String({ minLength: 2 }),
  signature: Type.String({ minLength: 1, maxLength: 200 }),
});
export type SignedEnvelope = Static<typeof SignedEnvelope>;

export function sealEnvelope(agentId: string, payloadJson: string, privateKey: KeyObject | string): SignedEnvelope {
  return { agentId, payload: payloadJson, signature: signBytes(Buffer.from(payloadJson, 'utf8'), privateKey) };
}
