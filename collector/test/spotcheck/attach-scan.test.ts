import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding, Snapshot, Verdict } from '@zhengban/shared';
import { attachOnSiteScan, type OnSiteScanInput } from '../../src/service/spot-check-scan.js';
import { countRows, minimalSnapshot } from '../helper.js';
import { county, create, snapshotFor, view, type County } from './spot-helper.js';

/**
 * The kit's scans attached to a spot check (the import calls attachOnSiteScan): matched
 * to a sampled machine, picked on site, or attached before.
 */
let c: County;
beforeEach(async () => {
  c = await county();
});
afterEach(() => c.t.close());

const deps = () => ({ store: c.t.store, now: () => c.t.clock.now, staleAfterMs: 48 * 3_600_000 });
const crack: Finding = { category: 'os', code: 'crack-activator', passed: false, subject: 'KMSpico', message: 'KMSpico activator', messageZh: '发现 KMSpico 破解激活工具', facts: ['service = KMSELDI'] };

/** A kit's scan of a PC: a snapshot made by hand (no agent id: the kit does not enrol) and the kit's verdict. */
function scanOf(hostname: string, machine: Partial<Snapshot['machine']>, findings: Finding[] = [], licensed = true): OnSiteScanInput {
  const snapshot: Snapshot = { ...minimalSnapshot(), ...snapshotFor(hostname, 'desktop', licensed), agentId: null, collectedAt: c.t.clock.now.toISOString() };
  snapshot.machine = { hostname, chassis: 'desktop', ...machine };
  const verdict: Verdict = { status: findings.some((f) => !f.passed) ? 'unauthorized' : 'licensed', findings, rulesVersion: 'kit-1', decidedAt: snapshot.collectedAt, snapshotId: snapshot.snapshotId };
  const envelopeSha256 = createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
  return { snapshot, verdict, inspector: '督查组 王检查', signedAt: snapshot.collectedAt, envelopeSha256 };
}

