import type { Store } from '../store/types.js';
import type { Refusal, Result } from '../store/registry-types.js';
import { isRefusal } from '../store/registry-types.js';
import { scopeOf, type Principal } from './auth-service.js';
import { ConflictError, ForbiddenError, InUseError, NotFoundError } from './errors.js';

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
  return scope === undefined ? undefined : store.org.subtreeIds(scope);
}

/** Throws NotFoundError when the unit is outside what the caller may read. */
export async function assertUnitVisible(store: Store, p: Caller, unitId: number, what = `unit ${unitId}`): Promise<void> {
  const units = await visibleUnits(store, p);
  if (units !== undefined && !units.includes(unitId)) throw new NotFoundError(what);
}

/** A store refusal as the typed error the API answers with. */
export function refusalError(r: Refusal): Error {
  switch (r.refused) {
    case 'not-found':
      return new NotFoundError(r.what);
    case 'conflict':
      return new ConflictError(r.message);
    case 'in-use':
      return new InUseError(r.message);
  }
}

/** The value, or the refusal thrown as its error. */
export function unwrap<T>(r: Result<T>): T {
  if (isRefusal(r)) throw refusalError(r);
  return r;
}
