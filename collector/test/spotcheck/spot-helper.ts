import type { Chassis, Snapshot } from '@zhengban/shared';
import type { SpotCheckView } from '../../src/schema/spot-checks.js';
import { debian, debianComplete } from '../classify/builders.js';
import { adminToken, enrolledAgent, postSnapshot, snapshotOf, testApp, type TestAgent, type TestApp } from '../helper.js';

/**
 * A county for spot checks: 青溪县 with two departments, machines of both kinds, some
 * licensed (Debian with LibreOffice and ClamAV) and some not (no antivirus).
 *
 *   青溪县          qx-01, qx-02 (desktops)
 *   ├── 财政局      czj-01…czj-06 (desktops; czj-01 and czj-02 unauthorized), czj-l1, czj-l2 (laptops)
 *   └── 教育局      jyj-01…jyj-04 (desktops; jyj-01 unauthorized)
 */
export interface County {
  t: TestApp;
  admin: string;
  units: { county: number; finance: number; education: number };
  agents: Map<string, TestAgent>;
  /** Each agent's next seq. */
  seq: Map<string, number>;
}

const UNAUTHORIZED = new Set(['czj-01', 'czj-02', 'jyj-01']);

export function snapshotFor(hostname: string, chassis: Chassis, licensed: boolean): Partial<Snapshot> {
  const { os, office, antivirus } = licensed ? debianComplete() : debian();
  return { os, office, antivirus, machine: { hostname, chassis, serial: `SN-${hostname}`, hardwareUuid: `uuid-${hostname}`, machineId: `mid-${hostname}` } };
}

export async function api(t: TestApp, token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });
}

/** Posts the machine's next snapshot (its seq moves on), at the test clock's time. */
export async function report(c: County, hostname: string, changes: Partial<Snapshot>): Promise<void> {
  const agent = c.agents.get(hostname)!;
  const seq = c.seq.get(hostname)!;
  const res = await postSnapshot(c.t, agent, { ...snapshotOf(agent, seq, changes), collectedAt: c.t.clock.now.toISOString() });
  if (res.statusCode >= 300) throw new Error(`snapshot of ${hostname}: ${res.statusCode} ${res.body}`);
  c.seq.set(hostname, seq + 1);
}

export async function county(): Promise<County> {
  const t = await testApp();
  const admin = await adminToken(t.store);
  const unit = async (name: string, parentId: number | null, kind: string) => {
    const res = await api(t, admin, 'POST', '/units', { name, parentId, kind });
    if (res.statusCode !== 201) throw new Error(`unit ${name}: ${res.body}`);
    return (res.json() as { unit: { id: number } }).unit.id;
  };
  const countyId = await unit('青溪县', null, 'county');
  const units = { county: countyId, finance: await unit('财政局', countyId, 'department'), education: await unit('教育局', countyId, 'department') };
  const c: County = { t, admin, units, agents: new Map(), seq: new Map() };
  const machines: [string, string, Chassis][] = [
    ['青溪县', 'qx-01', 'desktop'],
    ['青溪县', 'qx-02', 'desktop'],
    ...[1, 2, 3, 4, 5, 6].map((i): [string, string, Chassis] => ['财政局', `czj-0${i}`, 'desktop']),
    ['财政局', 'czj-l1', 'laptop'],
    ['财政局', 'czj-l2', 'laptop'],
    ...[1, 2, 3, 4].map((i): [string, string, Chassis] => ['教育局', `jyj-0${i}`, 'desktop']),
  ];
  for (const [unitName, hostname, chassis] of machines) {
    c.agents.set(hostname, await enrolledAgent(t, unitName, hostname));
    c.seq.set(hostname, 1);
    await report(c, hostname, snapshotFor(hostname, chassis, !UNAUTHORIZED.has(hostname)));
  }
  return c;
}

export async function create(c: County, body: object): Promise<SpotCheckView> {
  const res = await api(c.t, c.admin, 'POST', '/spot-checks', body);
  if (res.statusCode !== 201) throw new Error(`spot check: ${res.statusCode} ${res.body}`);
  return res.json() as SpotCheckView;
}

export async function view(c: County, id: number): Promise<SpotCheckView> {
  return (await api(c.t, c.admin, 'GET', `/spot-checks/${id}`)).json() as SpotCheckView;
}
