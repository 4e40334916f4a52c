import Database from 'better-sqlite3';
import { hashToken, newToken } from '../../src/service/tokens.js';
import { T0, enrolledAgent, testApp, type TestAgent, type TestApp } from '../helper.js';
import { createAdminToken } from '../../src/service/token-service.js';

/**
 * A small unit tree, machines in it, and an admin and a viewer token:
 *
 *   市 (city)                 machine sz-01
 *   ├── 财政局                machines cz-01, cz-02   ← the viewer's unit
 *   │   └── 财政局办公室       machine bg-01
 *   └── 教育局                machine jy-01
 */
export interface OrgWorld {
  t: TestApp;
  admin: string;
  viewer: string;
  ids: { city: number; finance: number; office: number; education: number };
  machines: { city: TestAgent; finance: TestAgent; finance2: TestAgent; office: TestAgent; education: TestAgent };
}

export async function tokenFor(t: TestApp, role: 'admin' | 'viewer', unitId: number | null = null): Promise<string> {
  const token = newToken('admin');
  await createAdminToken(t.store, { tokenHash: hashToken(token), role, unitId, createdAt: T0.toISOString(), actor: 'test' });
  return token;
}

export async function orgWorld(): Promise<OrgWorld> {
  const t = await testApp();
  const admin = await tokenFor(t, 'admin');
  const create = async (name: string, parentId: number | null, kind: string) => {
    const res = await call(t, admin, 'POST', '/units', { name, parentId, kind });
    if (res.statusCode !== 201) throw new Error(`unit ${name}: ${res.statusCode} ${res.body}`);
    return (res.json() as { unit: { id: number } }).unit.id;
  };
  const city = await create('市', null, 'city');
  const finance = await create('财政局', city, 'department');
  const office = await create('财政局办公室', finance, 'other');
  const education = await create('教育局', city, 'department');
  const machines = {
    city: await enrolledAgent(t, '市', 'sz-01'),
    finance: await enrolledAgent(t, '财政局', 'cz-01'),
    finance2: await enrolledAgent(t, '财政局', 'cz-02'),
    office: await enrolledAgent(t, '财政局办公室', 'bg-01'),
    education: await enrolledAgent(t, '教育局', 'jy-01'),
  };
  const viewer = await tokenFor(t, 'viewer', finance);
  return { t, admin, viewer, ids: { city, finance, office, education }, machines };
}

/** One admin API request under /api/v1. */
export function call(t: TestApp, token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Everything a unit, person or move write could change, read through a second connection. */
export function snapshotDb(dbFile: string): Record<string, unknown> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const all = (sql: string) => db.prepare(sql).all();
    return {
      units: all('SELECT * FROM units ORDER BY id'),
      people: all('SELECT * FROM unit_people ORDER BY id'),
      moves: all('SELECT * FROM machine_moves ORDER BY id'),
      agents: all('SELECT id, unit_id FROM agents ORDER BY id'),
      audit: all('SELECT * FROM audit_log ORDER BY id'),
      meta: all('SELECT * FROM meta ORDER BY key'),
    };
  } finally {
    db.close();
  }
}

/** The newest audit entry, its detail parsed. */
export function lastAudit(dbFile: string): { actor: string; action: string; target: string | null; detail: Record<string, unknown> | null } {
  const db = new Database(dbFile, { readonly: true });
  try {
    const r = db.prepare('SELECT actor, action, target, detail_json FROM audit_log ORDER BY id DESC LIMIT 1').get() as {
      actor: string;
      action: string;
      target: string | null;
      detail_json: string | null;
    };
    return { actor: r.actor, action: r.action, target: r.target, detail: r.detail_json === null ? null : JSON.parse(r.detail_json) };
  } finally {
    db.close();
  }
}
