import { ApiError, request, setCsrfToken } from './client';
import type { Session } from './types';

// Sign-in: the API token is exchanged for an HttpOnly session cookie (POST /session) and
// forgotten; the page keeps only the CSRF token its writes need.

interface SessionBody {
  session: Session;
}

/** The session of the cookie the browser holds, or null when it holds none that is good. */
export async function currentSession(): Promise<Session | null> {
  try {
    const { session } = await request<SessionBody>('GET', '/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export async function signIn(token: string): Promise<Session> {
  const { session } = await request<SessionBody>('POST', '/session', { token });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  try {
    await request<void>('DELETE', '/session');
  } catch (err) {
    // Already over (expired, or ended in another tab): signed out all the same.
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  } finally {
    setCsrfToken(null);
  }
}