describe('attachOnSiteScan', () => {
  it('matches a scan to a sampled machine by hardware UUID, serial, OS install id or host name, and records which', async () => {
    const v = await create(c, { unit: '财政局', ratio: 1 });
    const no = (h: string) => v.machines.find((m) => m.hostname === h)!.no;
    const byUuid = await attachOnSiteScan(deps(), v.id, scanOf('renamed-1', { hardwareUuid: 'UUID-czj-03' }));
    expect(byUuid).toMatchObject({ kind: 'matched', no: no('czj-03'), hostname: 'czj-03', matchedBy: 'hardwareUuid', discrepancies: [] });
    expect(await attachOnSiteScan(deps(), v.id, scanOf('renamed-2', { serial: 'SN-czj-04' }))).toMatchObject({ no: no('czj-04'), matchedBy: 'serial' });
    expect(await attachOnSiteScan(deps(), v.id, scanOf('renamed-3', { machineId: 'mid-czj-05' }))).toMatchObject({ no: no('czj-05'), matchedBy: 'machineId' });
    const byName = await attachOnSiteScan(deps(), v.id, scanOf('CZJ-06', { serial: 'To Be Filled By O.E.M.' }));
    expect(byName).toMatchObject({ no: no('czj-06'), matchedBy: 'hostname', discrepancies: [] });
    const shown = (await view(c, v.id)).machines.find((m) => m.hostname === 'czj-03')!;
    expect(shown.scan).toMatchObject({ inspector: '督查组 王检查', matchedBy: 'hardwareUuid', hostname: 'renamed-1', verdict: { rulesVersion: 'kit-1' } });
    expect(shown.frozen!.machine!.hostname).toBe('czj-03');
  });

  it('marks what the kit found and the frozen verdict did not, and counts the machine unauthorized', async () => {
    const v = await create(c, { unit: '财政局', ratio: 1 });
    const r = await attachOnSiteScan(deps(), v.id, scanOf('czj-03', { serial: 'SN-czj-03' }, [crack]));
    expect(r.discrepancies.map((d) => d.messageZh)).toEqual(['现场扫描发现代理程序未报告的问题：操作系统「KMSpico」破解激活']);
    const m = (await view(c, v.id)).machines.find((x) => x.hostname === 'czj-03')!;
    expect([m.frozen!.verdict!.status, m.status]).toEqual(['licensed', 'unauthorized']);
  });

  it('says the agent was stopped when the PC was scanned days after its last report', async () => {
    const v = await create(c, { unit: '财政局', ratio: 1 });
    c.t.clock.now = new Date(c.t.clock.now.getTime() + 5 * 86_400_000);
    const r = await attachOnSiteScan(deps(), v.id, scanOf('czj-04', { serial: 'SN-czj-04' }));
    expect(r.discrepancies.map((d) => d.code)).toEqual(['agent-stopped']);
    expect(r.discrepancies[0]!.messageZh).toBe('代理程序被卸载或停止：代理程序未运行或未按期上报');
  });

  it('adds a PC no sampled machine is as an on-site pick: a machine of the unit frozen now, or one the collector does not know', async () => {
    const v = await create(c, { unit: '青溪县', ratio: 0.1, min: 2, seed: 'pick' });
    const drawn = new Set(v.machines.map((m) => m.hostname));
    const notDrawn = ['czj-01', 'czj-02', 'czj-03'].find((h) => !drawn.has(h))!;
    const known = await attachOnSiteScan(deps(), v.id, scanOf(notDrawn, { serial: `SN-${notDrawn}` }));
    expect(known).toMatchObject({ kind: 'picked', no: 3, hostname: notDrawn, matchedBy: 'serial', discrepancies: [] });
    const stranger = await attachOnSiteScan(deps(), v.id, scanOf('无名-PC', { chassis: 'laptop', serial: 'SN-NEW' }, [crack]));
    expect(stranger).toMatchObject({ kind: 'picked', no: 4, matchedBy: null });
    expect(stranger.discrepancies.map((d) => d.code)).toEqual(['not-enrolled']);
    const after = await view(c, v.id);
    expect(after.machines.slice(2).map((m) => [m.origin, m.unit, m.kind, m.status, m.machineId === null])).toEqual([
      ['on-site', '财政局', 'desktop', notDrawn === 'czj-03' ? 'licensed' : 'unauthorized', false],
      ['on-site', '青溪县', 'laptop', 'unauthorized', true],
    ]);
    expect(after.grade.figures).toMatchObject({ sampled: 4, agentTampered: 1 });
  });

  it('attaches an envelope once: the same one again answers duplicate and writes nothing', async () => {
    const v = await create(c, { unit: '教育局', ratio: 1 });
    const scan = scanOf('jyj-02', { serial: 'SN-jyj-02' });
    const first = await attachOnSiteScan(deps(), v.id, scan);
    const rows = countRows(c.t.dbFile);
    const again = await attachOnSiteScan(deps(), v.id, { ...scan, envelopeSha256: scan.envelopeSha256.toUpperCase() });
    expect(again).toEqual({ ...first, kind: 'duplicate' });
    expect(countRows(c.t.dbFile)).toEqual(rows);
    const picked = scanOf('unknown-pc', { serial: 'SN-X' });
    await attachOnSiteScan(deps(), v.id, picked);
    expect(await attachOnSiteScan(deps(), v.id, picked)).toMatchObject({ kind: 'duplicate', no: 5 });
    expect((await view(c, v.id)).machines).toHaveLength(5);
  });

  it('refuses a scan of the wrong shape, a spot check that does not exist and one closed, writing nothing', async () => {
    const v = await create(c, { unit: '教育局', ratio: 1 });
    const rows = countRows(c.t.dbFile);
    await expect(attachOnSiteScan(deps(), v.id, { ...scanOf('jyj-02', {}), envelopeSha256: 'abc' })).rejects.toMatchObject({ code: 'E_SCHEMA', status: 400 });
    await expect(attachOnSiteScan(deps(), v.id, { ...scanOf('jyj-02', {}), signedAt: 'yesterday!' })).rejects.toMatchObject({ code: 'E_INVALID' });
    await expect(attachOnSiteScan(deps(), 99, scanOf('jyj-02', {}))).rejects.toMatchObject({ code: 'E_NOT_FOUND', status: 404 });
    await c.t.app.inject({ method: 'POST', url: `/api/v1/spot-checks/${v.id}/close`, headers: { authorization: `Bearer ${c.admin}` } });
    await expect(attachOnSiteScan(deps(), v.id, scanOf('jyj-02', {}))).rejects.toMatchObject({ code: 'E_SPOT_CHECK_CLOSED', status: 409 });
    expect(countRows(c.t.dbFile)).toEqual({ ...rows, audit_log: rows.audit_log! + 1 });
  });
});
