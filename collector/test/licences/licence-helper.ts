import Database from 'better-sqlite3';
import { hashToken, newToken } from '../../src/service/tokens.js';
import { T0, testApp, type TestApp } from '../helper.js';
import { createAdminToken } from '../../src/service/token-service.js';
import { createUnit } from '../../src/service/org-service.js';

/**
 * A registry to test licences against: 市政府 with 财政局 (and its 预算科 below) and
 * 教育局; an admin token and a viewer token scoped to 财政局.
 */
export interface LicenceTestApp extends TestApp {
  units: { city: number; finance: number; budget: number; education: number };
  admin: string;
  viewer: string;
}

export async function licenceApp(): Promise<LicenceTestApp> {
  const t = await testApp();
  const unit = async (name: string, parentId: number | null) => (await createUnit({ store: t.store, now: () => T0 }, 'cli', { name, parentId })).unit.id;
  const city = await unit('市政府', null);
  const finance = await unit('财政局', city);
  const budget = await unit('预算科', finance);
  const education = await unit('教育局', city);
  const token = async (role: 'admin' | 'viewer', unitId: number | null) => {
    const secret = newToken('admin');
    await createAdminToken(t.store, { tokenHash: hashToken(secret), role, unitId, createdAt: T0.toISOString(), actor: 'test' });
    return secret;
  };
  return { ...t, units: { city, finance, budget, education }, admin: await token('admin', null), viewer: await token('viewer', finance) };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** An authenticated request; a string payload is sent as text/csv. */
export function call(t: TestApp, method: Method, url: string, token: string, payload?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (typeof payload === 'string') headers['content-type'] = 'text/csv; charset=utf-8';
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    ...(payload === undefined ? {} : { payload: payload as string | object }),
  });
}

const TABLES = ['licences', 'licence_events', 'licence_documents', 'audit_log'] as const;

/** Rows of the licence tables and the audit log, and the registry revision, straight from the file. */
export function registryRows(dbFile: string): Record<string, number | string> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const counts = Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
    const revision = (db.prepare("SELECT value FROM meta WHERE key = 'registry_revision'").get() as { value: string }).value;
    return { ...counts, revision };
  } finally {
    db.close();
  }
}

/** A valid licence input for 财政局 unless changed. */
export const windowsPro = (unitId: number, changes: Record<string, unknown> = {}) => ({
  productId: 'windows',
  edition: 'pro',
  versionFrom: '10',
  versionTo: '11',
  model: 'oem',
  seats: 50,
  unitId,
  validFrom: '2026-01-01',
  vendor: '联想',
  purchaseOrder: 'CG-2026-001',
  price: 19999.99,
  notes: '随机预装',
  ...changes,
});
