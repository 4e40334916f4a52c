import type { AuditActor } from '../store/audit-types.js';
import type { Inspector, NewInspector } from '../store/inspector-types.js';
import type { Write } from '../store/registry-types.js';
import type { Store } from '../store/store.js';

/** Inspectors of kits (`kit create`, `inspector revoke`): registering and revoking are audited. */

export function registerInspector(store: Store, { actor, ...i }: NewInspector & AuditActor): Promise<Inspector> {
  return store.transaction(async (tx) => {
    const inspector = await tx.inspectors.insert(i);
    await tx.audit.record({ at: i.createdAt, actor, action: 'inspector.create', target: inspector.unit, detail: { id: inspector.id, name: inspector.name, kitId: inspector.kitId } });
    return inspector;
  });
}

/** Revokes from `w.at` on; one already revoked keeps its first date. Undefined when there is no such inspector. */
export function revokeInspector(store: Store, id: number, w: Write): Promise<Inspector | undefined> {
  return store.transaction(async (tx) => {
    const before = await tx.inspectors.find(id);
    if (!before) return undefined;
    if (await tx.inspectors.revoke(id, w.at)) {
      await tx.audit.record({ at: w.at, actor: w.actor, action: 'inspector.revoke', target: before.unit, detail: { id, name: before.name, kitId: before.kitId } });
    }
    return tx.inspectors.find(id);
  });
}
