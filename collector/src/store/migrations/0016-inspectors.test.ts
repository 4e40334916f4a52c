import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registerInspector, revokeInspector } from '../../service/inspector-service.js';
import { migrate } from '../migrate.js';
import { SqliteStore } from '../sqlite-store.js';
import { MIGRATIONS } from './index.js';

describe('migration 0016 (inspectors)', () => {
  it('adds inspectors to a database of version 15, one key and one kit each', async () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS.filter((m) => m.version <= 15));
    expect(migrate(db)[0]).toBe(16);
    const store = new SqliteStore(db);
    const first = await registerInspector(store, { name: '张三', publicKey: 'k1', kitId: 'kit_1', unit: null, spotCheckId: '2', createdAt: 't0', actor: 'cli' });
    expect(first).toEqual({ id: 1, name: '张三', publicKey: 'k1', kitId: 'kit_1', unit: null, spotCheckId: '2', createdAt: 't0', revokedAt: null });
    await expect(registerInspector(store, { name: '李四', publicKey: 'k1', kitId: 'kit_2', unit: null, spotCheckId: null, createdAt: 't0', actor: 'cli' })).rejects.toThrow(/UNIQUE/);
    expect((await revokeInspector(store, 1, { actor: 'cli', at: 't1' }))?.revokedAt).toBe('t1');
    expect((await revokeInspector(store, 1, { actor: 'cli', at: 't2' }))?.revokedAt).toBe('t1');
    expect(await revokeInspector(store, 9, { actor: 'cli', at: 't2' })).toBeUndefined();
    const audit = db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['inspector.create', 'inspector.revoke']);
    await store.close();
  });
});
