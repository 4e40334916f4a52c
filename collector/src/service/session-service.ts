import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Session } from '../schema/session.js';
import type { SessionRecord } from '../store/session-types.js';
import type { Store } from '../store/store.js';
import { tokenPrincipal, type Principal } from './auth-service.js';
import { CsrfError, SessionInvalidError } from './errors.js';
import { actorOf } from './registry-deps.js';
import { hashToken } from './tokens.js';

/**
 * A session ends 12 hours after sign-in, however busy it was: a working day and its
 * overtime, so staff sign in once a day, and a browser left signed in on an office PC
 * is closed by the next morning. Never extended, so a stolen cookie is worth a day at
 * most; the API token it came from lasts, and signs in again.
 */
export const SESSION_LIFETIME_MS = 12 * 3_600_000;

/** A session as the browser holds it: `id` goes into the cookie and nowhere else. */
export interface SignedIn {
  id: string;
  session: Session;
  /** Seconds until the session ends, for the cookie's Max-Age. */
  maxAge: number;
}

/** 32 random bytes: as strong as an API token, so its SHA-256 is enough to store. */
const secret = (): string => randomBytes(32).toString('base64url');

const view = (r: SessionRecord): Session => ({ role: r.token.role, unitId: r.token.unitId, unit: r.token.unit, csrfToken: r.csrfToken, expiresAt: r.expiresAt });

/** Trades an API token for a session; a token that is not valid is refused as a bearer token would be. */
export async function signIn(store: Store, token: string, now: Date): Promise<SignedIn> {
  const who = await tokenPrincipal(store, token, now);
  const id = secret();
  const at = now.toISOString();
  const record = await store.transaction(async (tx) => {
    // Swept as sessions are made, so the table does not grow with every sign-in.
    await tx.sessions.sweep(at);
    const created = await tx.sessions.insert({
      sessionHash: hashToken(id),
      adminTokenId: who.tokenId,
      csrfToken: secret(),
      createdAt: at,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
    });
    await tx.audit.record({ at, actor: actorOf(who), action: 'session.create', target: created.token.unit, detail: { session: created.id, expiresAt: created.expiresAt } });
    return created;
  });
  return { id, session: view(record), maxAge: SESSION_LIFETIME_MS / 1000 };
}

/**
 * The caller a session cookie stands for, checked against its API token on every request
 * (the session is found only while its token is valid) and recorded as the token's use;
 * an expired session is deleted.
 */
export async function resumeSession(store: Store, id: string, now: Date): Promise<{ principal: Principal; session: Session }> {
  const at = now.toISOString();
  const record = await store.transaction(async (tx) => {
    const found = await tx.sessions.findByHash(hashToken(id));
    if (!found) return undefined;
    if (found.expiresAt <= at) {
      await tx.sessions.delete(found.id);
      return undefined;
    }
    await tx.adminTokens.touch(found.token.id, at);
    return found;
  });
  if (!record) throw new SessionInvalidError();
  return { principal: { tokenId: record.token.id, role: record.token.role, unitId: record.token.unitId }, session: view(record) };
}

/** Throws unless `header` is the session's CSRF token; compared in constant time. */
export function checkCsrf(session: Session, header: string | string[] | undefined): void {
  if (typeof header !== 'string' || header === '') throw new CsrfError('missing');
  const sent = Buffer.from(header);
  const expected = Buffer.from(session.csrfToken);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) throw new CsrfError('wrong');
}

/** Deletes the session; audited. Nothing happens when it was gone already. */
export async function signOut(store: Store, id: string, who: Principal, now: Date): Promise<void> {
  const at = now.toISOString();
  await store.transaction(async (tx) => {
    const found = await tx.sessions.findByHash(hashToken(id));
    if (!found) return;
    await tx.sessions.delete(found.id);
    await tx.audit.record({ at, actor: actorOf(who), action: 'session.delete', target: found.token.unit, detail: { session: found.id } });
  });
}
