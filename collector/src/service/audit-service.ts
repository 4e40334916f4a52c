import type { Static } from 'typebox';
import type { AuditList } from '../schema/history.js';
import type { AuditFilter } from '../store/registry-types.js';
import { ForbiddenError } from './errors.js';
import type { Caller } from './org-access.js';
import type { RegistryDeps } from './registry-deps.js';

/**
 * The audit log's read side. Admins only: entries name every unit and token, so a
 * viewer (scoped to a subtree) would see outside it.
 */
export async function listAudit(deps: RegistryDeps, who: Caller, filter: AuditFilter): Promise<Static<typeof AuditList>> {
  if (who !== 'cli' && who.role !== 'admin') throw new ForbiddenError('the audit log needs an admin token');
  return { entries: await deps.store.audit.list(filter) };
}
