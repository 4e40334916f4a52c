import type { Role } from '../store/types.js';
import type { Store } from '../store/store.js';
import { AuthInvalidError, AuthRequiredError } from './errors.js';
import { hashToken } from './tokens.js';
import { useAdminToken } from './token-service.js';

/** Who is calling an admin route. A viewer sees only its unit and the units below it. */
export interface Principal {
  tokenId: number;
  role: Role;
  unitId: number | null;
}

/** The unit a principal is confined to, or undefined for an admin. */
export function scopeOf(p: Principal): number | undefined {
  return p.role === 'admin' || p.unitId === null ? undefined : p.unitId;
}

export async function authenticate(store: Store, authorization: string | undefined, now: Date): Promise<Principal> {
  if (!authorization) throw new AuthRequiredError();
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) throw new AuthInvalidError();
  return tokenPrincipal(store, m[1]!, now);
}

/** The caller an API token stands for, however it came (a bearer header, a sign-in's body). */
export async function tokenPrincipal(store: Store, token: string, now: Date): Promise<Principal> {
  const info = await useAdminToken(store, hashToken(token), now.toISOString());
  if (!info) throw new AuthInvalidError();
  return { tokenId: info.id, role: info.role, unitId: info.unitId };
}
