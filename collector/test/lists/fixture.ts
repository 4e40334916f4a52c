import Database from 'better-sqlite3';
import type { LightMyRequestResponse } from 'fastify';
import { hashToken, newToken } from '../../src/service/tokens.js';
import { T0, testApp, type TestApp } from '../helper.js';
import { createAdminToken } from '../../src/service/token-service.js';
import { createUnit } from '../../src/service/org-service.js';

/**
 * An app with three units (财政局, its 预算科 below it, and 教育局 beside it) and
 * tokens: an admin, and a viewer of 财政局 (which sees 预算科 too, not 教育局).
 */
export interface RegistryFixture {
  t: TestApp;
  admin: string;
  viewer: string;
  units: { finance: number; budget: number; education: number };
  call: (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token?: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  count: (table: 'list_entries' | 'catalog_entries' | 'audit_log') => number;
  audit: (prefix: string) => Promise<{ action: string; actor: string; target: string | null; detail: Record<string, unknown> | null }[]>;
}

export async function registryFixture(): Promise<RegistryFixture> {
  const t = await testApp();
  const unit = async (name: string, parentId: number | null = null) => (await createUnit({ store: t.store, now: () => T0 }, 'cli', { name, parentId })).unit.id;
  const finance = await unit('财政局');
  const units = { finance, budget: await unit('预算科', finance), education: await unit('教育局') };
  const token = async (role: 'admin' | 'viewer', unitId: number | null) => {
    const secret = newToken('admin');
    await createAdminToken(t.store, { tokenHash: hashToken(secret), role, unitId, createdAt: T0.toISOString(), actor: 'test' });
    return secret;
  };
  return {
    t,
    admin: await token('admin', null),
    viewer: await token('viewer', finance),
    units,
    call: (method, url, bearer, payload) =>
      t.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      }),
    count: (table) => {
      const db = new Database(t.dbFile, { readonly: true });
      try {
        return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    audit: async (prefix) => t.store.read.audit.list({ limit: 100, offset: 0, action: prefix }),
  };
}
