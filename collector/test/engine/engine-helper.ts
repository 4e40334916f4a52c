import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { assertValid, Verdict, type Activation, type Category, type Finding, type Snapshot, type SoftwareItem } from '@zhengban/shared';
import { VerdictHistory, type VerdictRecord } from '../../src/schema/history.js';
import { windows } from '../classify/builders.js';
import { T0, enrolledAgent, postSnapshot, type TestAgent } from '../helper.js';
import { call, licenceApp, type LicenceTestApp } from '../licences/licence-helper.js';

/**
 * The verdict engine through the real app: 市政府 with 财政局 (预算科 below it) and
 * 教育局; machines enroll into a unit by name and report signed snapshots.
 */
export type EngineApp = LicenceTestApp;
export const engineApp = licenceApp;
export { call };

const seqs = new Map<string, number>();
const sent = new Map<string, string[]>();

/** A machine enrolled in the unit, its first sight at the test clock's time. */
export async function machine(t: EngineApp, unit: string, hostname: string): Promise<TestAgent> {
  return enrolledAgent(t, unit, hostname);
}

/** Moves the clock: machines are queued for seats by when they were first seen. */
export function at(t: EngineApp, minutes: number): void {
  t.clock.now = new Date(T0.getTime() + minutes * 60_000);
}

/** Posts the snapshot with the agent's next seq and returns the verdict it got, checked. */
export async function report(t: EngineApp, agent: TestAgent, s: Snapshot): Promise<Verdict> {
  const seq = (seqs.get(agent.agentId) ?? 0) + 1;
  seqs.set(agent.agentId, seq);
  const res = await postSnapshot(t, agent, { ...s, agentId: agent.agentId, seq, collectedAt: t.clock.now.toISOString() });
  expect(res.statusCode, res.body).toBe(202);
  const verdict = (res.json() as { verdict: Verdict }).verdict;
  checkVerdict(verdict);
  // A snapshot that repeats the state the verdict was judged from, under the same rules,
  // is answered with that verdict, which names the snapshot it was judged from.
  const mine = [...(sent.get(agent.agentId) ?? []), s.snapshotId];
  sent.set(agent.agentId, mine);
  expect(mine).toContain(verdict.snapshotId);
  return verdict;
}

/** Valid against the shared schema; every finding names the snapshot and the facts it rests on. */
export function checkVerdict(v: Verdict): void {
  assertValid(Verdict, v, 'the verdict');
  expect(v.findings.length).toBeGreaterThan(0);
  for (const f of v.findings) {
    expect(f.snapshotId, `${f.code} ${f.subject}`).toBe(v.snapshotId);
    expect(f.facts.length, `${f.code} ${f.subject}`).toBeGreaterThan(0);
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.messageZh).toMatch(/[\u4e00-\u9fff]/);
  }
}

/** The machine's verdict history, newest first, every verdict checked. */
export async function history(t: EngineApp, id: string, token = t.admin): Promise<VerdictRecord[]> {
  const res = await call(t, 'GET', `/machines/${id}/verdicts`, token);
  expect(res.statusCode, res.body).toBe(200);
  const body = assertValid(VerdictHistory, res.json(), 'the verdict history');
  for (const r of body.verdicts) checkVerdict(r.verdict);
  return body.verdicts;
}

/** The latest verdict, as the history has it. */
export async function latest(t: EngineApp, id: string): Promise<VerdictRecord> {
  const [first] = await history(t, id);
  if (!first) throw new Error(`machine ${id} has no verdict`);
  return first;
}

/** The registry's finding about a category's product: the one that quotes a licence or the lack of one. */
export function entitlement(v: Verdict, category: Category, subject?: string): Finding {
  const f = v.findings.find(
    (x) => x.category === category && (subject === undefined || x.subject === subject) && x.facts.some((s) => /^(licence|entitlement) = /.test(s)),
  );
  if (!f) throw new Error(`no ${category} entitlement finding in ${JSON.stringify(v.findings.map((x) => [x.category, x.code, x.subject]))}`);
  return f;
}

export const codes = (v: Verdict, category?: Category): string[] => v.findings.filter((f) => category === undefined || f.category === category).map((f) => f.code);

/** Windows 10 Pro, activated (Retail unless told), with LibreOffice and Defender: licensed once its OS is covered. */
export function winPro(activation: Partial<Activation> = {}, software: SoftwareItem[] = []): Snapshot {
  const s = windows(activation);
  s.office = [
    { name: 'LibreOffice 7.6', vendor: 'The Document Foundation', version: '7.6.4.1', source: 'registry:HKLM', activation: { state: 'not-applicable' } },
  ];
  s.antivirus = [{ name: 'Windows Defender', enabled: true, upToDate: true, source: 'wmi:SecurityCenter2' }];
  s.software = software;
  return s;
}

/** The machine switched to Debian: no Windows, no commercial product. */
export function debianBox(): Snapshot {
  const s = winPro();
  s.agent.platform = 'linux';
  s.os = { family: 'linux', name: 'Debian GNU/Linux 12 (bookworm)', id: 'debian', arch: 'x64', activation: { state: 'not-applicable' } };
  s.antivirus = [{ name: 'ClamAV', version: '1.0.7', enabled: true, upToDate: true, source: 'systemd:clamav-daemon' }];
  s.software = [{ name: 'bash', version: '5.2.15-2+b7', source: 'dpkg' }];
  return s;
}

/** 迅雷, which the tests put on deny and allow lists. */
export const XUNLEI: SoftwareItem = { name: '迅雷 11', version: '11.4.8.2072', publisher: '深圳市迅雷网络技术有限公司', source: 'registry:HKLM', scope: 'machine' };

export const PHOTOSHOP: SoftwareItem = { name: 'Adobe Photoshop 2024', version: '25.0.0', publisher: 'Adobe Inc.', source: 'registry:HKLM', scope: 'machine' };

/** Straight from the file through a second connection. */
export function dbValue<T>(t: EngineApp, sql: string, ...params: unknown[]): T {
  const db = new Database(t.dbFile, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}

export const verdictRows = (t: EngineApp): number => dbValue<{ n: number }>(t, 'SELECT count(*) AS n FROM verdicts').n;
export const rejudgePending = (t: EngineApp): string => dbValue<{ value: string }>(t, "SELECT value FROM meta WHERE key = 'rejudge_pending'").value;

/** Creates a licence through the API; the response carries what the re-judge did. */
export async function buy(t: EngineApp, body: Record<string, unknown>) {
  const res = await call(t, 'POST', '/licences', t.admin, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { licence: { id: number; allocated: number }; rejudged: { machines: number; changed: number; statusChanged: number; ms: number } };
}
