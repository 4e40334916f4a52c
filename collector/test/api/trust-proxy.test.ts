import { afterEach, describe, expect, it } from 'vitest';
import { enrolledAgent, postSnapshot, snapshotOf, T0, testApp, type TestApp } from '../helper.js';

let t: TestApp;
afterEach(() => t.close());

const lastIp = async (agentId: string) => (await t.store.read.machines.get(agentId, { staleBefore: T0.toISOString() }))?.ip;

describe('serve --trust-proxy', () => {
  it('takes the client from X-Forwarded-For when the peer is a load balancer it names', async () => {
    t = await testApp({ trustProxy: ['127.0.0.1'] });
    const agent = await enrolledAgent(t);
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1), { headers: { 'x-forwarded-for': '10.1.2.3' } })).statusCode).toBe(202);
    expect(await lastIp(agent.agentId)).toBe('10.1.2.3');
  });

  it('ignores X-Forwarded-For from any other peer, as by default', async () => {
    t = await testApp();
    const agent = await enrolledAgent(t);
    expect((await postSnapshot(t, agent, snapshotOf(agent, 1), { headers: { 'x-forwarded-for': '10.1.2.3' } })).statusCode).toBe(202);
    expect(await lastIp(agent.agentId)).toBe('127.0.0.1');
  });
});
