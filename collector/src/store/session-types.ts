import type { Session } from '../schema/session.js';
import type { Write } from './registry-types.js';

export interface NewSession {
  sessionHash: string;
  adminTokenId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  /** For the audit log: `token:<id>`. */
  actor: string;
}

/** A live session and the API token it stands for. */
export interface SessionRecord {
  id: number;
  token: { id: number; role: Session['role']; unitId: number | null; unit: string | null };
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** Browser sessions (session-repo.ts); found by the SHA-256 of their id, which is never stored. */
export interface SessionStore {
  /** Deletes the expired sessions, then stores this one; audited. */
  create(session: NewSession): Promise<SessionRecord>;
  /** The session while it and its token are valid, recording the token's use; an expired one is deleted. */
  use(sessionHash: string, at: string): Promise<SessionRecord | undefined>;
  /** Deletes the session; audited. False when it was gone already. */
  delete(sessionHash: string, w: Write): Promise<boolean>;
}
