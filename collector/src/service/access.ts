import type { Store } from '../store/store.js';
import { scopeOf, type Principal } from './auth-service.js';
import { ForbiddenError, NotFoundError } from './errors.js';

/**
 * Who may see and change what. An admin sees and changes everything; a viewer reads
 * its unit's subtree and writes nothing. Records outside a viewer's subtree are
 * answered as missing (404), so their ids do not leak. The CLI is the operator at the
 * server's console: it reads and writes everything, like an admin.
 */
export type Caller = Principal | 'cli';

export function assertAdmin(p: Caller, message?: string): void {
  if (p !== 'cli' && p.role !== 'admin') throw new ForbiddenError(message);
}

/** The unit whose subtree a caller is confined to, or undefined (an admin, the CLI). */
export function scopeUnit(p: Caller): number | undefined {
  return p === 'cli' ? undefined : scopeOf(p);
}

/** The units a caller may read, or undefined for all (an admin, the CLI). */
export async function visibleUnits(store: Store, p: Caller): Promise<readonly number[] | undefined> {
  const scope = scopeUnit(p);
  return scope === undefined ? undefined : store.read.units.subtreeIds(scope);
}

/** Throws NotFoundError when the unit is outside what the caller may read. */
export async function assertUnitVisible(store: Store, p: Caller, unitId: number, what = `unit ${unitId}`): Promise<void> {
  const units = await visibleUnits(store, p);
  if (units !== undefined && !units.includes(unitId)) throw new NotFoundError(what);
}
