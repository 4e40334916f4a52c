import type { Write } from './registry-types.js';

/** An inspector as registered by `kit create`: one kit, one key. */
export interface Inspector {
  id: number;
  name: string;
  /** SPKI PEM. */
  publicKey: string;
  kitId: string;
  unit: string | null;
  spotCheckId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export type NewInspector = Omit<Inspector, 'id' | 'revokedAt'> & { actor: string };

/** Inspectors (inspector-repo.ts); registering and revoking are audited. */
export interface InspectorStore {
  create(inspector: NewInspector): Promise<Inspector>;
  list(): Promise<Inspector[]>;
  find(id: number): Promise<Inspector | undefined>;
  /** Revokes from `w.at` on; one already revoked keeps its first date. Undefined when there is no such inspector. */
  revoke(id: number, w: Write): Promise<Inspector | undefined>;
}
