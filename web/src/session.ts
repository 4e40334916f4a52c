import type { Session } from './api/types';
import { onUnauthorized } from './api/client';
import { currentSession, signIn, signOut } from './api/session-api';
import { shared } from './store';

/** undefined while the page asks whether a session cookie is still good; null: signed out. */
export const session = shared<Session | null | undefined>(undefined);

export const isAdmin = (s: Session | null | undefined): boolean => s?.role === 'admin';

export async function restore(): Promise<void> {
  try {
    session.set(await currentSession());
  } catch {
    session.set(null);
  }
}

export async function start(token: string): Promise<void> {
  session.set(await signIn(token));
}

export async function end(): Promise<void> {
  try {
    await signOut();
  } finally {
    session.set(null);
  }
}

// A session that expires while a page is open sends the reader back to sign-in.
onUnauthorized(() => session.set(null));
