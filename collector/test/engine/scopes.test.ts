import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowsPro } from '../licences/licence-helper.js';
import { buy, call, codes, engineApp, entitlement, history, latest, machine, report, winPro, XUNLEI, type EngineApp } from './engine-helper.js';

let t: EngineApp;
beforeEach(async () => {
  t = await engineApp();
});
afterEach(async () => {
  await t.close();
});

const OEM = { channel: 'OEM:DM' };

describe('scopes: units, lists and KMS trust', () => {
  it('re-judges the machines of a unit moved under another parent: its licences and scoped list entries now apply', async () => {
    await buy(t, windowsPro(t.units.finance));
    await call(t, 'POST', '/lists', t.admin, { list: 'deny', name: '^迅雷', unitId: t.units.finance, reason: '财政系统禁用下载工具' });
    const pc = await machine(t, '教育局', 'jyj-01');
    const v = await report(t, pc, winPro({}, [XUNLEI]));
    expect(entitlement(v, 'os').code).toBe('no-entitlement');
    expect(codes(v, 'other')).toEqual([]);

    const res = await call(t, 'PATCH', `/units/${t.units.education}`, t.admin, { parentId: t.units.finance });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rejudged).toMatchObject({ changed: 1 });
    const [now] = await history(t, pc.agentId);
    expect(now!.trigger).toBe('unit');
    expect(entitlement(now!.verdict, 'os').code).toBe('licensed');
    expect(codes(now!.verdict, 'other')).toEqual(['denied-software']);
  });

  it('lets the entry closest to the machine decide, and a deny win a tie', async () => {
    const budget = await machine(t, '预算科', 'ysk-01');
    const education = await machine(t, '教育局', 'jyj-01');
    await report(t, budget, winPro(OEM, [XUNLEI]));
    await report(t, education, winPro(OEM, [XUNLEI]));
    await call(t, 'POST', '/lists', t.admin, { list: 'deny', name: '^迅雷', reason: '全市禁用' });
    expect(codes((await latest(t, budget.agentId)).verdict, 'other')).toEqual(['denied-software']);

    await call(t, 'POST', '/lists', t.admin, { list: 'allow', name: '^迅雷', unitId: t.units.finance, reason: '财政局批准使用' });
    expect(codes((await latest(t, budget.agentId)).verdict, 'other')).toEqual([]);
    expect(codes((await latest(t, education.agentId)).verdict, 'other')).toEqual(['denied-software']);

    await call(t, 'POST', '/lists', t.admin, { list: 'deny', name: '迅雷', unitId: t.units.finance, reason: '财政局又禁用了' });
    const [now] = await history(t, budget.agentId);
    expect(codes(now!.verdict, 'other')).toEqual(['denied-software']);
    expect(now!.verdict.findings.find((f) => f.code === 'denied-software')!.message).toContain('财政局又禁用了');
  });

  it('stops trusting a KMS host when its licence is deleted', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    const kms = { channel: 'Volume:GVLK', kmsHost: 'kms.czj.gov.cn', graceRemainingMinutes: 250_000 };
    await report(t, pc, winPro(kms));
    const { licence } = await buy(t, windowsPro(t.units.finance, { model: 'kms', kmsHosts: ['kms.czj.gov.cn'], seats: null }));
    expect(codes((await latest(t, pc.agentId)).verdict, 'os')).toEqual(['licensed', 'licensed']);
    // A licence of another product does not disturb it.
    await buy(t, { productId: 'autocad', model: 'retail', seats: 1, unitId: t.units.finance });
    expect(await history(t, pc.agentId)).toHaveLength(2);

    await call(t, 'DELETE', `/licences/${licence.id}`, t.admin);
    const [now] = await history(t, pc.agentId);
    expect(now!.trigger).toBe('licence');
    expect(codes(now!.verdict, 'os')).toEqual(['untrusted-kms', 'no-entitlement']);
  });
});
