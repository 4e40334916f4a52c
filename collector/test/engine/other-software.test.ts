import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SoftwareChange } from '../../src/schema/history.js';
import { PHOTOSHOP, at, buy, call, codes, engineApp, entitlement, history, latest, machine, report, winPro, XUNLEI, type EngineApp } from './engine-helper.js';

let t: EngineApp;
beforeEach(async () => {
  t = await engineApp();
});
afterEach(async () => {
  await t.close();
});

const TEAMVIEWER = { name: 'TeamViewer', version: '15.48.4', publisher: 'TeamViewer Germany GmbH', source: 'registry:HKLM', scope: 'machine' as const };
const SKETCHUP_MAKE = { name: 'SketchUp Make 2017', version: '17.2.2555', publisher: 'Trimble, Inc.', source: 'registry:HKLM', scope: 'machine' as const };
const OEM = { channel: 'OEM:DM' }; // Windows covered by itself: only the software decides

async function changes(id: string): Promise<SoftwareChange[]> {
  const res = await call(t, 'GET', `/machines/${id}/changes`, t.admin);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { changes: SoftwareChange[] }).changes;
}

describe('other software', () => {
  it('turns a deny list entry into denied-software on the machines that have the program', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    const clean = await machine(t, '财政局', 'czj-02');
    const v = await report(t, pc, winPro(OEM, [XUNLEI]));
    expect(v.status).toBe('licensed');
    await report(t, clean, winPro(OEM));

    const res = await call(t, 'POST', '/lists', t.admin, { list: 'deny', name: '^迅雷', reason: '下载工具，禁止安装' });
    expect(res.statusCode, res.body).toBe(201);
    const { entry, rejudged } = res.json() as { entry: { id: number }; rejudged: { machines: number; changed: number; statusChanged: number } };
    expect(rejudged).toMatchObject({ changed: 1, statusChanged: 1 });
    const [now] = await history(t, pc.agentId);
    expect(now).toMatchObject({ trigger: 'list' });
    expect(now!.triggerDetail).toContain(`deny list entry #${entry.id}`);
    const denied = now!.verdict.findings.find((f) => f.code === 'denied-software')!;
    expect(denied).toMatchObject({ category: 'other', subject: '迅雷 11', passed: false });
    expect(denied.message).toContain(`entry #${entry.id}: 下载工具，禁止安装`);
    expect(denied.messageZh).toContain('在禁用软件清单中');
    expect(denied.facts).toEqual(expect.arrayContaining(['software[0].name = 迅雷 11', 'software[0].publisher = 深圳市迅雷网络技术有限公司']));
    expect(now!.verdict.status).toBe('unauthorized');
    expect(await history(t, clean.agentId)).toHaveLength(1);

    // Removing the entry clears it again.
    const removed = await call(t, 'DELETE', `/lists/${entry.id}`, t.admin);
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await latest(t, pc.agentId)).verdict.status).toBe('licensed');
  });

  it('asks the registry for a commercial program the catalog knows, and covers it once bought', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    const v = await report(t, pc, winPro(OEM, [PHOTOSHOP]));
    const f = entitlement(v, 'other', 'Adobe Photoshop 2024');
    expect(f.code).toBe('no-entitlement');
    expect(f.message).toContain('Adobe Photoshop');
    expect(f.facts).toEqual(expect.arrayContaining(['software[0].publisher = Adobe Inc.', 'entitlement = none registered']));
    expect(v.status).toBe('unauthorized');

    const { licence } = await buy(t, { productId: 'adobe-photoshop', model: 'subscription', seats: 5, unitId: t.units.finance, validUntil: '2027-06-30' });
    const [now] = await history(t, pc.agentId);
    expect(now!.trigger).toBe('licence');
    expect(entitlement(now!.verdict, 'other')).toMatchObject({ code: 'licensed' });
    expect(entitlement(now!.verdict, 'other').facts.some((x) => x.startsWith(`licence = #${licence.id} adobe-photoshop subscription`))).toBe(true);
    expect(now!.verdict.status).toBe('licensed');
  });

  it('calls a commercial program installed between two snapshots an unauthorized install, and records every change', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    const first = await report(t, pc, winPro(OEM, [XUNLEI]));
    expect(first.status).toBe('licensed');
    at(t, 60 * 24);
    const second = await report(t, pc, winPro(OEM, [PHOTOSHOP]));
    const f = entitlement(second, 'other', 'Adobe Photoshop 2024');
    expect(f.code).toBe('unauthorized-install');
    expect(f.message).toContain(`installed after the previous snapshot ${first.snapshotId}, first seen in snapshot ${second.snapshotId}`);
    expect(f.messageZh).toContain(`上次快照 ${first.snapshotId} 之后安装`);
    expect(f.facts.some((x) => x.startsWith(`softwareChanges.installed = between snapshots ${first.snapshotId} and ${second.snapshotId}`))).toBe(true);

    at(t, 60 * 48);
    const third = await report(t, pc, winPro(OEM, [{ ...PHOTOSHOP, version: '25.1.0' }]));
    expect(entitlement(third, 'other').code).toBe('unauthorized-install'); // still the same install

    const log = await changes(pc.agentId);
    const rows = log.map((c) => [c.change, c.name, c.versionBefore, c.versionAfter, c.snapshotId, c.previousSnapshotId]);
    expect(rows).toEqual([
      ['changed', 'Adobe Photoshop 2024', '25.0.0', '25.1.0', third.snapshotId, second.snapshotId],
      ['removed', '迅雷 11', '11.4.8.2072', null, second.snapshotId, first.snapshotId],
      ['installed', 'Adobe Photoshop 2024', null, '25.0.0', second.snapshotId, first.snapshotId],
    ]);
    expect(log[2]).toMatchObject({ publisher: 'Adobe Inc.', at: second.collectedAt });

    // Bought afterwards: the install is covered, no longer unauthorised.
    await buy(t, { productId: 'adobe-photoshop', model: 'retail', seats: 1, unitId: t.units.finance });
    expect(entitlement((await latest(t, pc.agentId)).verdict, 'other').code).toBe('licensed');
  });

  it('keeps a program that was there from the first snapshot a plain no-entitlement', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    await report(t, pc, winPro(OEM, [PHOTOSHOP]));
    at(t, 60);
    const v = await report(t, pc, winPro(OEM, [PHOTOSHOP, XUNLEI]));
    expect(entitlement(v, 'other').code).toBe('no-entitlement');
    expect((await changes(pc.agentId)).map((c) => [c.change, c.name])).toEqual([['installed', '迅雷 11']]);
  });

  it('calls a denied or personal-use program installed later an unauthorized install too', async () => {
    await call(t, 'POST', '/lists', t.admin, { list: 'deny', name: '^迅雷', reason: '下载工具' });
    const pc = await machine(t, '财政局', 'czj-01');
    const first = await report(t, pc, winPro(OEM, [SKETCHUP_MAKE]));
    expect(codes(first, 'other')).toEqual(['personal-use-only']);
    expect(first.findings.find((f) => f.code === 'personal-use-only')!.messageZh).toContain('仅授权个人使用');
    at(t, 60);
    const second = await report(t, pc, winPro(OEM, [SKETCHUP_MAKE, XUNLEI]));
    const install = second.findings.filter((f) => f.category === 'other');
    expect(install.map((f) => [f.code, f.subject])).toEqual([
      ['personal-use-only', 'SketchUp Make 2017'],
      ['unauthorized-install', '迅雷 11'],
    ]);
    expect(install[1]!.message).toContain('is on the deny list');
    expect(install[1]!.message).toContain(`installed after the previous snapshot ${first.snapshotId}`);
  });

  it('judges a denied commercial program by the deny list alone, without asking for a seat', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    const v = await report(t, pc, winPro(OEM, [TEAMVIEWER]));
    expect(codes(v, 'other')).toEqual(['no-entitlement']);
    const { licence } = await buy(t, { productId: 'teamviewer', model: 'subscription', seats: 1, unitId: t.units.finance, validUntil: '2027-01-31' });
    expect(codes((await latest(t, pc.agentId)).verdict, 'other')).toEqual(['licensed']);
    await call(t, 'POST', '/lists', t.admin, { list: 'deny', name: '^TeamViewer', unitId: t.units.finance, reason: '远程控制软件，本局禁用' });
    const [now] = await history(t, pc.agentId);
    expect(codes(now!.verdict, 'other')).toEqual(['denied-software']);
    expect((await call(t, 'GET', `/licences/${licence.id}`, t.admin)).json()).toMatchObject({ allocated: 0 });
  });

  it('calls WPS Office personal edition personal-use-only, whatever the registry holds', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    const s = winPro(OEM);
    s.office = [{ name: 'WPS Office', edition: 'personal', version: '12.1.0.16388', source: 'registry:Kingsoft', activation: { state: 'unknown', reason: 'personal edition' } }];
    await buy(t, { productId: 'wps-office', model: 'site', seats: null, unitId: t.units.city });
    const v = await report(t, pc, s);
    const office = v.findings.filter((f) => f.category === 'office');
    expect(office.map((f) => f.code)).toEqual(['personal-use-only']);
    expect(office[0]!.message).toContain('Personal');
    expect(office[0]!.messageZh).toContain('个人版');
    expect(v.status).toBe('unauthorized');
  });
});
