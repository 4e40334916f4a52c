import type { Store } from '../store/types.js';
import { assertAdmin, visibleUnits } from './access.js';
import type { Principal } from './auth-service.js';
import { NotFoundError } from './errors.js';

/**
 * Access rules for the org services, which take an HTTP caller or the CLI. The CLI is
 * the operator at the server's console: it reads and writes everything, like an admin.
 */
export type Caller = Principal | 'cli';

export function assertWriter(who: Caller): void {
  if (who !== 'cli') assertAdmin(who);
}

/** The units the caller may read, or undefined for all. */
export async function unitsVisibleTo(store: Store, who: Caller): Promise<readonly number[] | undefined> {
  return who === 'cli' ? undefined : visibleUnits(store, who);
}

/** Throws NotFoundError (as if missing) when the unit is outside what the caller may read. */
export async function assertVisible(store: Store, who: Caller, unitId: number, what: string): Promise<void> {
  const visible = await unitsVisibleTo(store, who);
  if (visible !== undefined && !visible.includes(unitId)) throw new NotFoundError(what);
}
