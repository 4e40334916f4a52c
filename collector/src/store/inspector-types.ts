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

export type NewInspector = Omit<Inspector, 'id' | 'revokedAt'>;
