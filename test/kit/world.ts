import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_PREFIX, generateKeyPair, HEADER_AGENT, HEADER_SIGNATURE, signBytes, type KitFile, type Snapshot, type Verdict } from '@zhengban/shared';
import type { HostFacts } from '../../agent/src/collectors/host.js';
import { buildSnapshot } from '../../agent/src/snapshot/build.js';
import { buildApp, type App } from '../../collector/src/app.js';
import { catalogProvider } from '../../collector/src/catalog/provider.js';
import { judgingNow } from '../../collector/src/kit/judging-now.js';
import { makeKit, newKitId } from '../../collector/src/kit/make-kit.js';
import { registerInspector } from '../../collector/src/service/inspector-service.js';
import { hashToken, newToken } from '../../collector/src/service/tokens.js';
import type { Inspector } from '../../collector/src/store/inspector-types.js';
import { openStore } from '../../collector/src/store/open.js';
import type { Store } from '../../collector/src/store/store.js';
import { createAdminToken, createEnrollmentToken } from '../../collector/src/service/token-service.js';

// A collector whose judging a kit must carry whole: units two deep, licences at both
// (a site licence above, seats and a KMS licence at the unit), a custom product and an
// override of a built-in one, a deny entry scoped to the unit and a global allow entry,
// and trusted KMS hosts given as to serve. The kit tests judge against it.

export const NOW = new Date('2026-11-20T08:00:00.000Z');
export const UNIT = '财政局';
export const TRUSTED_KMS = ['kms.czj.gov.example.cn', '10.12.0.5'];

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** What a recorded Windows PC does not say is pinned, so results compare anywhere. */
const HOST: HostFacts = { hostname: 'fixture-host', kernel: '10.0.19045', arch: 'x86_64', cpuCores: 4, memoryBytes: 8 * 1024 ** 3, macAddresses: [] };

/** A recorded PC of test/fixtures (`windows/<case>`, `linux-cases/<case>` …) as the kit's agent scans it. */
export function fixtureSnapshot(name: string): Promise<Snapshot> {
  return buildSnapshot({ agentId: null, seq: 0, now: NOW, host: HOST, from: join(FIXTURES, name) });
}

export interface World {
  app: App;
  store: Store;
  dir: string;
  dbFile: string;
  unitId: number;
  close(): Promise<void>;
}

async function call(app: App, admin: string, method: 'POST' | 'PUT', url: string, payload: object): Promise<{ id?: number }> {
  const res = await app.inject({ method, url: `${API_PREFIX}${url}`, headers: { authorization: `Bearer ${admin}` }, payload });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  const body = res.json() as Record<string, { id?: number } | undefined>;
  return body.unit ?? body.licence ?? body.entry ?? body.product ?? {};
}

export async function world(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'zhengban-kit-'));
  const dbFile = join(dir, 'zhengban.db');
  const store = openStore(dbFile);
  const app = await buildApp({ store, now: () => NOW, policy: { trustedKmsHosts: TRUSTED_KMS } });
  const admin = newToken('admin');
  await createAdminToken(store, { tokenHash: hashToken(admin), role: 'admin', unitId: null, createdAt: NOW.toISOString(), actor: 'test' });
  const city = (await call(app, admin, 'POST', '/units', { name: '市政府' })).id!;
  const unitId = (await call(app, admin, 'POST', '/units', { name: UNIT, parentId: city })).id!;
  await call(app, admin, 'POST', '/licences', { productId: 'windows', model: 'site', seats: null, unitId: city });
  await call(app, admin, 'POST', '/licences', { productId: 'ms-office', model: 'retail', seats: 500, unitId });
  await call(app, admin, 'POST', '/licences', { productId: 'ms-office', model: 'kms', seats: null, unitId, kmsHosts: ['kms.licensed.example.cn'] });
  await call(app, admin, 'POST', '/catalog/products', {
    id: 'chrome-paid', name: 'Google Chrome (paid here)', nameZh: '谷歌浏览器（本地收费）', category: 'other', vendor: 'Google', domestic: false,
    licence: 'commercial', rules: [{ id: 'chrome-paid/name', on: 'software', name: '^Google Chrome$' }],
  });
  await call(app, admin, 'PUT', '/catalog/products/huorong/override', { licence: 'free-for-orgs', notes: 'bought for the whole city' });
  await call(app, admin, 'POST', '/lists', { list: 'deny', name: '^钉钉$', unitId, reason: 'not approved in this unit' });
  await call(app, admin, 'POST', '/lists', { list: 'allow', name: '^Adobe Acrobat Reader', reason: 'reviewed' });
  return {
    app, store, dir, dbFile, unitId,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A machine enrolled in the unit, its snapshot posted as the agent posts it: the collector's verdict. */
export async function collectorVerdict(w: World, snapshot: Snapshot): Promise<{ agentId: string; verdict: Verdict }> {
  const token = newToken('enrollment');
  await createEnrollmentToken(w.store, { tokenHash: hashToken(token), unitName: UNIT, createdAt: NOW.toISOString(), expiresAt: new Date(NOW.getTime() + 86_400_000).toISOString(), maxUses: 1, actor: 'test' });
  const keys = generateKeyPair();
  const enrolled = await w.app.inject({ method: 'POST', url: `${API_PREFIX}/enroll`, payload: { token, publicKey: keys.publicKeyPem, hostname: snapshot.machine.hostname } });
  if (enrolled.statusCode !== 201) throw new Error(`enroll: ${enrolled.body}`);
  const { agentId } = enrolled.json() as { agentId: string };
  const bytes = Buffer.from(JSON.stringify({ ...snapshot, agentId, seq: 1 }), 'utf8');
  const res = await w.app.inject({
    method: 'POST', url: `${API_PREFIX}/snapshots`, payload: bytes,
    headers: { 'content-type': 'application/json', [HEADER_AGENT]: agentId, [HEADER_SIGNATURE]: signBytes(bytes, keys.privateKeyPem) },
  });
  if (res.statusCode !== 202) throw new Error(`snapshot: ${res.statusCode} ${res.body}`);
  return { agentId, verdict: (res.json() as { verdict: Verdict }).verdict };
}

/** An inspector registered as kit create registers one, and its kit as kit create writes it. */
export async function kitOf(w: World, o: { unit?: string | null; spotCheckId?: number } = {}): Promise<{ inspector: Inspector; kit: KitFile; privateKeyPem: string }> {
  const unit = o.unit === undefined ? UNIT : o.unit;
  const unitId = unit === null ? null : (await w.store.read.units.findByName(unit))!.id;
  const keys = generateKeyPair();
  const inspector = await registerInspector(w.store, {
    name: '张三', publicKey: keys.publicKeyPem, kitId: newKitId(), unit, spotCheckId: o.spotCheckId === undefined ? null : String(o.spotCheckId),
    createdAt: NOW.toISOString(), actor: 'test',
  });
  const catalog = await catalogProvider(w.store)();
  const judging = await judgingNow(w.store, catalog, { unitId, trustedKmsHosts: TRUSTED_KMS });
  return { inspector, kit: makeKit(inspector, judging, catalog.version), privateKeyPem: keys.privateKeyPem };
}
