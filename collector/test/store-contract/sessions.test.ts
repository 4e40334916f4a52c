import { beforeEach, describe, expect, it } from 'vitest';
import type { NewSession } from '../../src/store/session-types.js';
import type { Store } from '../../src/store/store.js';
import { AT, LATER, seedUnits } from './registry-seed.js';
import { eachStoreDb, type ContractDb } from './stores.js';

/** Browser sessions, each joined to the API token it stands for, as every store keeps them. */

const session = (hash: string, adminTokenId: number, expiresAt = LATER): NewSession => ({ sessionHash: hash, adminTokenId, csrfToken: `csrf-${hash}`, createdAt: AT, expiresAt });

eachStoreDb((open) => {
  let db: ContractDb;
  let store: Store;
  let admin: number;
  let viewer: number;
  let finance: number;
  beforeEach(async () => {
    db = await open();
    store = db.store;
    ({ admin, viewer, finance } = await store.transaction(async (tx) => {
      const units = await seedUnits(tx);
      return {
        finance: units.finance,
        admin: (await tx.adminTokens.insert({ tokenHash: 'admin', role: 'admin', unitId: null, createdAt: AT })).id,
        viewer: (await tx.adminTokens.insert({ tokenHash: 'viewer', role: 'viewer', unitId: units.finance, createdAt: AT })).id,
      };
    }));
  });
  const insert = (s: NewSession) => store.transaction((tx) => tx.sessions.insert(s));

  describe('sessions', () => {
    it('reads a session back by its hash, with its token’s role and unit', async () => {
      const created = await insert(session('s-viewer', viewer));
      const whole = { id: created.id, token: { id: viewer, role: 'viewer', unitId: finance, unit: '财政局' }, csrfToken: 'csrf-s-viewer', createdAt: AT, expiresAt: LATER };
      expect(created).toEqual(whole);
      expect(await store.read.sessions.findByHash('s-viewer')).toEqual(whole);
      await insert(session('s-admin', admin));
      expect((await store.read.sessions.findByHash('s-admin'))?.token).toEqual({ id: admin, role: 'admin', unitId: null, unit: null });
    });

    it('answers undefined for a hash never stored, and for a session deleted', async () => {
      const created = await insert(session('s', admin));
      expect(await store.read.sessions.findByHash('other')).toBeUndefined();
      await store.transaction((tx) => tx.sessions.delete(created.id));
      expect(await store.read.sessions.findByHash('s')).toBeUndefined();
    });

    it('finds no session once its token is gone', async () => {
      await insert(session('s', viewer));
      await db.exec(`DELETE FROM admin_tokens WHERE id = ${viewer}`);
      expect(await store.read.sessions.findByHash('s')).toBeUndefined();
    });

    it('sweeps the sessions expired at a moment (expiring then counts), saying how many', async () => {
      await insert(session('early', admin, AT));
      await insert(session('late', admin, LATER));
      expect(await store.transaction((tx) => tx.sessions.sweep(AT))).toBe(1);
      expect(await store.read.sessions.findByHash('early')).toBeUndefined();
      expect(await store.read.sessions.findByHash('late')).toBeDefined();
      expect(await store.transaction((tx) => tx.sessions.sweep(AT))).toBe(0);
    });

    it('refuses a second session of the same hash, and one of a token that does not exist', async () => {
      await insert(session('s', admin));
      await expect(insert(session('s', viewer))).rejects.toThrow();
      await expect(insert(session('t', 999))).rejects.toThrow();
      expect((await store.read.sessions.findByHash('s'))?.token.id).toBe(admin);
    });

    it('records a use of the token a session stands for', async () => {
      await store.transaction((tx) => tx.adminTokens.touch(viewer, LATER));
      expect((await store.read.adminTokens.list()).map((t) => [t.id, t.lastUsedAt])).toEqual([[admin, null], [viewer, LATER]]);
    });
  });
});
