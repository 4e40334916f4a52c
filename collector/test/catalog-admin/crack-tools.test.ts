import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolledAgent, postSnapshot, snapshotOf, type TestAgent } from '../helper.js';
import { registryFixture, type RegistryFixture } from '../lists/fixture.js';
import { newTool } from './products.js';

let f: RegistryFixture;
let agent: TestAgent;
beforeEach(async () => {
  f = await registryFixture();
  agent = await enrolledAgent(f.t, '财政局');
});
afterEach(() => f.t.close());

const observed = {
  services: [{ name: 'XyzKmsSvc', path: 'C:\\Program Files\\XYZ Activator\\svc.exe', state: 'Running' }],
  tasks: [],
  processes: [],
  files: [{ path: 'C:\\Program Files\\XYZ Activator', kind: 'folder' as const }],
  registry: [],
};

const status = async () => (await f.call('GET', `/machines/${agent.agentId}`, f.admin)).json().verdict.status as string;

describe('a crack tool is one catalog entry', () => {
  it('added, it judges every stored machine again from its stored observations: the PC with its traces is no longer licensed', async () => {
    expect((await postSnapshot(f.t, agent, snapshotOf(agent, 1, { observations: observed }))).statusCode).toBe(202);
    const before = await status();
    const res = await f.call('POST', '/catalog/products', f.admin, newTool());
    expect(res.statusCode).toBe(201);
    expect(res.json().rejudged).toMatchObject({ machines: 1, statusChanged: before === 'unauthorized' ? 0 : 1 });
    const detail = (await f.call('GET', `/machines/${agent.agentId}`, f.admin)).json();
    expect(detail.verdict.status).toBe('unauthorized');
    const crack = detail.verdict.findings.find((x: { code: string }) => x.code === 'crack-activator');
    expect(crack).toMatchObject({ category: 'os', subject: 'XYZ Activator' });
    expect(crack.message).toContain('service XyzKmsSvc (Running) C:\\Program Files\\XYZ Activator\\svc.exe; folder C:\\Program Files\\XYZ Activator');
    expect(crack.facts).toContain('catalog.product = xyz-activator (rule xyz-activator/service)');
    const history = (await f.call('GET', `/machines/${agent.agentId}/verdicts`, f.admin)).json().verdicts;
    expect(history[0]).toMatchObject({ trigger: 'catalog' });
  });

  it('the catalog check answers for traces too', async () => {
    await f.call('POST', '/catalog/products', f.admin, newTool());
    const res = await f.call('POST', '/catalog/check', f.admin, { on: 'service', name: 'XyzKmsSvc' });
    expect(res.json().recognised).toMatchObject({ productId: 'xyz-activator', ruleId: 'xyz-activator/service', licence: 'crack-tool' });
    const host = await f.call('POST', '/catalog/check', f.admin, { on: 'kms-host', name: 'kms.03k.org' });
    expect(host.json().recognised).toMatchObject({ productId: 'mas-online-kms' });
  });

  it.each([
    ['trace rules on a product that is not a crack tool', newTool({ licence: 'commercial' }), /only a crack-tool product has rules on traces/],
    ['a crack tool filed under antivirus', newTool({ category: 'antivirus' }), /os or office, not antivirus/],
  ])('refuses %s with 400 E_CATALOG_RULE, writing nothing', async (_what, product, message) => {
    const res = await f.call('POST', '/catalog/products', f.admin, product);
    expect([res.statusCode, res.json().code]).toEqual([400, 'E_CATALOG_RULE']);
    expect(res.json().message).toMatch(message);
    expect(f.count('catalog_entries')).toBe(0);
  });

  it('refuses a licence for a crack tool, and a KMS licence naming a crack tool\'s public server', async () => {
    const tool = await f.call('POST', '/licences', f.admin, { productId: 'kmspico', model: 'retail', seats: 1, unitId: f.units.finance });
    expect([tool.statusCode, tool.json().code]).toEqual([400, 'E_INVALID']);
    expect(tool.json().message).toMatch(/KMSpico is a crack tool/);
    const host = await f.call('POST', '/licences', f.admin, { productId: 'windows', model: 'kms', kmsHosts: ['kms.03k.org'], seats: null, unitId: f.units.finance });
    expect([host.statusCode, host.json().code]).toEqual([400, 'E_INVALID']);
    expect(host.json().message).toMatch(/kms\.03k\.org is a KMS server of Microsoft Activation Scripts/);
    // A private address an activator also likes can be the organisation's own KMS.
    const own = await f.call('POST', '/licences', f.admin, { productId: 'windows', model: 'kms', kmsHosts: ['172.16.0.2'], seats: null, unitId: f.units.finance });
    expect(own.statusCode).toBe(201);
  });
});
