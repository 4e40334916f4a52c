import type { Static } from 'typebox';
import type { AuditList } from '../schema/history.js';
import type { AuditFilter } from '../store/registry-types.js';
import { assertAdmin, type Caller } from './access.js';
import type { RegistryDeps } from './registry-deps.js';

/**
 * The audit log's read side. Admins only: entries name every unit and token, so a
 * viewer (scoped to a subtree) would see outside it.
 */
export async function listAudit(deps: RegistryDeps, who: Caller, filter: AuditFilter): Promise<Static<typeof AuditList>> {
  assertAdmin(who, 'the audit log needs an admin token');
  return { entries: await deps.store.read.audit.list(filter) };
}
