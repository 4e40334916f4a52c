import { createHash, randomBytes } from 'node:crypto';

/**
 * Tokens are 32 random bytes, so a plain SHA-256 is enough to store them: there is
 * nothing to brute-force, unlike a password. The prefix tells a reader which kind
 * of token leaked.
 */
export type TokenKind = 'enrollment' | 'admin';

const PREFIX: Record<TokenKind, string> = { enrollment: 'zbe_', admin: 'zba_' };

export function newToken(kind: TokenKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** `ag_` + 16 random bytes in hex: unguessable, and safe in URLs and file names. */
export function newAgentId(): string {
  return `ag_${randomBytes(16).toString('hex')}`;
}
