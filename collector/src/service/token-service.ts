import type { AdminTokenInfo, EnrollmentTokenInfo, NewAdminToken, NewEnrollmentToken } from '../store/types.js';
import type { Store } from '../store/store.js';

/** An enrollment token for a unit, which is created when it does not exist yet; audited. */
export function createEnrollmentToken(store: Store, t: NewEnrollmentToken): Promise<EnrollmentTokenInfo> {
  return store.transaction(async (tx) => {
    const unit = await tx.units.ensure(t.unitName, t.createdAt);
    const info = await tx.enrollments.insert({ ...t, unitId: unit.id, network: t.network ?? null });
    await tx.audit.record({
      at: t.createdAt,
      actor: t.actor,
      action: 'enrollment-token.create',
      target: unit.name,
      detail: { id: info.id, expiresAt: t.expiresAt, maxUses: t.maxUses, ...(t.network != null ? { offline: true, network: t.network } : {}) },
    });
    return info;
  });
}

/** An API token; audited. */
export function createAdminToken(store: Store, t: NewAdminToken): Promise<AdminTokenInfo> {
  return store.transaction(async (tx) => {
    const info = await tx.adminTokens.insert(t);
    await tx.audit.record({ at: t.createdAt, actor: t.actor, action: 'admin-token.create', target: info.unit, detail: { id: info.id, role: info.role } });
    return info;
  });
}

/** The API token of this hash, its use recorded; undefined when there is none. */
export function useAdminToken(store: Store, tokenHash: string, at: string): Promise<AdminTokenInfo | undefined> {
  return store.transaction(async (tx) => {
    const info = await tx.adminTokens.findByHash(tokenHash);
    if (info) await tx.adminTokens.touch(info.id, at);
    return info;
  });
}
