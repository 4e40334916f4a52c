import { bundleText } from '@zhengban/shared';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SoftwareItem } from '@zhengban/shared';
import { buildApp } from '../../src/app.js';
import { openStore } from '../../src/store/open.js';
import { hashToken, newToken } from '../../src/service/tokens.js';
import { windows } from '../classify/builders.js';
import { T0, enrolledAgent, postSnapshot, snapshotOf, tempDir, testApp, type TestAgent, type TestApp } from '../helper.js';
import { send, signIn, type BrowserSession, type Credential, type Req } from './requests.js';
import { createAdminToken } from '../../src/service/token-service.js';

/**
 * The world every access test runs in: one record of each kind inside the viewer's
 * subtree and one outside it, plus records of the parent unit (also outside).
 *
 *   江南省 (province)           machine sheng-01, licence PO-SHENG
 *   ├── 甲市 (city)  ← viewer    (甲市空科: an empty unit to delete)
 *   │   └── 甲县 (county)        machine jia-01 (moved in from 甲市), person 张甲, licence PO-JIA, list entry JiaDenied
 *   └── 乙市 (city)              (乙市空科)
 *       └── 乙县 (county)        machine yi-01 (moved in from 乙市), person 李乙, licence PO-YI, list entry YiDenied
 *
 * Global: list entry GlobalAllowed, custom catalog product acme-survey, an override of libreoffice.
 */
export interface World {
  t: TestApp;
  admin: string;
  viewer: string;
  /** The viewer signed in as a browser (POST /session). */
  viewerSession: BrowserSession;
  units: { province: number; cityIn: number; countyIn: number; spareIn: number; cityOut: number; countyOut: number; spareOut: number };
  machines: { inside: TestAgent; outside: TestAgent; parent: TestAgent };
  people: { inside: number; outside: number };
  licences: { inside: number; outside: number; parent: number };
  lists: { inside: number; outside: number; global: number };
  product: string;
  overridden: string;
  /** Spot checks of 甲县 (inside) and 乙县 (outside), each of its one machine. */
  spotChecks: { inside: number; outside: number };
  /** An import of a bundle with no entries, for the import log's routes. */
  importId: number;
}

/** The viewer's two ways in: its API token as bearer, and its browser session (cookie and CSRF header). */
export const VIEWER_VIA: [string, (w: World) => Credential][] = [
  ['bearer token', (w) => w.viewer],
  ['session cookie', (w) => w.viewerSession],
];

/** Strings that appear in answers only when the record they name is shown. */
export const MARK = {
  unitsIn: ['甲市', '甲县'],
  unitsOut: ['江南省', '乙市', '乙县'],
  hostsIn: ['jia-01'],
  hostsOut: ['yi-01', 'sheng-01'],
  licencesIn: ['PO-JIA-001'],
  licencesOut: ['PO-YI-001', 'PO-SHENG-001'],
  listsIn: ['JiaDenied', 'GlobalAllowed'],
  listsOut: ['YiDenied'],
  softwareIn: ['Jia Drafting Suite'],
  softwareOut: ['Yi Drafting Suite', 'Sheng Drafting Suite'],
} as const;

async function tokenFor(t: TestApp, role: 'admin' | 'viewer', unitId: number | null): Promise<string> {
  const secret = newToken('admin');
  await createAdminToken(t.store, { tokenHash: hashToken(secret), role, unitId, createdAt: T0.toISOString(), actor: 'test' });
  return secret;
}

/** A bundle with nothing in it: an import that changes nothing but the import log. */
export const EMPTY_BUNDLE = bundleText([], { createdAt: T0.toISOString(), createdBy: 'test', network: '' });

