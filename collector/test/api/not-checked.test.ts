import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IngestResponse, assertValid, type Snapshot } from '@zhengban/shared';
import { MachineDetail } from '../../src/schema/machine-detail.js';
import { adminToken, enrolledAgent, postSnapshot, snapshotOf, testApp, type TestAgent, type TestApp } from '../helper.js';

let t: TestApp;
let agent: TestAgent;
beforeEach(async () => {
  t = await testApp();
  agent = await enrolledAgent(t);
});
afterEach(() => t.close());

/** A Windows PC whose scan policy refused: what systeminformation tells, and the refusal. */
function blockedScan(): Snapshot {
  return snapshotOf(agent, 1, {
    agent: { version: '0.1.0', platform: 'win32', arch: 'x64', nodeVersion: 'v20.20.2' },
    os: { family: 'windows', name: 'Microsoft Windows 10 Pro', id: 'windows', arch: 'x64', activation: { state: 'unknown', reason: 'not read', source: 'agent' } },
    software: [],
    collectionErrors: [{ source: 'windows:inventory', code: 'E_COLLECTION_BLOCKED', message: 'collection blocked by policy: powershell.exe is blocked by an AppLocker rule' }],
  });
}

describe('a scan blocked by policy, over HTTP', () => {
  it('answers and shows not-checked findings that the response schemas accept', async () => {
    const res = await postSnapshot(t, agent, blockedScan());
    expect(res.statusCode).toBe(202);
    const answer = assertValid(IngestResponse, res.json(), 'answer');
    expect(answer.verdict.status).toBe('unauthorized');

    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/machines/${agent.agentId}`, headers: { authorization: `Bearer ${await adminToken(t.store)}` } });
    expect(detail.statusCode).toBe(200);
    const m = assertValid(MachineDetail, detail.json(), 'detail');
    const notChecked = m.verdict!.findings.filter((f) => f.code === 'not-checked').map((f) => [f.category, f.subject]);
    expect(notChecked).toEqual([['os', 'Microsoft Windows 10 Pro'], ['office', 'office'], ['antivirus', 'antivirus'], ['other', 'collection']]);
    expect(m.verdict!.findings.find((f) => f.subject === 'collection')?.message).toMatch(/^Collection blocked by policy: powershell\.exe is blocked by an AppLocker rule\. /);
  });
});
