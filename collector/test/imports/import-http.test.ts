import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/schema/imports.js';
import { adminToken, countRows, testApp, type TestApp } from '../helper.js';
import { bundleOf, offlinePc, offlineToken, snapshotLine, upload } from './bundles.js';

let t: TestApp;
let admin: string;
beforeEach(async () => {
  t = await testApp();
  admin = await adminToken(t.store);
});
afterEach(async () => t.close());

async function imported(body: string | Buffer, query = ''): Promise<ImportReport> {
  const res = await upload(t, body, admin, query);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportReport;
}

describe('POST /api/v1/imports', () => {
  it('registers a machine enrolled offline from its first bundle and judges its snapshots in seq order', async () => {
    const pc = offlinePc(await offlineToken(t), 'nw-pc-01');
    // Written out of order: the import takes an agent's snapshots by seq.
    const report = await imported(bundleOf([pc.enrollment, snapshotLine(pc, 2), snapshotLine(pc, 1)]), '?name=nw-pc-01.bundle');
    expect(report).toMatchObject({
      fileName: 'nw-pc-01.bundle', network: '内网A', intact: true, entries: 3, accepted: 2, duplicates: 0, refusedTotal: 0, replayedTotal: 0,
      enrolled: [{ agentId: pc.agentId, hostname: 'nw-pc-01', unit: '财政局' }], earlier: [], notSeen: [],
    });
    const machine = await t.app.inject({ method: 'GET', url: `/api/v1/machines/${pc.agentId}`, headers: { authorization: `Bearer ${admin}` } });
    expect(machine.statusCode).toBe(200);
    expect(machine.json()).toMatchObject({ hostname: 'nw-pc-01', unit: '财政局' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/imports', headers: { authorization: `Bearer ${admin}` } });
    expect(list.json()).toEqual([expect.objectContaining({ id: report.importId, accepted: 2, entries: 3, network: '内网A' })]);
    const again = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${report.importId}`, headers: { authorization: `Bearer ${admin}` } });
    expect(again.json()).toEqual(report);
  });

  it('changes nothing the second time a bundle comes in, and names the first import', async () => {
    const pc = offlinePc(await offlineToken(t), 'nw-pc-01');
    const bundle = bundleOf([pc.enrollment, snapshotLine(pc, 1), snapshotLine(pc, 2)]);
    const first = await imported(bundle);
    const before = countRows(t.dbFile);
    const second = await imported(gzipSync(bundle));
    expect(second).toMatchObject({ accepted: 0, duplicates: 2, enrolled: [], enrollmentsKnown: 1, refusedTotal: 0 });
    expect(second.earlier).toEqual([{ id: first.importId, importedAt: expect.any(String), actor: expect.stringMatching(/^token:/), fileName: 'upload' }]);
    // Only the import log and its audit line grow.
    expect(countRows(t.dbFile)).toEqual({ ...before, audit_log: before.audit_log! + 1 });
  });

  it('refuses a tampered line with its reason and imports the rest', async () => {
    const pc = offlinePc(await offlineToken(t), 'nw-pc-01');
    const good = snapshotLine(pc, 1);
    const tampered = snapshotLine(pc, 2).replace('nw-pc-01', 'nw-pc-99');
    const bundle = bundleOf([pc.enrollment, good, tampered, snapshotLine(pc, 3)]);
    const report = await imported(bundle);
    expect(report).toMatchObject({ intact: true, accepted: 2, refusedTotal: 1 });
    expect(report.refused).toEqual([{ line: 4, agentId: pc.agentId, code: 'E_SIGNATURE', message: expect.any(String) }]);

    // The same change made after the manifest was written: the file is named as changed too.
    const edited = bundleOf([pc.enrollment, snapshotLine(pc, 4)]).replace('nw-pc-01', 'nw-pc-77');
    const second = await imported(edited);
    expect(second.intact).toBe(false);
    expect(second.problems[0]).toMatch(/do not match the SHA-256/);
  });

  it('reports an old bundle carried in after a newer one as replayed, and stores none of it', async () => {
    const pc = offlinePc(await offlineToken(t), 'nw-pc-01');
    const old = bundleOf([pc.enrollment, snapshotLine(pc, 1), snapshotLine(pc, 2)]);
    await imported(bundleOf([pc.enrollment, snapshotLine(pc, 3)]));
    const before = countRows(t.dbFile);
    const report = await imported(old);
    expect(report).toMatchObject({ accepted: 0, replayedTotal: 2 });
    expect(report.replayed.map((r) => r.seq)).toEqual([1, 2]);
    expect(countRows(t.dbFile).snapshots).toBe(before.snapshots);
  });

  it('lists the machines of the network the bundle did not bring', async () => {
    const token = await offlineToken(t);
    const [a, b] = [offlinePc(token, 'nw-pc-01'), offlinePc(token, 'nw-pc-02')];
    const other = offlinePc(await offlineToken(t, '财政局', '内网B'), 'nw-b-01', '内网B');
    await imported(bundleOf([a.enrollment, snapshotLine(a, 1), b.enrollment, snapshotLine(b, 1)]));
    await imported(bundleOf([other.enrollment, snapshotLine(other, 1)], '内网B'));
    const report = await imported(bundleOf([a.enrollment, snapshotLine(a, 2)]));
    expect(report.notSeen).toEqual([{ agentId: b.agentId, hostname: 'nw-pc-02', unit: '财政局', lastSeen: expect.any(String) }]);
  });

  it('refuses the snapshots of an unknown machine and an enrollment whose token expired', async () => {
    const expired = offlinePc(await offlineToken(t, '财政局', '内网A', -1000), 'late-pc');
    const stranger = offlinePc('zbe_never-issued', 'stranger');
    const report = await imported(bundleOf([expired.enrollment, snapshotLine(expired, 1), snapshotLine(stranger, 1)]));
    expect(report.accepted).toBe(0);
    expect(report.refused.map((r) => [r.line, r.code])).toEqual([[2, 'E_ENROLL_TOKEN_EXPIRED'], [3, 'E_UNKNOWN_AGENT'], [4, 'E_UNKNOWN_AGENT']]);
  });

  it('refuses a request claiming an agent id its key does not imply', async () => {
    const pc = offlinePc(await offlineToken(t), 'nw-pc-01');
    const impostor = offlinePc(await offlineToken(t), 'nw-pc-02');
    const envelope = JSON.parse(impostor.enrollment) as { payload: string };
    const request = { ...(JSON.parse(envelope.payload) as object), agentId: pc.agentId };
    const { signBytes } = await import('@zhengban/shared');
    const payload = JSON.stringify(request);
    const forged = JSON.stringify({ kind: 'enrollment', agentId: pc.agentId, payload, signature: signBytes(Buffer.from(payload), impostor.keys.privateKeyPem) });
    const report = await imported(bundleOf([forged]));
    expect(report.refused).toEqual([{ line: 2, agentId: pc.agentId, code: 'E_OFFLINE_AGENT_ID', message: expect.stringContaining('its key makes it') }]);
  });

  it('refuses a body that is not a bundle, a viewer, and a bundle over the limit, changing nothing', async () => {
    await offlineToken(t);
    const viewer = await adminToken(t.store, 'viewer', (await t.store.read.units.findByName('财政局'))!.id);
    const before = countRows(t.dbFile);
    const notBundle = await upload(t, 'id,name\n1,x\n', admin);
    expect(notBundle.statusCode).toBe(400);
    expect(notBundle.json()).toEqual({ code: 'E_BUNDLE_FORMAT', message: 'upload is not a zhengban bundle: its first line is not JSON' });
    const empty = await upload(t, '', admin);
    expect(empty.statusCode).toBe(400);
    expect((await upload(t, bundleOf([]), viewer)).statusCode).toBe(403);
    expect(countRows(t.dbFile)).toEqual(before);

    const small = await testApp({ limits: { bundleBytes: 1000 } });
    try {
      const token = await adminToken(small.store);
      const pc = offlinePc(await offlineToken(small), 'nw-pc-01');
      const res = await upload(small, bundleOf([pc.enrollment, snapshotLine(pc, 1)]), token);
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'E_TOO_LARGE' });
      expect(countRows(small.dbFile).agents).toBe(0);
    } finally {
      await small.close();
    }
  });
});
