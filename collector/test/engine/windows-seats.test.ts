import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowsPro } from '../licences/licence-helper.js';
import { at, buy, call, codes, debianBox, engineApp, entitlement, history, latest, machine, report, winPro, type EngineApp } from './engine-helper.js';

let t: EngineApp;
beforeEach(async () => {
  t = await engineApp();
});
afterEach(async () => {
  // Whatever a test did to the seats, the counts the triggers keep (migration 13) are the counted ones.
  const db = new Database(t.dbFile, { readonly: true });
  try {
    const kept = db.prepare('SELECT licence_id, used FROM licence_seats_used WHERE used <> 0 ORDER BY licence_id').all();
    const counted = db.prepare('SELECT licence_id, count(*) AS used FROM seat_allocations GROUP BY licence_id ORDER BY licence_id').all();
    expect(kept).toEqual(counted);
  } finally {
    db.close();
  }
  await t.close();
});

const SUBJECT = 'Microsoft Windows 10 Pro';

describe('Windows seats through the API', () => {
  it('finds no entitlement without a licence, then covers the machine once one is bought', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    const v = await report(t, pc, winPro());
    expect(v.status).toBe('unauthorized');
    const f = entitlement(v, 'os');
    expect(f).toMatchObject({ code: 'no-entitlement', passed: false, subject: SUBJECT });
    expect(f.message).toContain('Windows (client) 10 Pro');
    expect(f.message).toContain('财政局');
    expect(f.messageZh).toContain('Windows 桌面操作系统 10 专业版');
    expect(f.messageZh).toContain('财政局');
    expect(f.facts).toContain('entitlement = none registered');
    // The activation is fine: the registry alone decides.
    expect(codes(v, 'os')).toEqual(['licensed', 'no-entitlement']);

    const { licence, rejudged } = await buy(t, windowsPro(t.units.finance, { seats: 2 }));
    expect(rejudged).toMatchObject({ machines: 1, changed: 1, statusChanged: 1 });
    const [now, before] = await history(t, pc.agentId);
    expect(before?.trigger).toBe('snapshot');
    expect(now).toMatchObject({ trigger: 'licence', triggerDetail: `licence #${licence.id} created by token:1`, snapshotId: v.snapshotId });
    expect(now!.verdict.status).toBe('licensed');
    const covered = entitlement(now!.verdict, 'os');
    expect(covered).toMatchObject({ code: 'licensed', passed: true });
    expect(covered.message).toContain(`holds a seat of licence #${licence.id} (OEM, 财政局)`);
    expect(covered.messageZh).toContain(`第 ${licence.id} 号授权`);
    expect(covered.facts).toContain(`licence = #${licence.id} windows/pro oem, unit 财政局`);
    const view = await call(t, 'GET', `/licences/${licence.id}`, t.admin);
    expect(view.json()).toMatchObject({ allocated: 1 });
  });

  it('over-allocates the machine seen last, and gives it the seat a machine that left Windows frees', async () => {
    const pcs = [];
    for (const [i, host] of ['czj-01', 'czj-02', 'czj-03'].entries()) {
      at(t, i * 60);
      const pc = await machine(t, '财政局', host);
      await report(t, pc, winPro());
      pcs.push(pc);
    }
    const [first, second, third] = pcs as [(typeof pcs)[0], (typeof pcs)[0], (typeof pcs)[0]];
    at(t, 300);
    const { licence, rejudged } = await buy(t, windowsPro(t.units.finance, { seats: 2 }));
    expect(rejudged).toMatchObject({ machines: 3, changed: 3, statusChanged: 2 });
    expect(entitlement((await latest(t, first.agentId)).verdict, 'os').code).toBe('licensed');
    expect(entitlement((await latest(t, second.agentId)).verdict, 'os').code).toBe('licensed');
    const queued = (await latest(t, third.agentId)).verdict;
    const f = entitlement(queued, 'os');
    expect(f.code).toBe('over-allocated');
    expect(f.message).toContain('all 2 are taken by other machines, and this PC is number 1 in the queue for a seat');
    expect(f.messageZh).toContain('本机在等候队列中排第 1 位');
    expect(f.facts).toContain('licence.queuePosition = 1');
    expect(queued.status).toBe('unauthorized');

    // A later snapshot of a holder does not move its seat, nor the queue.
    at(t, 400);
    const again = await report(t, second, winPro());
    expect(entitlement(again, 'os').code).toBe('licensed');
    expect(await history(t, third.agentId)).toHaveLength(2);

    // The first machine now runs Debian: its seat goes to the queued one.
    at(t, 500);
    const moved = await report(t, first, debianBox());
    expect(moved.findings.some((x) => x.facts.some((s) => s.startsWith('licence = ')))).toBe(false);
    const [gained] = await history(t, third.agentId);
    expect(gained).toMatchObject({ trigger: 'seat' });
    expect(gained!.triggerDetail).toContain(`after snapshot ${moved.snapshotId} of machine ${first.agentId}`);
    expect(entitlement(gained!.verdict, 'os')).toMatchObject({ code: 'licensed' });
    expect(gained!.verdict.status).toBe('licensed');
    expect((await call(t, 'GET', `/licences/${licence.id}`, t.admin)).json()).toMatchObject({ allocated: 2 });
  });

  it('keeps the seats a disposal leaves to the machines seen first', async () => {
    const pcs = [];
    for (const [i, host] of ['czj-01', 'czj-02'].entries()) {
      at(t, i * 60);
      const pc = await machine(t, '财政局', host);
      await report(t, pc, winPro());
      pcs.push(pc);
    }
    const { licence } = await buy(t, windowsPro(t.units.finance, { seats: 2 }));
    const res = await call(t, 'POST', `/licences/${licence.id}/events`, t.admin, { kind: 'disposal', disposal: 'scrap', date: '2026-11-19', seats: 1 });
    expect(res.statusCode, res.body).toBe(201);
    // Only the machine that loses its seat gets a new verdict: a holder's finding quotes no seat count.
    expect(res.json().rejudged).toMatchObject({ machines: 1, changed: 1, statusChanged: 1 });
    expect(entitlement((await latest(t, pcs[0]!.agentId)).verdict, 'os').message).toContain('(OEM, 财政局)');
    expect(entitlement((await latest(t, pcs[0]!.agentId)).verdict, 'os').code).toBe('licensed');
    const [lost] = await history(t, pcs[1]!.agentId);
    expect(lost!.trigger).toBe('licence');
    expect(entitlement(lost!.verdict, 'os')).toMatchObject({ code: 'over-allocated' });
  });

  it('leaves holders\' verdicts alone when a renewal or a seat change keeps their seats', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    await report(t, pc, winPro());
    const { licence } = await buy(t, windowsPro(t.units.finance, { validUntil: '2026-12-31', seats: 2 }));
    const before = await history(t, pc.agentId);
    const renewal = await call(t, 'POST', `/licences/${licence.id}/events`, t.admin, { kind: 'renewal', date: '2026-11-20', validUntil: '2027-12-31' });
    expect(renewal.json().rejudged).toMatchObject({ machines: 0, changed: 0, statusChanged: 0 });
    await call(t, 'PATCH', `/licences/${licence.id}`, t.admin, { seats: 5 });
    expect(await history(t, pc.agentId)).toHaveLength(before.length);
    expect(entitlement((await latest(t, pc.agentId)).verdict, 'os').facts).toContain(`licence = #${licence.id} windows/pro oem, unit 财政局`);
  });

  it('calls a machine whose licence ran out expired, and a licence not yet valid a near miss', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    await report(t, pc, winPro());
    const { licence } = await buy(t, windowsPro(t.units.finance, { validFrom: '2025-01-01', validUntil: '2026-06-30' }));
    const f = entitlement((await latest(t, pc.agentId)).verdict, 'os');
    expect(f.code).toBe('expired');
    expect(f.message).toContain(`which expired on 2026-06-30`);
    expect(f.messageZh).toContain('已于 2026-06-30 到期');

    const renewed = await call(t, 'PATCH', `/licences/${licence.id}`, t.admin, { validFrom: '2026-12-01', validUntil: '2027-12-31' });
    expect(renewed.statusCode, renewed.body).toBe(200);
    const near = entitlement((await latest(t, pc.agentId)).verdict, 'os');
    expect(near.code).toBe('no-entitlement');
    expect(near.message).toContain('is not valid yet');
    expect(near.facts).toContain(`entitlement = none (nearest: licence #${licence.id}, not-yet-valid)`);
  });

  it('does not cover a machine from a sibling unit, and covers it once moved into the scope', async () => {
    await buy(t, windowsPro(t.units.education));
    const pc = await machine(t, '财政局', 'czj-01');
    const v = await report(t, pc, winPro());
    const f = entitlement(v, 'os');
    expect(f.code).toBe('no-entitlement');
    expect(f.facts).toContain('entitlement = none registered');

    const res = await call(t, 'POST', `/machines/${pc.agentId}/move`, t.admin, { unitId: t.units.education, reason: '调岗' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().rejudged).toMatchObject({ changed: 1, statusChanged: 1 });
    const [moved] = await history(t, pc.agentId);
    expect(moved).toMatchObject({ trigger: 'move' });
    expect(entitlement(moved!.verdict, 'os').code).toBe('licensed');
    expect(moved!.verdict.status).toBe('licensed');
  });

  it('covers a machine moved into the subtree of the licence scope', async () => {
    const { licence } = await buy(t, windowsPro(t.units.finance));
    const pc = await machine(t, '教育局', 'jyj-01');
    expect(entitlement(await report(t, pc, winPro()), 'os').code).toBe('no-entitlement');
    await call(t, 'POST', `/machines/${pc.agentId}/move`, t.admin, { unitId: t.units.budget });
    const f = entitlement((await latest(t, pc.agentId)).verdict, 'os');
    expect(f.code).toBe('licensed');
    expect(f.facts).toContain(`licence = #${licence.id} windows/pro oem, unit 财政局`);
    // Moved out again: the seat is given up.
    await call(t, 'POST', `/machines/${pc.agentId}/move`, t.admin, { unitId: t.units.education });
    expect(entitlement((await latest(t, pc.agentId)).verdict, 'os').code).toBe('no-entitlement');
    expect((await call(t, 'GET', `/licences/${licence.id}`, t.admin)).json()).toMatchObject({ allocated: 0 });
  });

  it("trusts the KMS hosts of a kms licence and covers the machines activated through them", async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    const kms = { channel: 'Volume:GVLK', kmsHost: 'kms.czj.gov.cn:1688', graceRemainingMinutes: 250_000, partialKey: 'W269N' };
    const v = await report(t, pc, winPro(kms));
    expect(codes(v, 'os')).toEqual(['untrusted-kms', 'no-entitlement']);

    const { rejudged } = await buy(t, windowsPro(t.units.city, { model: 'kms', kmsHosts: ['KMS.czj.gov.cn'], seats: null, edition: null }));
    expect(rejudged).toMatchObject({ machines: 1, changed: 1, statusChanged: 1 });
    const [now] = await history(t, pc.agentId);
    expect(now!.trigger).toBe('licence');
    expect(codes(now!.verdict, 'os')).toEqual(['licensed', 'licensed']);
    expect(now!.verdict.status).toBe('licensed');

    // Another host is neither trusted nor covered by that licence.
    const other = await machine(t, '财政局', 'czj-02');
    const w = await report(t, other, winPro({ ...kms, kmsHost: 'kms.example.net' }));
    expect(codes(w, 'os')).toEqual(['untrusted-kms', 'no-entitlement']);
    expect(entitlement(w, 'os').message).toContain('covers only activation through its own KMS hosts');
  });

  it('covers Windows activated by the OEM key in the firmware without any licence', async () => {
    const pc = await machine(t, '财政局', 'czj-01');
    const v = await report(t, pc, winPro({ channel: 'OEM:DM' }));
    const f = entitlement(v, 'os');
    expect(f).toMatchObject({ code: 'licensed', passed: true });
    expect(f.facts).toContain('entitlement = OEM key in the PC firmware');
    expect(f.messageZh).toContain('OEM');
    expect(v.status).toBe('licensed');
    // Nor does it take a seat from a licence bought later.
    const { licence } = await buy(t, windowsPro(t.units.finance, { seats: 1 }));
    expect((await call(t, 'GET', `/licences/${licence.id}`, t.admin)).json()).toMatchObject({ allocated: 0 });
    expect(await history(t, pc.agentId)).toHaveLength(1);
  });

  it('gives up the seat of a machine that turns out to have the OEM firmware key', async () => {
    const holder = await machine(t, '财政局', 'czj-01');
    await report(t, holder, winPro());
    at(t, 60);
    const waiting = await machine(t, '财政局', 'czj-02');
    await report(t, waiting, winPro());
    await buy(t, windowsPro(t.units.finance, { seats: 1 }));
    expect(entitlement((await latest(t, waiting.agentId)).verdict, 'os').code).toBe('over-allocated');

    at(t, 120);
    const v = await report(t, holder, winPro({ channel: 'OEM:DM' }));
    expect(entitlement(v, 'os').facts).toContain('entitlement = OEM key in the PC firmware');
    const [gained] = await history(t, waiting.agentId);
    expect(gained!.trigger).toBe('seat');
    expect(entitlement(gained!.verdict, 'os').code).toBe('licensed');
  });
});