/** One admin request that must succeed; its JSON answer. */
async function must<T>(t: TestApp, token: string, req: Req, status = 201): Promise<T> {
  const res = await send(t, req, token);
  if (res.statusCode !== status) throw new Error(`world: ${req.method} ${req.url} answered ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const software = (prefix: string, version: string, extra: boolean): SoftwareItem[] => [
  { name: `${prefix} Drafting Suite`, version, publisher: `${prefix} Soft Co`, source: 'registry:HKLM' },
  ...(extra ? [{ name: `${prefix} Viewer`, version: '1.0', publisher: `${prefix} Soft Co`, source: 'registry:HKLM' }] : []),
];

/**
 * Enrolled, moved (when `movedTo`), and reporting twice with different software, so it
 * has moves, software changes and verdict history.
 */
async function machine(w: Pick<World, 't' | 'admin'>, unit: string, hostname: string, prefix: string, movedTo?: number): Promise<TestAgent> {
  const agent = await enrolledAgent(w.t, unit, hostname);
  // Windows 10 Pro, so the Windows licences below are allocated and findings name them.
  const { os, agent: info } = windows();
  const facts = { machine: { hostname, chassis: 'desktop' as const }, os, agent: info };
  const first = await postSnapshot(w.t, agent, snapshotOf(agent, 1, { ...facts, software: software(prefix, '1.0', false) }));
  if (first.statusCode >= 300) throw new Error(`world: snapshot of ${hostname}: ${first.statusCode} ${first.body}`);
  if (movedTo !== undefined) await must(w.t, w.admin, { method: 'POST', url: `/api/v1/machines/${agent.agentId}/move`, body: { unitId: movedTo, reason: '调岗' } });
  w.t.clock.now = new Date(w.t.clock.now.getTime() + 3_600_000);
  const second = await postSnapshot(w.t, agent, { ...snapshotOf(agent, 2, { ...facts, software: software(prefix, '2.0', true) }), collectedAt: w.t.clock.now.toISOString() });
  if (second.statusCode >= 300) throw new Error(`world: second snapshot of ${hostname}: ${second.statusCode} ${second.body}`);
  return agent;
}

/** A licence with its document and a purchase event. */
async function licence(t: TestApp, admin: string, unitId: number, purchaseOrder: string): Promise<number> {
  const body = { productId: 'windows', edition: 'pro', model: 'oem', seats: 10, unitId, purchaseOrder, vendor: '联想', validFrom: '2026-01-01' };
  const id = (await must<{ licence: { id: number } }>(t, admin, { method: 'POST', url: '/api/v1/licences', body })).licence.id;
  const doc = { fileName: `${purchaseOrder}.txt`, mediaType: 'text/plain', contentBase64: Buffer.from(`授权文本 ${purchaseOrder}`).toString('base64') };
  await must(t, admin, { method: 'PUT', url: `/api/v1/licences/${id}/document`, body: doc }, 200);
  await must(t, admin, { method: 'POST', url: `/api/v1/licences/${id}/events`, body: { kind: 'purchase', date: '2026-01-01', notes: purchaseOrder } });
  return id;
}

export async function buildWorld(): Promise<World> {
  // Every route is asked with no token and a bad one: far more failures than a real client's budget.
  const t = await testApp({ authFailures: { max: 1_000_000, windowMs: 60_000 } });
  const admin = await tokenFor(t, 'admin', null);
  const unit = async (name: string, parentId: number | null, kind: string) =>
    (await must<{ unit: { id: number } }>(t, admin, { method: 'POST', url: '/api/v1/units', body: { name, parentId, kind } })).unit.id;
  const province = await unit('江南省', null, 'province');
  const cityIn = await unit('甲市', province, 'city');
  const cityOut = await unit('乙市', province, 'city');
  const units = {
    province,
    cityIn,
    countyIn: await unit('甲县', cityIn, 'county'),
    spareIn: await unit('甲市空科', cityIn, 'department'),
    cityOut,
    countyOut: await unit('乙县', cityOut, 'county'),
    spareOut: await unit('乙市空科', cityOut, 'department'),
  };
  const w = { t, admin };
  const machines = {
    inside: await machine(w, '甲市', 'jia-01', 'Jia', units.countyIn),
    outside: await machine(w, '乙市', 'yi-01', 'Yi', units.countyOut),
    parent: await machine(w, '江南省', 'sheng-01', 'Sheng'),
  };
  const person = async (unitId: number, name: string) =>
    (await must<{ person: { id: number } }>(t, admin, { method: 'POST', url: `/api/v1/units/${unitId}/people`, body: { role: 'contact', name, phone: '0571-87000001' } })).person.id;
  const people = { inside: await person(units.countyIn, '张甲'), outside: await person(units.countyOut, '李乙') };
  const licences = {
    inside: await licence(t, admin, units.countyIn, 'PO-JIA-001'),
    outside: await licence(t, admin, units.countyOut, 'PO-YI-001'),
    parent: await licence(t, admin, units.province, 'PO-SHENG-001'),
  };
  const entry = async (list: 'deny' | 'allow', name: string, unitId: number | null) =>
    (await must<{ entry: { id: number } }>(t, admin, { method: 'POST', url: '/api/v1/lists', body: { list, name, unitId, reason: `${name} reason` } })).entry.id;
  const lists = {
    inside: await entry('deny', 'JiaDenied', units.countyIn),
    outside: await entry('deny', 'YiDenied', units.countyOut),
    global: await entry('allow', 'GlobalAllowed', null),
  };
  const product = 'acme-survey';
  await must(t, admin, {
    method: 'POST',
    url: '/api/v1/catalog/products',
    body: {
      id: product,
      name: 'Acme Survey',
      nameZh: '阿克米测绘',
      category: 'other',
      vendor: 'Acme Geomatics',
      domestic: true,
      licence: 'commercial',
      rules: [{ id: 'acme-survey/name', on: 'software', name: '^Acme Survey\\b' }],
    },
  });
  const overridden = 'libreoffice';
  await must(t, admin, { method: 'PUT', url: `/api/v1/catalog/products/${overridden}/override`, body: { notes: 'local builds' } }, 200);
  const { importId } = await must<{ importId: number }>(t, admin, { method: 'POST', url: '/api/v1/imports', body: EMPTY_BUNDLE, contentType: 'application/x-ndjson' }, 200);
  const spotCheck = async (unit: string) => (await must<{ id: number }>(t, admin, { method: 'POST', url: '/api/v1/spot-checks', body: { unit, ratio: 1, seed: 'world' } })).id;
  const spotChecks = { inside: await spotCheck('甲县'), outside: await spotCheck('乙县') };
  const viewer = await tokenFor(t, 'viewer', cityIn);
  const viewerSession = await signIn(t, viewer);
  return { t, admin, viewer, viewerSession, units, machines, people, licences, lists, product, overridden, importId, spotChecks };
}

/**
 * The same world on a copy of its database, for a test that changes it: building a
 * world takes a few hundred milliseconds, copying it a few. Tokens and agent keys are
 * the same, since they live in the copied rows and in `w`.
 */
export async function copyOfWorld(w: World): Promise<World> {
  const { dir, cleanup } = tempDir();
  const dbFile = join(dir, 'zhengban.db');
  const source = new Database(w.t.dbFile, { readonly: true });
  try {
    source.prepare('VACUUM INTO ?').run(dbFile);
  } finally {
    source.close();
  }
  const store = openStore(dbFile);
  const clock = { now: w.t.clock.now };
  const app = await buildApp({ store, now: () => clock.now, authFailures: { max: 1_000_000, windowMs: 60_000 } });
  const close = async () => {
    await app.close();
    cleanup();
  };
  return { ...w, t: { app, store, dbFile, clock, close } };
}
