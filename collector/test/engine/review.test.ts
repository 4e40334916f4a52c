import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SoftwareItem } from '@zhengban/shared';
import { ReviewList, type ReviewItem } from '../../src/schema/lists.js';
import { assertValid } from '@zhengban/shared';
import { commitLicence } from '../../src/service/licence-service.js';
import { PHOTOSHOP, call, engineApp, history, machine, report, verdictRows, winPro, type EngineApp } from './engine-helper.js';

let t: EngineApp;
beforeEach(async () => {
  t = await engineApp();
});
afterEach(async () => {
  await t.close();
});

const sw = (name: string, over: Partial<SoftwareItem> = {}): SoftwareItem => ({ name, version: '1.0', source: 'registry:HKLM', scope: 'machine', ...over });

/** Software of a finance PC: one program for review, the rest accounted for one way or another. */
const FINANCE: SoftwareItem[] = [
  sw('用友 U8+ 客户端', { publisher: '用友网络科技股份有限公司', version: '16.0' }),
  sw('AllowedTool', { publisher: 'Allowed Ltd' }),
  sw('Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33130', { publisher: 'Microsoft Corporation' }),
  sw('Security Update for Microsoft Office 2016 (KB5002575) 64-Bit Edition', { publisher: 'Microsoft Corporation' }),
  sw('Intel(R) Graphics Driver', { publisher: 'Intel Corporation' }),
  sw('Realtek Audio Console', { systemComponent: true }),
  sw('libreoffice-core', { source: 'dpkg', version: '4:7.4.7-1' }),
  sw('python3-libs', { source: 'rpm', version: '3.9.18' }),
  PHOTOSHOP,
];

async function review(token = t.admin): Promise<{ items: ReviewItem[]; total: number }> {
  const res = await call(t, 'GET', '/review/software', token);
  expect(res.statusCode, res.body).toBe(200);
  return assertValid(ReviewList, res.json(), 'the review list');
}

describe('the review list of unrecognised software', () => {
  it('lists third-party software nothing accounts for, most widespread first, and leaves the rest out', async () => {
    const a = await machine(t, '财政局', 'czj-01');
    const b = await machine(t, '预算科', 'ysk-01');
    await report(t, a, winPro({ channel: 'OEM:DM' }, FINANCE));
    await report(t, b, winPro({ channel: 'OEM:DM' }, [sw('用友 U8+ 客户端', { publisher: '用友网络科技股份有限公司', version: '16.1' })]));
    const before = await review();
    expect(before.items.map((i) => i.name)).toEqual(['用友 U8+ 客户端', 'AllowedTool']);
    expect(before.items[0]).toMatchObject({ publisher: '用友网络科技股份有限公司', machines: 2 });
    expect([...before.items[0]!.versions].sort()).toEqual(['16.0', '16.1']);
    expect(before.total).toBe(2);

    const allow = await call(t, 'POST', '/lists', t.admin, { list: 'allow', name: '^AllowedTool$', publisher: 'Allowed', reason: '已审核' });
    expect(allow.statusCode, allow.body).toBe(201);
    expect((await review()).items.map((i) => i.name)).toEqual(['用友 U8+ 客户端']);

    const paged = await call(t, 'GET', '/review/software?limit=1&offset=1', t.admin);
    expect(paged.json()).toEqual({ items: [], total: 1 });
  });

  it('hides what the catalog learns to recognise', async () => {
    const a = await machine(t, '财政局', 'czj-01');
    await report(t, a, winPro({ channel: 'OEM:DM' }, FINANCE));
    const product = {
      id: 'yonyou-u8',
      name: 'Yonyou U8+',
      nameZh: '用友 U8+',
      category: 'other',
      vendor: 'Yonyou',
      vendorZh: '用友',
      domestic: true,
      licence: 'commercial',
      rules: [{ id: 'yonyou-u8/name', on: 'software', name: '^用友 U8' }],
    };
    const res = await call(t, 'POST', '/catalog/products', t.admin, product);
    expect(res.statusCode, res.body).toBe(201);
    expect((await review()).items.map((i) => i.name)).toEqual(['AllowedTool']);
    // …and the catalog change made it a product the registry must cover.
    const [now] = await history(t, a.agentId);
    expect(now!.trigger).toBe('catalog');
    expect(now!.verdict.findings.some((f) => f.subject === '用友 U8+ 客户端' && f.code === 'no-entitlement')).toBe(true);
  });

  it("shows a viewer only the software of its subtree's machines", async () => {
    const a = await machine(t, '预算科', 'ysk-01');
    const b = await machine(t, '教育局', 'jyj-01');
    await report(t, a, winPro({ channel: 'OEM:DM' }, [sw('财务小工具')]));
    await report(t, b, winPro({ channel: 'OEM:DM' }, [sw('教学平台客户端')]));
    expect((await review()).items.map((i) => i.name).sort()).toEqual(['教学平台客户端', '财务小工具'].sort());
    expect((await review(t.viewer)).items.map((i) => i.name)).toEqual(['财务小工具']);
    // A global allow entry counts for the viewer too.
    await call(t, 'POST', '/lists', t.admin, { list: 'allow', name: '小工具', reason: '已审核' });
    expect(await review(t.viewer)).toEqual({ items: [], total: 0 });

    // The machine outside its subtree does not exist for the viewer.
    for (const path of ['verdicts', 'changes']) {
      expect((await call(t, 'GET', `/machines/${b.agentId}/${path}`, t.viewer)).statusCode).toBe(404);
      expect((await call(t, 'GET', `/machines/${a.agentId}/${path}`, t.viewer)).statusCode).toBe(200);
    }
    expect((await call(t, 'GET', '/machines/no-such-machine/verdicts', t.admin)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/review/software' })).statusCode).toBe(401);
  });
});

describe('POST /rejudge', () => {
  it('is for admins only, and writes nothing when a viewer asks', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    await report(t, pc, winPro());
    await commitLicence(t.store, { productId: 'windows', model: 'oem', seats: 1, unitId: t.units.finance }, { actor: 'test', at: new Date().toISOString() });
    const rows = verdictRows(t);
    const refused = await call(t, 'POST', '/rejudge', t.viewer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'E_FORBIDDEN' });
    expect(verdictRows(t)).toBe(rows);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/rejudge' })).statusCode).toBe(401);

    const res = await call(t, 'POST', '/rejudge', t.admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rejudged).toMatchObject({ machines: 1, changed: 1, statusChanged: 1 });
    const [now] = await history(t, pc.agentId);
    expect(now).toMatchObject({ trigger: 'manual', triggerDetail: 'requested by token:1' });
  });
});
