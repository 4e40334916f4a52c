import type { Session } from '../schema/session.js';

export interface NewSession {
  sessionHash: string;
  adminTokenId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** A live session and the API token it stands for. */
export interface SessionRecord {
  id: number;
  token: { id: number; role: Session['role']; unitId: number | null; unit: string | null };
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}
