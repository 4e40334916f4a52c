import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolledAgent, postSnapshot, snapshotOf, type TestAgent } from '../helper.js';
import { newTool } from '../catalog-admin/products.js';
import { registryFixture, type RegistryFixture } from '../lists/fixture.js';

let f: RegistryFixture;
beforeEach(async () => {
  f = await registryFixture();
});
afterEach(() => f.t.close());

/** A crack tool the built-in catalog does not know, added by a catalog change. */
const tool = newTool();
const observations = {
  services: [{ name: 'XyzKmsSvc', path: 'C:\\XYZ\\svc.exe', state: 'Running' }],
  tasks: [],
  processes: [],
  files: [],
  registry: [],
};

async function report(agent: TestAgent, withTool: boolean): Promise<string> {
  const snap = snapshotOf(agent, 1, withTool ? { observations } : {});
  const res = await postSnapshot(f.t, agent, snap);
  expect(res.statusCode, res.body).toBe(202);
  return snap.snapshotId;
}

const verdictOf = async (agent: TestAgent) => (await f.call('GET', `/machines/${agent.agentId}`, f.admin)).json().verdict;

describe('a re-judge after a catalog change', () => {
  it('assesses machines in the same state once between them, each verdict naming its own snapshot', async () => {
    const same = [await enrolledAgent(f.t, '财政局', 'pc-a'), await enrolledAgent(f.t, '财政局', 'pc-b'), await enrolledAgent(f.t, '财政局', 'pc-c')];
    const other = await enrolledAgent(f.t, '财政局', 'pc-d');
    const elsewhere = await enrolledAgent(f.t, '教育局', 'pc-e');
    const snapshots = new Map<string, string>();
    for (const a of [...same, elsewhere]) snapshots.set(a.agentId, await report(a, true));
    snapshots.set(other.agentId, await report(other, false));
    const res = await f.call('POST', '/catalog/products', f.admin, tool);
    expect(res.statusCode, res.body).toBe(201);
    for (const a of [...same, elsewhere]) {
      const v = await verdictOf(a);
      expect(v.status).toBe('unauthorized');
      expect(new Set(v.findings.map((x: { snapshotId: string }) => x.snapshotId))).toEqual(new Set([snapshots.get(a.agentId)]));
      const crack = v.findings.find((x: { subject: string }) => x.subject === 'XYZ Activator');
      expect(crack?.snapshotId).toBe(snapshots.get(a.agentId));
    }
    expect((await verdictOf(other)).findings.some((x: { subject: string }) => x.subject === 'XYZ Activator')).toBe(false);
  });
});
